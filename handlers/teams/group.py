"""Binding a team's Telegram group: the ketua asks for a one-time code in private, adds
the bot to the group and sends /hubungkan CODE there. Works with group privacy mode on
(the bot only needs commands). Nothing personal is ever posted in the group."""
from __future__ import annotations

import datetime as dt
import secrets

from domain.ids import id_of
from handlers.core.context import Ctx
from handlers.core.registry import Router
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
    ctx.reply(ctx.t("To link the group of {team}: add me to the group, then send this there within an hour:\n"
                    "<code>/hubungkan {code}</code>", team=team.name, code=code))


@router.command("hubungkan", group=True)
async def bind(ctx: Ctx) -> None:
    t = ctx.t
    if ctx.update.chat_type not in ("group", "supergroup"):
        ctx.reply(t("Send /hubungkan with the code inside the team's group, not here."))
        return
    code = await ctx.uow.teams.bind_code(ctx.update.args.strip().upper())
    if code is None or code.used_at is not None or code.expires_at <= ctx.now:
        ctx.reply(t("This group code is not valid (mistyped, used or expired). The ketua can get a new one "
                    "from /tim in a private chat with me."))
        return
    team = await ctx.uow.teams.get(code.team_id)
    if team is None or team.ketua_id != ctx.me.id:
        ctx.reply(t("Only the team's ketua can link this group."))
        return
    other = await ctx.uow.teams.by_group(ctx.update.chat_id)
    if other is not None and other.id != team.id:
        ctx.reply(t("This group is already linked to another team."))
        return
    team.bind_group(ctx.update.chat_id)
    code.used_at = ctx.now
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "group_linked", ctx.now,
                                   details={"chat_id": ctx.update.chat_id}))
    ctx.reply(t("This group is now linked to team <b>{team}</b>. Report prompts for the team will appear here.",
                team=team.name))
