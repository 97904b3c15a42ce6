"""What each person can do: the "/" command menus (per language and scope), the bot's
description, and /help. The application layer decides WHICH commands; the runtimes only
carry the SetCommands / SetDescription replies to the Bot API.

Menus by scope: private chats by default get what every employee can do; group chats get
what a team group needs; a person who is also a ketua, a unit head (or acts for one, Plt/Plh)
or an HR admin gets a menu of their own chat in their language, refreshed whenever one of
those roles changes (refresh_menu)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from zoneinfo import ZoneInfo

from handlers.core.app import App
from handlers.core.context import Ctx
from handlers.core.i18n import LANGUAGES, Html, Translator, translator
from handlers.core.types import Reply, SetCommands, SetDescription
from storage.uow import UnitOfWork


class Audience(StrEnum):
    EVERYONE = "everyone"  # in private chats, linked or not
    EMPLOYEE = "employee"
    KETUA = "ketua"
    HEAD = "head"  # unit heads and whoever acts for one
    ADMIN = "admin"  # HR admins (SIKERJA_ADMINS or `bot admin add`)
    QUEUE = "queue"  # admins named in SIKERJA_ADMINS: the delivery queue
    GROUP = "group"


def _lines(t: Translator) -> tuple[tuple[str, Audience, str], ...]:
    """(command, audience, help line "/command — what it does"), in the order shown."""
    return (
        ("ajukan", Audience.EMPLOYEE, t("/ajukan — apply to join a team or a piece of work in your unit")),
        ("status", Audience.EMPLOYEE, t("/status — your applications and their state")),
        ("tim", Audience.EMPLOYEE, t("/tim — your teams")),
        ("lapor", Audience.EMPLOYEE,
         t("/lapor — send a report: to your ketua, your team's report, or an individual one")),
        ("laporan", Audience.EMPLOYEE, t("/laporan — your reports, and those waiting for your review")),
        ("surat", Audience.EMPLOYEE, t("/surat — your letters: surat penugasan, decrees and others (PDF)")),
        ("cek", Audience.EVERYONE, t("/cek — check whether a letter is genuine and still stands")),
        ("kendala", Audience.EMPLOYEE, t("/kendala — raise a team's problem (kendala) for a decision")),
        ("masukan", Audience.KETUA,
         t("/masukan — your input on each member's performance for their Penilai (ketua)")),
        ("persetujuan", Audience.HEAD, t("/persetujuan — applications waiting for your decision")),
        ("tunjuk", Audience.HEAD,
         t("/tunjuk — appoint a member of your unit to a piece of work (penunjukan)")),
        ("pelibatan", Audience.HEAD, t("/pelibatan — ask another unit or institution for staff (unit heads)")),
        ("timbaru", Audience.HEAD, t("/timbaru — form a team (unit heads)")),
        ("rekap", Audience.HEAD, t("/rekap — where your unit's teams stand with their reports (unit heads)")),
        ("mintalaporan", Audience.HEAD,
         t("/mintalaporan — ask a team or a person for a report at any time (unit heads)")),
        ("admin", Audience.ADMIN, t("/admin — the HR admin menu: find employees, link codes, acting officials")),
        ("antrian", Audience.QUEUE, t("/antrian — notices that could not be delivered (HR admins)")),
        ("saya", Audience.EMPLOYEE, t("/saya — your profile: unit, jabatan, Penilai, teams")),
        ("bahasa", Audience.EMPLOYEE, t("/bahasa — change the language")),
        ("batal", Audience.EMPLOYEE, t("/batal — cancel what you are doing")),
        ("start", Audience.EVERYONE, t("/start — link your Telegram account with your link code")),
        ("help", Audience.EVERYONE, t("/help — this help")),
        ("hubungkan", Audience.GROUP, t("/hubungkan — link this group to its team with the ketua's code")),
    )


# The default menu of private chats: what every employee can do.
PRIVATE_DEFAULT = (Audience.EVERYONE, Audience.EMPLOYEE)


def _description(line: str) -> str:
    """The menu shows the part of the help line after the dash, capitalised."""
    text = line.split(" — ", 1)[-1].strip()
    return text[:1].upper() + text[1:]


def commands_for(t: Translator, audiences: Iterable[Audience]) -> tuple[tuple[str, str], ...]:
    wanted = set(audiences)
    return tuple((name, _description(line)) for name, who, line in _lines(t) if who in wanted)


def help_text(t: Translator, audiences: Iterable[Audience]) -> str:
    wanted = set(audiences)
    return Html("\n".join([t("What you can do:"),
                           *(line for name, who, line in _lines(t) if who in wanted and name != "start")]))


async def audiences_of(uow: UnitOfWork, app: App, employee_id: int | None, telegram_user_id: int,
                       today: dt.date) -> set[Audience]:
    """The roles that shape a person's menu and help, read from the org structure now."""
    found: set[Audience] = {Audience.EVERYONE}
    configured_admin = telegram_user_id in app.config.admin_telegram_ids
    if configured_admin:
        found |= {Audience.ADMIN, Audience.QUEUE}
    if employee_id is None:
        if not configured_admin and await uow.admins.is_admin(telegram_user_id):
            found.add(Audience.ADMIN)
        return found
    roles = await uow.roles.of(employee_id, telegram_user_id, today)
    found.add(Audience.EMPLOYEE)
    if roles.admin:
        found.add(Audience.ADMIN)
    if roles.ketua:
        found.add(Audience.KETUA)
    if roles.head:
        found.add(Audience.HEAD)
    return found


