"""Reading and writing simple tables as CSV or XLSX (openpyxl): the first row is the header.

CSV: UTF-8 (with or without BOM, else Windows-1252), comma, semicolon or tab separated
(Excel in an Indonesian locale writes semicolons). XLSX: the first sheet; whole numbers
come back without ".0" (a phone number typed as a number still reads as digits), but a
number beyond 15 digits, which a number cell cannot hold exactly, comes back as Excel shows
it ("1.99001012015031E+17"), so the NIP parser refuses it instead of taking another NIP.

Writing: every cell is text, neutralised against formula injection (`domain.text`)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from domain.text import clean_text, neutralise_formula

EXACT_DIGITS = 15  # what a spreadsheet number cell (a double) holds exactly


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells); blank rows skipped


class UnreadableFile(Exception):
    pass


def read_table(path: str | Path) -> Table:
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"{path}: no such file")
    return table_from_bytes(path.name, path.read_bytes(), label=str(path))


def readable_name(name: str) -> bool:
    """A file name this module can read (by its extension)."""
    return Path(name).suffix.lower() in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")


def table_from_bytes(name: str, content: bytes, label: str | None = None) -> Table:
    """A file's table from its bytes (e.g. a document sent in Telegram); `name` gives the format."""
    label = label or name
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(content, label)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(content)
    raise UnreadableFile(f"{label}: expected a .csv or .xlsx file")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table(enumerate(reader, start=1))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and abs(value) >= 10**EXACT_DIGITS:
        return f"{value:.{EXACT_DIGITS}G}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(content: bytes, label: str) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(f"{label}: not a readable XLSX file ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = ((n, [_cell_text(v) for v in values])
                for n, values in enumerate(sheet.iter_rows(values_only=True), start=1))
        return _table(rows)
    finally:
        book.close()


def _table(rows: Iterable[tuple[int, list[str]]]) -> Table:
    headers: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if headers is None:
            headers = cells
        else:
            body.append((number, cells))
    if headers is None:
        raise UnreadableFile("the file is empty")
    return Table(headers, body)


def export_cell(value: object) -> str:
    """One cell of an exported file, for every writer: text, never a live formula, without
    control or bidi characters (which XLSX cannot even hold)."""
    return neutralise_formula(clean_text("" if value is None else str(value)))


def write_table(path: str | Path, headers: list[str], rows: list[list[object]]) -> None:
    """A CSV or XLSX file for people (HR) to open: every cell goes through `export_cell`,
    and XLSX cells are string cells, so nothing is ever evaluated as a formula and an NIP
    keeps all its digits."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from handlers.org.workbook import Sheet, xlsx_bytes  # formatted: bold header, widths, text cells

        path.write_bytes(xlsx_bytes(Sheet("Sheet1", list(headers), [list(row) for row in rows])))
        return
    lines = [[export_cell(v) for v in headers]] + [[export_cell(v) for v in row] for row in rows]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(lines)
