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
    assert "2 new, 0 already there, 0 problem(s)" in capsys.readouterr().out
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 0
    assert "0 new, 2 already there" in capsys.readouterr().out


async def test_imported_team_has_its_ketua_and_members(env, app):
    assert await asyncio.to_thread(main, ["import", "teams", str(SAMPLES / "teams.csv")]) == 0
    teams, members = await _teams(app)
    assert [t.name for t in teams] == ["Tim Sub Kegiatan Surveilans Penyakit Menular"]
    assert {m.role.value for m in members} == {"ketua", "anggota"}


def test_a_bad_row_means_nothing_is_written(env, app, tmp_path, capsys):
    bad = tmp_path / "teams.csv"
    bad.write_text(
        "unit_code,name,kind,goal,starts_on,ends_on,ketua_nip,member_nips\n"
        "DINKES.P2P,Tim Baik,rutin,Tujuan yang jelas,2026-10-01,2026-12-31,199203082019031007,\n"
        "DINKES.P2P,Tim Jelek,rutin,Tujuan,2026-10-01,2026-12-31,199999999999999999,\n"
        "NOPE,Tim Tanpa Unit,rutin,Tujuan,2026-10-01,2026-12-31,,\n")
    assert main(["import", "teams", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Row 3: no active employee has NIP 199999999999999999" in out
    assert "Row 4: unit NOPE is unknown or has no head" in out
    assert "nothing written" in out


def test_surakarta_ketua_is_not_set_by_import(env, app, tmp_path, capsys):
    """Surakarta Ps 15(4): the Sekda appoints the ketua; an import cannot."""
    env.setenv("SIKERJA_PROFILE", "surakarta")
    assert main(["import", "teams", str(SAMPLES / "teams.csv")]) == 1
    out = capsys.readouterr().out
    assert "sekda" in out and "Ps 15(4)" in out


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
    assert "Row 2:" in out and "Pengawas" in out and "Ps 14(5)(b)" in out and "Row 3" not in out
