"""The team's decree (keputusan pembentukan tim) as a PDF, from the assignment letter's building blocks."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.letters import Letterhead
from handlers.letters.pdf import Verification, date_id, fields, letter, paragraph, signed


@dataclass(frozen=True)
class DecreeData:
    number: str
    issued_on: dt.date
    unit_name: str
    team_name: str
    goal: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    ketua: tuple[str, str]  # name, NIP
    members: tuple[tuple[str, str, str], ...]  # name, NIP, post
    issuer_name: str
    issuer_nip: str
    issuer_jabatan: str
    regulation: str
    article: str
    head: Letterhead | None = None
    place: str = ""
    tembusan: tuple[str, ...] = ()
    verification: Verification | None = None


def team_decree(d: DecreeData) -> bytes:
    heading = f"KEPUTUSAN {d.issuer_jabatan.upper()}\nTENTANG\nPEMBENTUKAN {d.team_name.upper()}"
    pdf = letter(f"Keputusan {d.number}", d.unit_name, heading, d.number, head=d.head)
    paragraph(pdf, f"Berdasarkan {d.regulation} ({d.article}), dengan ini menetapkan pembentukan tim kerja:")
    term = (f"{date_id(d.starts_on)} s.d. {date_id(d.ends_on)}" if d.starts_on and d.ends_on else "-")
    fields(pdf, (("Nama tim", d.team_name), ("Unit", d.unit_name), ("Masa kerja", term),
                 ("Ketua", f"{d.ketua[0]} (NIP {d.ketua[1]})")))
    paragraph(pdf, f"Tujuan dan target kinerja: {d.goal}")
    if d.members:
        paragraph(pdf, "Susunan keanggotaan:", 0)
        for i, (name, nip, post) in enumerate(d.members, 1):
            paragraph(pdf, f"{i}. {name} (NIP {nip}) — {post}", 0)
        pdf.ln(2)
    paragraph(pdf, "Keputusan ini berlaku sejak tanggal ditetapkan.", 0)
    return signed(pdf, d.issued_on, d.issuer_jabatan, d.issuer_name, d.issuer_nip, place=d.place,
                  tembusan=d.tembusan, verification=d.verification)
