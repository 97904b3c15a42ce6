"""/surat: the letters addressed to me (or signed by me) from the register, as PDF documents;
/cek: whether a letter is genuine and still stands.

/cek answers anyone for a verification code (printed on the letter, 50 random bits: not guessable), and
registered employees also for a letter number (numbers are sequential, so a stranger could walk them).
Strangers see who issued it, when, to whom and its status; NIPs only registered employees."""
from __future__ import annotations

from domain.letters import Letter, LetterStatus, display_code, looks_like_code, normalise_code
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import local_day
from handlers.core.i18n import escape
from handlers.core.paging import Entry, PageTurn, page_view
from handlers.core.registry import Router
from handlers.letters.buttons import LetterPick
from handlers.letters.documents import render_context
from handlers.letters.send import kind_name, send_letter
from storage.uow import UnitOfWork

router = Router()


class LetterPage(PageTurn, prefix="pg:sl"):
    pass


@router.command("surat")
async def my_letters(ctx: Ctx) -> None:
    letters = await ctx.uow.letters.addressed_to(ctx.me.id)
    if len(letters) == 1:  # nothing to choose: the letter itself
        await send_letter(ctx, render_context(ctx), letters[0])
        return
    _letters(ctx, letters, 0)


@router.callback(LetterPage)
async def on_page(ctx: Ctx, pressed: LetterPage) -> None:
    ctx.answer()
    _letters(ctx, await ctx.uow.letters.addressed_to(ctx.me.id), pressed.page)


def _letters(ctx: Ctx, letters: list[Letter], page: int) -> None:
    """Every letter of the register addressed to me or signed by me, newest first, paged."""
    if not letters:
        ctx.edit_or_reply(ctx.t("You have no letters yet."))
        return
    entries = [Entry(f"• {'⛔ ' if not x.stands else ''}<b>{escape(x.number)}</b> — {escape(shorten(x.subject, 80))}",
                     keyboard([button(f"{'' if x.stands else '⛔ '}{x.number} · {shorten(x.subject, 40)}",
                                      LetterPick(x.id or 0))]))
               for x in reversed(letters)]
    ctx.edit_or_reply(*page_view(ctx.t, ctx.t("Your letters, newest first. Choose one to receive it as a PDF:"),
                                 entries, page, LetterPage))


@router.callback(LetterPick)
async def on_pick(ctx: Ctx, pressed: LetterPick) -> None:
    letter = await ctx.uow.letters.get(pressed.letter_id)
    if letter is None or not (letter.issuer_id == ctx.me.id
                              or await ctx.uow.letters.is_addressee(pressed.letter_id, ctx.me.id)):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    await send_letter(ctx, render_context(ctx), letter)


async def find_letter(uow: UnitOfWork, text: str, *, by_number: bool) -> Letter | None:
    """The letter with this verification code, or (when allowed) this number."""
    text = text.strip()
    found = await uow.letters.by_code(normalise_code(text)) if looks_like_code(text) else None
    if found is None and by_number:
        found = await uow.letters.by_number(text)
    return found


@router.command("cek", public=True)
async def check(ctx: Ctx) -> None:
    await check_letter(ctx, ctx.update.args)


async def check_letter(ctx: Ctx, text: str) -> None:
    """Also reached from the letter's QR code: /start cek_CODE."""
    registered = ctx.employee is not None
    if not text.strip():
        ctx.reply(ctx.t("Send <code>/cek CODE</code> with the verification code printed beside the letter's "
                        "QR code (registered employees may also give the letter's number)."))
        return
    letter = await find_letter(ctx.uow, text, by_number=registered)
    if letter is None:
        ctx.reply(ctx.t("No letter with this verification code or number is on record. It may be mistyped, "
                        "or the letter was not issued through Sikerja.") if registered else
                  ctx.t("No letter with this verification code is on record. It may be mistyped, "
                        "or the letter was not issued through Sikerja."))
        return
    ctx.reply(await verdict(ctx, letter, with_nip=registered))


async def verdict(ctx: Ctx, letter: Letter, *, with_nip: bool) -> str:
    t, tz = ctx.t, ctx.profile.timezone
    if letter.status is LetterStatus.BERLAKU:
        head = t("✅ <b>Genuine.</b> Letter {number} is on record and still stands.", number=letter.number)
    elif letter.status is LetterStatus.DICABUT:
        head = t("⛔ <b>Revoked.</b> Letter {number} is on record but was revoked on {date}.\nReason: {reason}",
                 number=letter.number, date=local_day(t, letter.status_at or letter.issued_at, tz),
                 reason=letter.status_reason or "-")
    else:
        newer = await ctx.uow.letters.get(letter.replaced_by_id) if letter.replaced_by_id else None
        head = t("♻️ <b>Replaced.</b> Letter {number} is on record but was replaced on {date} by {newer}.",
                 number=letter.number, date=local_day(t, letter.status_at or letter.issued_at, tz),
                 newer=newer.number if newer else "-")

    def who(name: str, jabatan: str, nip: str) -> str:
        person = f"{name}, {jabatan}" if jabatan else name
        return f"{person} (NIP {nip})" if with_nip and nip else person

    to = "; ".join(who(p.name, p.jabatan, p.nip) for p in letter.addressees) or "-"
    return "\n".join([
        head,
        t("Kind: {kind}", kind=kind_name(t, letter.kind)),
        t("Subject: {subject}", subject=letter.subject),
        t("Issued on {date} by {issuer}", date=local_day(t, letter.issued_at, tz),
          issuer=who(letter.issuer_name, letter.issuer_jabatan, letter.issuer_nip)),
        t("To: {to}", to=to),
        t("Verification code: {code}", code=display_code(letter.code)),
    ])
