"""The letters of a penunjukan as PDFs, one function per kind, each from a small dataclass so the
letter register (numbering, letterhead, verification) can take them over: the surat permohonan
pelibatan (§2.5), the letter to another institution (§2.4), the surat jawaban (§2.2-§2.3). The
surat penugasan itself is handlers/applications/letter_pdf.assignment_letter, as for every
assignment. Letter bodies are Indonesian whatever the reader's language."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF

from handlers.applications.letter_pdf import fields, letter, paragraph, signed


@dataclass(frozen=True)
class Signer:
    name: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class RequestLetter:
    """Surat permohonan pelibatan, to another unit or agency of the Pemda."""

    number: str
    issued_on: dt.date
    unit_name: str
    addressee: str
    work: str
    purpose: str
    competence: str
    expectation: str
    duration: str
    candidates: tuple[str, ...]
    tembusan: tuple[str, ...]
    signer: Signer
    regulation: str


@dataclass(frozen=True)
class OutgoingLetter:
    """The request to another institution, sent on paper or by e-mail: the bot cannot reach it."""

    request: RequestLetter
    institution: str
    issuer: str | None  # who there issues the surat penugasan, as the article names them
    copies: tuple[str, ...]  # its tembusan the article lists (ours included where it says so)


@dataclass(frozen=True)
class ReplyLetter:
    """Surat jawaban: the staff released, or the refusal with its reason."""

    number: str
    issued_on: dt.date
    unit_name: str
    addressee: str
    request_number: str
    work: str
    released: tuple[str, ...]
    reason: str | None
    tembusan: tuple[str, ...]
    signer: Signer
    regulation: str


def _tembusan(pdf: FPDF, names: tuple[str, ...]) -> None:
    if names:
        paragraph(pdf, "Tembusan:\n" + "\n".join(f"{i}. {n}" for i, n in enumerate(names, 1)))


def _body(pdf: FPDF, d: RequestLetter) -> None:
    paragraph(pdf, f"Yth. {d.addressee}")
    paragraph(pdf, f"Berdasarkan {d.regulation}, dengan hormat kami mohon pelibatan pegawai untuk {d.work}, "
                   "dengan keterangan sebagai berikut:")
    fields(pdf, (("Maksud dan tujuan", d.purpose or "-"), ("Kompetensi", d.competence or "-"),
                 ("Target/ekspektasi", d.expectation or "-"), ("Jangka waktu", d.duration or "-")))
    if d.candidates:
        paragraph(pdf, "Pegawai yang kami usulkan: " + "; ".join(d.candidates) + ".")


def request_letter(d: RequestLetter) -> bytes:
    pdf = letter(f"Surat Permohonan Pelibatan {d.number}", d.unit_name, "SURAT PERMOHONAN PELIBATAN", d.number)
    _body(pdf, d)
    paragraph(pdf, "Demikian permohonan ini kami sampaikan; atas perhatian dan kerja samanya kami ucapkan "
                   "terima kasih.")
    _tembusan(pdf, d.tembusan)
    return signed(pdf, d.issued_on, d.signer.jabatan, d.signer.name, d.signer.nip)


def outgoing_letter(d: OutgoingLetter) -> bytes:
    r = d.request
    pdf = letter(f"Surat Permohonan Pelibatan {r.number}", r.unit_name, "SURAT PERMOHONAN PELIBATAN", r.number)
    _body(pdf, r)
    if d.issuer or d.copies:
        by = f" diterbitkan oleh {d.issuer}" if d.issuer else ""
        to = f" dengan tembusan kepada {', '.join(d.copies)}" if d.copies else ""
        paragraph(pdf, f"Apabila permohonan ini disetujui, mohon surat penugasan{by}{to}.")
    paragraph(pdf, f"Mohon jawaban {d.institution} dapat disampaikan kepada kami secara tertulis.")
    _tembusan(pdf, r.tembusan)
    return signed(pdf, r.issued_on, r.signer.jabatan, r.signer.name, r.signer.nip)


def reply_letter(d: ReplyLetter) -> bytes:
    pdf = letter(f"Surat Jawaban {d.number}", d.unit_name, "SURAT JAWABAN", d.number)
    paragraph(pdf, f"Yth. {d.addressee}")
    paragraph(pdf, f"Menjawab surat permohonan pelibatan Nomor {d.request_number} untuk {d.work}, "
                   f"berdasarkan {d.regulation}:")
    if d.reason is not None:
        paragraph(pdf, f"Dengan menyesal permohonan tersebut belum dapat kami penuhi, dengan alasan: {d.reason}")
    else:
        listed = "\n".join(f"{i}. {n}" for i, n in enumerate(d.released, 1))
        paragraph(pdf, "Kami menugaskan pegawai berikut:\n" + listed)
    paragraph(pdf, "Demikian jawaban ini kami sampaikan.")
    _tembusan(pdf, d.tembusan)
    return signed(pdf, d.issued_on, d.signer.jabatan, d.signer.name, d.signer.nip)
