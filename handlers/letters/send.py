"""Sending a registered letter to the chat as a PDF document, and naming letter kinds in chat."""
from __future__ import annotations

from domain.letters import Letter, LetterKind
from handlers.core.context import Ctx
from handlers.core.i18n import Translator
from handlers.core.types import SendDocument
from handlers.letters.documents import RenderContext, letter_document


def kind_name(t: Translator, kind: LetterKind) -> str:
    return {LetterKind.PENUGASAN: lambda: t("Assignment letter (surat penugasan)"),
            LetterKind.KEPUTUSAN_TIM: lambda: t("Team decree (keputusan pembentukan tim)"),
            LetterKind.PERMOHONAN_PELIBATAN: lambda: t("Request for staff (surat permohonan pelibatan)"),
            LetterKind.JAWABAN: lambda: t("Reply letter (surat jawaban)")}[kind]()


async def send_letter(ctx: Ctx, rc: RenderContext, letter: Letter) -> None:
    filename, pdf = await letter_document(rc, letter)
    caption = f"{kind_name(ctx.t, letter.kind)} {letter.number}"
    ctx.replies.append(SendDocument(ctx.update.chat_id, filename, pdf, caption=caption))
