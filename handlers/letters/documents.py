"""A registered letter as a document: drawn again from the register (its text blocks) or, for the kinds that
have one, from its source record by the renderer that kind registers (the assignment letter in
handlers.applications, the team decree in handlers.teams); with the kop surat and place of the deployment,
the verification code and QR, and a file name such as "Surat_Penugasan_ST-2026-00001.pdf"."""
from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.letters import Letter, LetterKind, LetterSettings, display_code, safe_filename
from domain.profiles import Profile
from handlers.core.context import Ctx
from handlers.letters.pdf import Verification, fields, letter, paragraph, signed
from storage.uow import UnitOfWork

TITLES = {LetterKind.PENUGASAN: "Surat Penugasan", LetterKind.KEPUTUSAN_TIM: "Keputusan",
          LetterKind.PERMOHONAN_PELIBATAN: "Surat Permohonan Pelibatan", LetterKind.JAWABAN: "Surat Jawaban"}


def title_of(kind: LetterKind) -> str:
    """The kind's name as printed on the letter and in its file name (Indonesian whatever the reader's language)."""
    return TITLES[kind]


@dataclass(frozen=True)
class RenderContext:
    uow: UnitOfWork
    profile: Profile
    settings: LetterSettings
    bot_username: str

    def verification(self, letter: Letter) -> Verification:
        code = display_code(letter.code)
        return Verification(code, f"https://t.me/{self.bot_username}?start=cek_{letter.code}",
                            f"Keaslian surat ini dapat diperiksa dengan memindai kode QR di samping atau mengirim "
                            f"/cek {code} kepada @{self.bot_username} di Telegram.")

    def issued_on(self, letter: Letter) -> dt.date:
        return letter.issued_at.astimezone(ZoneInfo(self.profile.timezone)).date()


def render_context(ctx: Ctx) -> RenderContext:
    return RenderContext(ctx.uow, ctx.profile, ctx.app.config.letters, ctx.app.config.bot_username)


SourceRenderer = Callable[[RenderContext, Letter], Awaitable[bytes]]
_SOURCE_RENDERERS: dict[LetterKind, SourceRenderer] = {}


def renders(kind: LetterKind) -> Callable[[SourceRenderer], SourceRenderer]:
    """Register the function that draws letters of `kind` from their source record (loading what it
    needs, then drawing in a worker thread: asyncio.to_thread)."""
    def add(fn: SourceRenderer) -> SourceRenderer:
        _SOURCE_RENDERERS[kind] = fn
        return fn
    return add


async def letter_pdf(rc: RenderContext, issued: Letter) -> bytes:
    if issued.body is None:
        return await _SOURCE_RENDERERS[issued.kind](rc, issued)
    return await _from_body(rc, issued)


async def letter_document(rc: RenderContext, issued: Letter) -> tuple[str, bytes]:
    """(file name, PDF bytes) of a registered letter, ready to send as a document."""
    return safe_filename(title_of(issued.kind), issued.number), await letter_pdf(rc, issued)


async def _from_body(rc: RenderContext, issued: Letter) -> bytes:
    unit = await rc.uow.org.unit(issued.unit_id) if issued.unit_id is not None else None
    return await asyncio.to_thread(_draw_body, rc, issued, unit.name if unit else "")


def _draw_body(rc: RenderContext, issued: Letter, unit_name: str) -> bytes:
    """Draws the blocks stored with the letter: {"heading"}, {"p"}, {"fields"}, {"items"}."""
    blocks = list(issued.body or [])
    heading = blocks.pop(0)["heading"] if blocks and "heading" in blocks[0] else title_of(issued.kind).upper()
    pdf = letter(f"{title_of(issued.kind)} {issued.number}", unit_name, heading, issued.number,
                 head=rc.settings.letterhead)
    for block in blocks:
        if "p" in block:
            paragraph(pdf, block["p"])
        elif "fields" in block:
            fields(pdf, tuple((label, value) for label, value in block["fields"]))
        elif "items" in block:
            for i, line in enumerate(block["items"], 1):
                paragraph(pdf, f"{i}. {line}", 0)
            pdf.ln(2)
    return signed(pdf, rc.issued_on(issued), issued.issuer_jabatan, issued.issuer_name, issued.issuer_nip,
                  place=rc.settings.place, tembusan=issued.tembusan, verification=rc.verification(issued))