async def startup_replies(app: App) -> list[Reply]:
    """Set when the bot starts: the default and group menus and the descriptions, in every
    language (and, for clients in other languages, in the Pemda's default one), and the
    menus of the HR admins' chats (admins are added outside Telegram, by configuration or
    the CLI)."""
    replies: list[Reply] = []
    for lang in (*LANGUAGES, ""):
        t = translator(lang or app.config.default_language)
        replies.append(SetCommands("default", lang, commands_for(t, PRIVATE_DEFAULT)))
        replies.append(SetCommands("all_group_chats", lang, commands_for(t, (Audience.GROUP,))))
        replies.append(SetDescription(lang, description(t), t(
            "Sikerja: teams, assignments and reports of the Sistem Kerja, in Telegram.")))
    today = app.clock().astimezone(ZoneInfo(app.profile.timezone)).date()
    async with app.uow() as uow:
        admin_ids = set(app.config.admin_telegram_ids) | {a.telegram_user_id for a in await uow.admins.all()}
        for admin_id in sorted(admin_ids):
            link = await uow.links.by_telegram_user(admin_id)
            audiences = await audiences_of(uow, app, link.employee_id if link else None, admin_id, today)
            t = translator(link.language if link else app.config.default_language)
            replies.append(_chat_menu(t, audiences, admin_id))
    return replies


def description(t: Translator) -> str:
    return t("Sikerja helps civil servants work in teams under the Sistem Kerja: apply to join a team, "
             "send reports to your ketua, decide applications and follow your unit's teams.\n\n"
             "To start, ask your HR admin (BKPSDM) for your personal link code and send /start CODE.")


async def menu_for(uow: UnitOfWork, app: App, employee_id: int, today: dt.date) -> SetCommands | None:
    """The menu of one linked employee's private chat, in their language; None when they
    have no Telegram link yet (linking sets it)."""
    link = await uow.links.by_employee(employee_id)
    if link is None:
        return None
    audiences = await audiences_of(uow, app, employee_id, link.telegram_user_id, today)
    return _chat_menu(translator(link.language), audiences, link.chat_id)


def _chat_menu(t: Translator, audiences: set[Audience], chat_id: int, *, unless_set: bool = False) -> SetCommands:
    """One person's own menu; once linked, /start has nothing more to offer them."""
    commands = commands_for(t, audiences)
    if Audience.EMPLOYEE in audiences:
        commands = tuple(c for c in commands if c[0] != "start")
    return SetCommands("chat", "", commands, chat_id=chat_id, unless_set=unless_set)


async def refresh_menu(ctx: Ctx, *employee_ids: int | None, known: set[Audience] | None = None) -> None:
    """After a role change (or linking, or a new language): the people's own menus follow.
    Sent as direct replies once the update commits. `known`: the sender's own audiences, when
    the caller has just read them and the update changed nothing (no second look)."""
    await ctx.uow.flush()  # read the roles as this update leaves them
    for employee_id in dict.fromkeys(e for e in employee_ids if e is not None):
        if known is not None and ctx.link is not None and employee_id == ctx.link.employee_id:
            ctx.replies.append(_chat_menu(ctx.t, known, ctx.link.chat_id, unless_set=True))
            continue
        reply = await menu_for(ctx.uow, ctx.app, employee_id, ctx.today)
        if reply is not None:
            ctx.replies.append(reply)


async def my_audiences(ctx: Ctx) -> set[Audience]:
    employee_id = ctx.employee.id if ctx.employee is not None else None
    return await audiences_of(ctx.uow, ctx.app, employee_id, ctx.update.sender.id, ctx.today)


async def my_help(ctx: Ctx) -> str:
    """/help: what this person can do."""
    return help_text(ctx.t, await my_audiences(ctx))
