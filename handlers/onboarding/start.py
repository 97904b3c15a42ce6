"""Linking a Telegram account to an employee record, help, language and cancel."""
from __future__ import annotations

import datetime as dt
import math

from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import close
from handlers.core.i18n import LANGUAGES, translator
from handlers.core.menus import Audience, help_text, my_audiences, my_help, refresh_menu
from handlers.core.registry import Router
from handlers.letters.commands import check_letter
from handlers.onboarding.buttons import LanguageChoice
from handlers.reports.evidence import send_files
from handlers.teams.group import bind_with
from storage.records import TelegramLink

router = Router()

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

# Link codes are short enough to guess; this many wrong ones per account in the window,
# then the account waits until the oldest of them has aged out.
MAX_FAILED_LINKS = 5
FAILED_LINK_WINDOW = dt.timedelta(minutes=15)
CHECK_PREFIX = "CEK_"  # link codes have no underscore
EVIDENCE_PREFIX = "DD_"  # handlers/reports/recap_export.py's links to data dukung


async def not_linked(ctx: Ctx) -> None:
    ctx.reply(ctx.t(
        "Your Telegram account is not linked to an employee record yet.\n\n"
        "Ask your HR admin (BKPSDM) for a personal link code, then send <code>/start CODE</code> "
        "or open the link they give you."))


@router.command("start", public=True, group=True)
async def start(ctx: Ctx) -> None:
    if ctx.update.chat_type != "private":  # a startgroup link: "/start@<bot> <group code>"
        if ctx.update.args:
            await bind_with(ctx, ctx.update.args)
        else:
            ctx.reply(ctx.t("Please talk to me in a private chat for this."))
        return
    code = ctx.update.args.strip().upper()
    if code.startswith(CHECK_PREFIX):  # a letter's QR code: t.me/<bot>?start=cek_<code>
        await check_letter(ctx, code.removeprefix(CHECK_PREFIX))
        return
    if code.startswith(EVIDENCE_PREFIX) and code.removeprefix(EVIDENCE_PREFIX).isdigit() and ctx.employee:
        await send_files(ctx, int(code.removeprefix(EVIDENCE_PREFIX)))  # a recap's data dukung link
        return
    if ctx.employee is not None:
        audiences = await my_audiences(ctx)
        ctx.reply(ctx.t("You are already linked as <b>{name}</b>.", name=ctx.employee.name) + "\n\n"
                  + help_text(ctx.t, audiences))
        await refresh_menu(ctx, ctx.employee.id, known=audiences)  # e.g. roles gained before menus existed
        return
    if not code:
        await not_linked(ctx)
        return
    if await _refused_for_guessing(ctx):
        return
    link_code = await ctx.uow.links.code(code)
    if link_code is None or not link_code.usable(ctx.now):
        await ctx.uow.links.record_failed_attempt(ctx.update.sender.id, ctx.now, ctx.now - FAILED_LINK_WINDOW)
        ctx.reply(ctx.t(
            "This link code is not valid: it may be mistyped, already used or expired.\n"
            "Please ask your HR admin for a new one."))
        return
    if await ctx.uow.links.by_employee(link_code.employee_id) is not None:
        ctx.reply(ctx.t("This employee record is already linked to another Telegram account. "
                        "Please contact your HR admin."))
        return
    employee = await ctx.uow.org.employee(link_code.employee_id)
    if employee is None or not employee.active:
        ctx.reply(ctx.t("This employee record is no longer active. Please contact your HR admin."))
        return
    link_code.used_at = ctx.now
    lang = ctx.t.lang
    link = TelegramLink(employee.id, ctx.update.sender.id, ctx.update.chat_id, lang, ctx.now)
    ctx.uow.links.add(link)
    ctx.link, ctx.employee = link, employee
    ctx.reply(ctx.t("Welcome, <b>{name}</b>! Your Telegram account is now linked to NIP {nip}.",
                    name=employee.name, nip=employee.nip) + "\n\n" + await my_help(ctx))
    await refresh_menu(ctx, employee.id)


async def _refused_for_guessing(ctx: Ctx) -> bool:
    """True (and the user told when to try again) once this account has used up its wrong codes."""
    failures = await ctx.uow.links.failed_attempts(ctx.update.sender.id, ctx.now - FAILED_LINK_WINDOW)
    if len(failures) < MAX_FAILED_LINKS:
        return False
    free_at = failures[MAX_FAILED_LINKS - 1] + FAILED_LINK_WINDOW
    minutes = max(1, math.ceil((free_at - ctx.now).total_seconds() / 60))
    ctx.reply(ctx.t("Too many wrong link codes were tried from this account. "
                    "Please check the code with your HR admin and try again in {minutes} minutes.",
                    minutes=minutes))
    return True


@router.command("help", "bantuan", public=True)
async def help_(ctx: Ctx) -> None:
    audiences = await my_audiences(ctx)
    if ctx.employee is None and Audience.ADMIN not in audiences:  # an HR admin need not be an employee
        await not_linked(ctx)
        return
    ctx.reply(help_text(ctx.t, audiences))
    if ctx.employee is not None:
        await refresh_menu(ctx, ctx.employee.id, known=audiences)  # the menu matches what /help just said


@router.command("batal")
async def cancel(ctx: Ctx) -> None:
    if not await close(ctx):
        ctx.reply(ctx.t("There is nothing to cancel."))
        return
    ctx.reply(ctx.t("Cancelled. Nothing was sent."))


@router.command("bahasa")
async def language(ctx: Ctx) -> None:
    kb = keyboard([button(LANGUAGE_NAMES[code], LanguageChoice(code)) for code in LANGUAGES])
    ctx.reply(ctx.t("Choose your language:"), kb)


@router.callback(LanguageChoice)
async def on_language(ctx: Ctx, pressed: LanguageChoice) -> None:
    code = pressed.code
    if code not in LANGUAGES or ctx.link is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.link.language = code
    ctx.t = translator(code)
    ctx.answer()
    ctx.edit_or_reply(ctx.t("Language set to {language}.", language=LANGUAGE_NAMES[code]))
    await ctx.uow.flush()
    await refresh_menu(ctx, ctx.link.employee_id)  # the menu speaks the new language
