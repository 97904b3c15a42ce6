"""The letter renderer (fpdf2): the building blocks every letter the bot issues is drawn with — the
kop surat, heading and number (letter), text (paragraph, fields), and the signature with place and date,
tembusan and the verification code and QR (signed).

Text is set in DejaVu Sans, embedded (subset) in every PDF, so any name — "Ni Luh Putu Ayu Dewi Çandra",
"Đặng" — prints as written. The font files are matplotlib's (a dependency), found without importing it.
Drawing a letter takes about half a second of CPU (mostly the font), so callers in the bot run it in a
worker thread (handlers.letters.documents), not on the event loop."""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from fpdf import FPDF

from domain.letters import Letterhead

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
FONT = "DejaVu"
# Two faces only: loading one costs a third of a second, so the closing note is small rather than italic.
_FACES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
LEFT, RIGHT, WIDTH = 25, 185, 160


@dataclass(frozen=True)
class Verification:
    """What the foot of a letter prints so anyone can check it: the code, and where to check it."""
    code: str  # as shown, e.g. "7K2QX-M9D4A"
    url: str  # what the QR holds: a link that opens the check in the bot
    hint: str  # the sentence beside the QR


@cache
def font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib (which ships the DejaVu fonts letters are set in) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def date_id(day: dt.date) -> str:
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def _new_pdf(doc_title: str) -> FPDF:
    pdf = FPDF(format="A4")
    for style, file in _FACES.items():
        pdf.add_font(FONT, style, str(font_dir() / file))
    pdf.set_title(doc_title)
    pdf.set_creator("Sikerja")
    pdf.set_margins(LEFT, 20, 210 - RIGHT)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    return pdf


def _kop(pdf: FPDF, head: Letterhead, unit_name: str) -> None:
    """The letterhead: the Pemda's name, the unit, the address, the logo at the left, a double rule."""
    top = pdf.get_y()
    logo = bool(head.logo_path) and Path(head.logo_path or "").is_file()
    if logo:
        pdf.image(head.logo_path, x=LEFT, y=top, h=22)
        pdf.set_left_margin(LEFT + 26)  # the kop's lines are centred beside the logo, not over it
        pdf.set_x(LEFT + 26)
    lines = [(text, size, style) for text, size, style in (
        (head.name.upper(), 13, "B"), (unit_name.upper(), 12 if head.name else 13, "B"), (head.address, 9, ""))
        if text]
    for text, size, style in lines:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(0, 6 if size > 9 else 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    if logo:
        pdf.set_left_margin(LEFT)
        pdf.set_y(max(pdf.get_y(), top + 22))
    y = pdf.get_y() + 2
    pdf.set_line_width(0.8)
    pdf.line(LEFT, y, RIGHT, y)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, y + 1.2, RIGHT, y + 1.2)
    pdf.set_y(y + 6)


def letter(doc_title: str, unit_name: str, heading: str, number: str, *, head: Letterhead | None = None) -> FPDF:
    """A page with the kop surat, the document's heading and its number: the start of every letter."""
    pdf = _new_pdf(doc_title)
    _kop(pdf, head or Letterhead(), unit_name)
    pdf.set_font(FONT, "BU", 12)
    pdf.multi_cell(0, 7, heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 6, f"Nomor: {number}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    return pdf


def paragraph(pdf: FPDF, text: str, gap: float = 2) -> None:
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def fields(pdf: FPDF, rows: tuple[tuple[str, str], ...]) -> None:
    for label, value in rows:
        pdf.cell(35, 6, label)
        pdf.multi_cell(0, 6, f": {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _qr_png(url: str) -> io.BytesIO:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=1)
    out.seek(0)
    return out


def signed(pdf: FPDF, issued_on: dt.date, jabatan: str, name: str, nip: str, *, place: str = "",
           tembusan: Sequence[str] = (), verification: Verification | None = None) -> bytes:
    """The place and date, the signature block, the tembusan, the verification code and QR, and the
    electronic-document note; the finished PDF."""
    pdf.ln(8)
    dated = f"{place}, {date_id(issued_on)}" if place else f"Ditetapkan pada {date_id(issued_on)}"
    pdf.set_x(110)
    pdf.multi_cell(0, 6, f"{dated}\n{jabatan},\n\n\n\n{name}\nNIP {nip}", new_x="LMARGIN", new_y="NEXT")
    if tembusan:
        pdf.ln(4)
        pdf.set_font(FONT, "", 10)
        pdf.cell(0, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for i, to in enumerate(tembusan, 1):
            pdf.multi_cell(0, 5, f"{i}. {to}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    if verification is not None:
        if pdf.get_y() + 28 > pdf.h - 20:
            pdf.add_page()
        top = pdf.get_y()
        pdf.image(_qr_png(verification.url), x=LEFT, y=top, w=24, h=24)
        pdf.set_xy(LEFT + 28, top + 2)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 5, f"Kode verifikasi: {verification.code}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(LEFT + 28)
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(0, 4, verification.hint, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), top + 26))
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(0, 4, "Dokumen elektronik yang diterbitkan melalui Sikerja; tercatat dalam jejak audit.",
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
