"""Surat penugasan (assignment letter) as a one-page PDF, made with fpdf2, from building blocks
(letter, paragraph, fields, signed) the team's decree shares.

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
    tugas_tambahan: str | None = None  # the article that makes it tugas tambahan (rule 49), cited; None if not
    allowance: str | None = None  # the post's tambahan penghasilan sentence (rule 57); None if none
    approved_by: str | None = None  # a further approval the letter rests on (Badung Lamp. I §2 b.2)c)); None if none


def _latin1(text: str) -> str:
    """The PDF core fonts are Latin-1; keep letters, replace what they cannot draw."""
    return text.replace("—", "-").replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def date_id(day: dt.date) -> str:
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def letter(doc_title: str, unit_name: str, heading: str, number: str) -> FPDF:
    """A page with the unit's letterhead, the document's heading and its number: the building block of
    every letter the bot issues (the assignment letter here, the team's decree in handlers/teams)."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(doc_title))
    pdf.set_creator("Sikerja")
    pdf.add_page()
    pdf.set_margins(25, 20, 25)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, _latin1(unit_name.upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.line(25, pdf.get_y() + 2, 185, pdf.get_y() + 2)
    pdf.ln(8)
    pdf.set_font("Helvetica", "BU", 12)
    pdf.multi_cell(0, 7, _latin1(heading), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, _latin1(f"Nomor: {number}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    return pdf


def paragraph(pdf: FPDF, text: str, gap: float = 2) -> None:
    pdf.multi_cell(0, 6, _latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def fields(pdf: FPDF, rows: tuple[tuple[str, str], ...]) -> None:
    for label, value in rows:
        pdf.cell(35, 6, _latin1(label))
        pdf.multi_cell(0, 6, _latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def signed(pdf: FPDF, issued_on: dt.date, jabatan: str, name: str, nip: str) -> bytes:
    """The signature block and the electronic-document note; the finished PDF."""
    pdf.ln(10)
    pdf.set_x(110)
    pdf.multi_cell(0, 6, _latin1(f"Ditetapkan pada {date_id(issued_on)}\n{jabatan},\n\n\n\n{name}\nNIP {nip}"))
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 4, "Dokumen elektronik yang diterbitkan melalui Sikerja; tercatat dalam jejak audit.",
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def assignment_letter(d: LetterData) -> bytes:
    pdf = letter(f"Surat Penugasan {d.number}", d.unit_name, "SURAT PENUGASAN", d.number)
    basis = ("atas pengajuan sukarela yang bersangkutan" if d.mode == "sukarela" else "melalui penunjukan")
    approval = f", atas persetujuan {d.approved_by}" if d.approved_by else ""
    paragraph(pdf, f"Berdasarkan {d.regulation}{approval}, dengan ini menugaskan, {basis}:")
    fields(pdf, (("Nama", d.employee_name), ("NIP", d.employee_nip), ("Jabatan", d.employee_jabatan)))
    paragraph(pdf, f"Untuk melaksanakan tugas pada: {d.work}.")
    if d.tugas_tambahan:
        paragraph(pdf, "Penugasan ini pada Unit Organisasi lain dan merupakan tugas tambahan sebagaimana dimaksud "
                       f"dalam {d.tugas_tambahan}.")
    if d.allowance:
        paragraph(pdf, d.allowance)
    paragraph(pdf, "Demikian surat penugasan ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.", 0)
    return signed(pdf, d.issued_on, d.issuer_jabatan, d.issuer_name, d.issuer_nip)


@dataclass(frozen=True)
class RefusalData:
    """The written refusal of a cross-unit voluntary application: to the applicant, with the reason."""

    number: str  # the application's register number, which the refusal answers
    issued_on: dt.date
    unit_name: str
    employee_name: str
    employee_nip: str
    employee_jabatan: str
    work: str
    reason: str
    issuer_name: str
    issuer_nip: str
    issuer_jabatan: str
    article: str  # where the regulation wants a refusal in writing, with reasons


def refusal_letter(d: RefusalData) -> bytes:
    pdf = letter(f"Surat Penolakan {d.number}", d.unit_name, "SURAT PENOLAKAN PENGAJUAN SUKARELA", d.number)
    paragraph(pdf, "Kepada Yth.")
    fields(pdf, (("Nama", d.employee_name), ("NIP", d.employee_nip), ("Jabatan", d.employee_jabatan)))
    paragraph(pdf, f"Menunjuk pengajuan sukarela Saudara nomor {d.number} untuk bergabung pada {d.work}, dengan ini "
                   f"kami sampaikan bahwa pengajuan tersebut tidak dapat disetujui, sesuai dengan {d.article}, "
                   "dengan alasan sebagai berikut:")
    paragraph(pdf, d.reason)
    paragraph(pdf, "Demikian surat ini disampaikan untuk menjadi perhatian.", 0)
    return signed(pdf, d.issued_on, d.issuer_jabatan, d.issuer_name, d.issuer_nip)
