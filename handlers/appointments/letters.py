"""The letters of a penunjukan as drafts for the letter register (handlers/letters), one function per
kind: the surat permohonan pelibatan (§2.5), the letter to another institution (§2.4), the surat
jawaban (§2.2-§2.3). The register numbers them from the deployment's scheme, draws them with the kop
surat and makes them checkable with /cek. The surat penugasan itself is issued by
handlers.teams.membership.issue_assignment, as for every assignment. Letter bodies are Indonesian
whatever the reader's language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.letters import LetterKind, Party
from handlers.letters.register import LetterDraft, items, para, rows

# The register's source of each letter: one request (to a unit or an institution) and one reply per penunjukan.
REQUEST_SOURCE = "appointment"
REPLY_SOURCE = "appointment_reply"


@dataclass(frozen=True)
class RequestLetter:
    """What a surat permohonan pelibatan says, to another unit or agency of the Pemda."""

    appointment_id: int
    unit_id: int
    addressee: str
    recipients: tuple[Party, ...]  # the officials of this Pemda it is addressed to (they find it in /surat)
    work: str
    purpose: str
    competence: str
    expectation: str
    duration: str
    candidates: tuple[str, ...]
    tembusan: tuple[str, ...]
    signer: Party
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

    appointment_id: int
    unit_id: int | None
    addressee: Party
    request_number: str
    work: str
    released: tuple[str, ...]
    reason: str | None
    tembusan: tuple[str, ...]
    signer: Party
    regulation: str


def _request_body(d: RequestLetter) -> list[dict[str, Any]]:
    body = [para(f"Yth. {d.addressee}"),
            para(f"Berdasarkan {d.regulation}, dengan hormat kami mohon pelibatan pegawai untuk {d.work}, "
                 "dengan keterangan sebagai berikut:"),
            rows(("Maksud dan tujuan", d.purpose or "-"), ("Kompetensi", d.competence or "-"),
                 ("Target/ekspektasi", d.expectation or "-"), ("Jangka waktu", d.duration or "-"))]
    if d.candidates:
        body += [para("Pegawai yang kami usulkan:"), items(*d.candidates)]
    return body


def request_letter(d: RequestLetter) -> LetterDraft:
    body = [*_request_body(d), para("Demikian permohonan ini kami sampaikan; atas perhatian dan kerja samanya "
                                    "kami ucapkan terima kasih.")]
    return LetterDraft(LetterKind.PERMOHONAN_PELIBATAN, (REQUEST_SOURCE, d.appointment_id), d.signer, d.recipients,
                       f"Permohonan pelibatan pegawai untuk {d.work}", unit_id=d.unit_id, tembusan=d.tembusan,
                       body=tuple(body))


def outgoing_letter(d: OutgoingLetter) -> LetterDraft:
    r = d.request
    body = _request_body(r)
    if d.issuer or d.copies:
        by = f" diterbitkan oleh {d.issuer}" if d.issuer else ""
        to = f" dengan tembusan kepada {', '.join(d.copies)}" if d.copies else ""
        body.append(para(f"Apabila permohonan ini disetujui, mohon surat penugasan{by}{to}."))
    body.append(para(f"Mohon jawaban {d.institution} dapat disampaikan kepada kami secara tertulis."))
    return LetterDraft(LetterKind.PERMOHONAN_PELIBATAN, (REQUEST_SOURCE, r.appointment_id), r.signer,
                       (Party(r.addressee),), f"Permohonan pelibatan pegawai {d.institution} untuk {r.work}",
                       unit_id=r.unit_id, tembusan=r.tembusan, body=tuple(body))


def reply_letter(d: ReplyLetter) -> LetterDraft:
    body = [para(f"Yth. {d.addressee.jabatan or d.addressee.name}"),
            para(f"Menjawab surat permohonan pelibatan Nomor {d.request_number} untuk {d.work}, "
                 f"berdasarkan {d.regulation}:")]
    if d.reason is not None:
        body.append(para(f"Dengan menyesal permohonan tersebut belum dapat kami penuhi, dengan alasan: {d.reason}"))
    else:
        body += [para("Kami menugaskan pegawai berikut:"), items(*d.released)]
    body.append(para("Demikian jawaban ini kami sampaikan."))
    return LetterDraft(LetterKind.JAWABAN, (REPLY_SOURCE, d.appointment_id), d.signer, (d.addressee,),
                       f"Jawaban atas permohonan pelibatan {d.request_number}", unit_id=d.unit_id,
                       tembusan=d.tembusan, body=tuple(body))
