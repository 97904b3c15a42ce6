"""Formatted XLSX workbooks for people to open (HR's link codes and employee list, a unit
head's recap): a bold shaded header row that stays in view, a filter, columns wide enough
for their contents, and every cell a text cell through `export_cell` — an NIP keeps its 18
digits and nothing is ever evaluated as a formula. A cell given as `Link(text, url)` is a
hyperlink (http/https only)."""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import Any

from handlers.org.tabular import export_cell

MAX_WIDTH = 60
MIN_WIDTH = 6
SAMPLE_ROWS = 500  # enough rows to size a column; the rest follow the same shape


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)


def _text(value: object) -> str:
    return export_cell(value.text if isinstance(value, Link) else value)


def column_widths(sheet: Sheet) -> list[int]:
    widths = [len(h) for h in sheet.headers]
    for row in sheet.rows[:SAMPLE_ROWS]:
        for i, value in enumerate(row[:len(widths)]):
            longest = max((len(line) for line in _text(value).splitlines()), default=0)
            widths[i] = max(widths[i], longest)
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def xlsx_bytes(*sheets: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        for i, width in enumerate(column_widths(spec), start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        if spec.headers:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.headers))}{len(spec.rows) + 1}"
        sheet.append([_cell(sheet, h, header=True) for h in spec.headers])
        for row in spec.rows:
            sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@functools.cache
def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {"bold": Font(bold=True, color="FFFFFF"), "shade": PatternFill("solid", fgColor="305496"),
            "link": Font(color="0563C1", underline="single"), "wrap": Alignment(vertical="top", wrap_text=True)}


def _cell(sheet: Any, value: object, header: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell

    style = _styles()
    made = WriteOnlyCell(sheet, value=_text(value))
    made.data_type = "s"  # a string cell even if openpyxl took it for a formula
    made.number_format = "@"  # shown and edited as text: Excel will not turn an NIP into 1.99E+17
    if header:
        made.font, made.fill = style["bold"], style["shade"]
        return made
    if isinstance(value, Link) and value.url.startswith(("https://", "http://")):
        made.hyperlink, made.font = value.url, style["link"]
    made.alignment = style["wrap"]
    return made
