"""Surat penugasan (assignment letter) as a one-page PDF, made with fpdf2.

Electronic proof of assignment satisfies rule 2 (work may not start without a surat
penugasan or other written proof, on paper or electronic)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]


@dataclass(frozen=True)
class LetterData:
    number: str
    issued_on: dt.date
    unit_name: str
    employee_name: str
    employee_nip: str
    employee_jabatan: str
    work: str
    mode: str  # penunjukan | sukarela
    issuer_name: str
    issuer_nip: str
    issuer_jabatan: str
    regulation: str


def _latin1(text: str) -> str:
    """The PDF core fonts are Latin-1; keep letters, replace what they cannot draw."""
    return text.replace("—", "-").replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def _date_id(day: dt.date) -> str:
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def assignment_letter(d: LetterData) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"Surat Penugasan {d.number}")
    pdf.set_creator("Sikerja")
    pdf.add_page()
    pdf.set_margins(25, 20, 25)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, _latin1(d.unit_name.upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.line(25, pdf.get_y() + 2, 185, pdf.get_y() + 2)
    pdf.ln(8)
    pdf.set_font("Helvetica", "BU", 12)
    pdf.cell(0, 7, "SURAT PENUGASAN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, _latin1(f"Nomor: {d.number}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    basis = ("atas pengajuan sukarela yang bersangkutan" if d.mode == "sukarela" else "melalui penunjukan")
    pdf.multi_cell(0, 6, _latin1(f"Berdasarkan {d.regulation}, dengan ini menugaskan, {basis}:"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in (("Nama", d.employee_name), ("NIP", d.employee_nip), ("Jabatan", d.employee_jabatan)):
        pdf.cell(35, 6, label)
        pdf.multi_cell(0, 6, _latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 6, _latin1(f"Untuk melaksanakan tugas pada: {d.work}."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 6, "Demikian surat penugasan ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_x(110)
    pdf.multi_cell(0, 6, _latin1(f"Ditetapkan pada {_date_id(d.issued_on)}\n{d.issuer_jabatan},\n\n\n\n"
                                 f"{d.issuer_name}\nNIP {d.issuer_nip}"))
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 4, "Dokumen elektronik yang diterbitkan melalui Sikerja; tercatat dalam jejak audit.",
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
