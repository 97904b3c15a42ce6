"""Binding a team's Telegram group: the ketua asks for a one-time code in private and
either taps the t.me/<bot>?startgroup=<code> link (Telegram adds the bot to the chosen group
and posts "/start <code>" there: one tap), or adds the bot by hand and sends /hubungkan CODE.
A team may be bound to one topic of a forum group: prompts then go to that topic. Works with
group privacy mode on (the bot only needs commands). Nothing personal is ever posted in the
group.

The group's life is followed too: the bot added to a group says how to bind it; removed or
banned, the team is unbound and its ketua and unit head are told in private; a group upgraded
to a supergroup (a new chat id) keeps its binding and its waiting prompts."""
from __future__ import annotations

import datetime as dt
import secrets

from domain.deciders import official_for
from domain.ids import id_of
from domain.profiles import Role
from domain.team import Team
from handlers.core.context import Ctx, keyboard
from handlers.core.registry import Router
from handlers.core.types import Button
from handlers.org.link_codes import ALPHABET
from handlers.teams.buttons import LinkGroup
from storage.records import Decision, GroupBindCode

router = Router()

CODE_TTL = dt.timedelta(hours=1)


@router.callback(LinkGroup)
async def on_request_code(ctx: Ctx, pressed: LinkGroup) -> None:
    team = await ctx.uow.teams.get(pressed.team_id)
    if team is None or team.ketua_id != ctx.me.id or not team.accepts_members:
        ctx.answer(ctx.t("Only the team's ketua can link its group chat."), alert=True)
        return
    code = "G" + "".join(secrets.choice(ALPHABET) for _ in range(7))
    ctx.uow.teams.add(GroupBindCode(code, id_of(team), ctx.me.id, ctx.now + CODE_TTL))
    ctx.answer()
    link = f"https://t.me/{ctx.app.config.bot_username}?startgroup={code}"
    ctx.reply(ctx.t("To link the group of {team}: tap the button below and choose the group (within an hour). "
                    "Or add me to the group by hand and send this there:\n<code>/hubungkan {code}</code>",
                    team=team.name, code=code),
              keyboard([Button(ctx.t("➕ Add me to the team's group"), "", url=link)]))


@router.command("hubungkan", group=True)
async def bind(ctx: Ctx) -> None:
    t = ctx.t
    if ctx.update.chat_type not in ("group", "supergroup"):
        ctx.reply(t("Send /hubungkan with the code inside the team's group, not here."))
        return
    await bind_with(ctx, ctx.update.args)


async def bind_with(ctx: Ctx, typed: str) -> None:
    """Bind this group (or this topic of a forum) to the team the code was issued for;
    by /hubungkan CODE or the startgroup link's "/start CODE"."""
    t = ctx.t
    code = await ctx.uow.teams.bind_code(typed.strip().upper())
    if code is None or code.used_at is not None or code.expires_at <= ctx.now:
        ctx.reply(t("This group code is not valid (mistyped, used or expired). The ketua can get a new one "
                    "from /tim in a private chat with me."))
        return
    team = await ctx.uow.teams.get(code.team_id)
    if team is None or ctx.employee is None or team.ketua_id != ctx.employee.id:
        ctx.reply(t("Only the team's ketua can link this group."))
        return
    other = await ctx.uow.teams.by_group(ctx.update.chat_id)
    if other is not None and other.id != team.id:
        ctx.reply(t("This group is already linked to another team."))
        return
    team.bind_group(ctx.update.chat_id, ctx.update.thread_id)
    code.used_at = ctx.now
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "group_linked", ctx.now,
                                   details={"chat_id": ctx.update.chat_id, "thread_id": ctx.update.thread_id}))
    ctx.reply(t("This group is now linked to team <b>{team}</b>. Report prompts for the team will appear here.",
                team=team.name))


@router.chat_event
async def on_chat_event(ctx: Ctx) -> None:
    update = ctx.update
    if update.chat_type not in ("group", "supergroup"):
        return
    if update.migrated_to is not None:
        await _migrated(ctx, update.migrated_to)
    elif update.membership == "added":
        if await ctx.uow.teams.by_group(update.chat_id) is None:
            ctx.reply(ctx.t("Hello! To link this group to its team, the team's ketua opens /tim in a private chat "
                            "with me, taps “Link the team's group chat” and follows the steps."))
    elif update.membership == "removed":
        await _removed(ctx)


async def _removed(ctx: Ctx) -> None:
    """The bot cannot post there any more: the team is unbound, and those who can act are told."""
    team = await ctx.uow.teams.by_group(ctx.update.chat_id)
    if team is None:
        return
    team.unbind_group()
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.employee.id if ctx.employee else None, "group_unlinked",
                                   ctx.now, details={"chat_id": ctx.update.chat_id,
                                                     "by_telegram_id": ctx.update.sender.id}))
    stamp = ctx.now.isoformat()
    for person_id in dict.fromkeys(p for p in (team.ketua_id, await _unit_head(ctx, team)) if p is not None):
        await ctx.notify(person_id, f"team:{team.id}:group_removed:{person_id}:{stamp}", lambda tr: (
            tr("I was removed from the Telegram group of team <b>{team}</b>, so the team has no linked group any "
               "more and its report prompts come to each person privately. The ketua can link a group again "
               "from /tim.", team=team.name), None))


async def _unit_head(ctx: Ctx, team: Team) -> int | None:
    """The head of the team's organisation unit, or whoever stands in for them today."""
    ketua = await ctx.uow.org.employee(team.ketua_id) if team.ketua_id is not None else None
    if ketua is not None:
        org = await ctx.uow.org.view_for(ketua, unit_ids=[team.unit_id], on=ctx.today)
        head = official_for(org, Role.UNIT_HEAD, team.unit_id, exclude=ketua.id, profile=ctx.profile)
        return head.person.id if head is not None else None
    unit = await ctx.uow.org.unit(team.unit_id)
    return unit.head_id if unit is not None else None


async def _migrated(ctx: Ctx, new_chat_id: int) -> None:
    """Upgraded to a supergroup: the binding and the prompts still waiting follow the new id."""
    team = await ctx.uow.teams.by_group(ctx.update.chat_id)
    if team is None:
        return
    team.bind_group(new_chat_id, team.group_thread_id)
    await ctx.uow.outbox.move_pending(ctx.update.chat_id, new_chat_id)
    ctx.uow.decisions.add(Decision("team", id_of(team), None, "group_migrated", ctx.now,
                                   details={"from": ctx.update.chat_id, "to": new_chat_id}))
