"""Surat penugasan (assignment letter) as a PDF, drawn with the letter building blocks of
handlers.letters.pdf (letter, paragraph, fields, signed), which the team's decree shares.

Electronic proof of assignment satisfies rule 2 (work may not start without a surat
penugasan or other written proof, on paper or electronic)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.letters import Letterhead
from handlers.letters.pdf import Verification, date_id, fields, letter, paragraph, signed

__all__ = ["LetterData", "assignment_letter", "date_id", "fields", "letter", "paragraph", "signed"]


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
    head: Letterhead | None = None
    place: str = ""
    tembusan: tuple[str, ...] = ()
    verification: Verification | None = None


def assignment_letter(d: LetterData) -> bytes:
    pdf = letter(f"Surat Penugasan {d.number}", d.unit_name, "SURAT PENUGASAN", d.number, head=d.head)
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
    return signed(pdf, d.issued_on, d.issuer_jabatan, d.issuer_name, d.issuer_nip, place=d.place,
                  tembusan=d.tembusan, verification=d.verification)
