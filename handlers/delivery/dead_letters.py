"""Delivery problems, seen from the application layer: a user who blocked the bot is
marked unreachable and their unit head is told once; admins see the notices that could
not be delivered (/antrian) and send them again."""
from __future__ import annotations

import datetime as dt
import re

from domain.deciders import unit_head_of
from domain.ids import id_of
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.i18n import Html, translator
from handlers.core.registry import Router
from handlers.delivery.buttons import Requeue, RequeueAll
from storage.records import OutboxMessage
from storage.uow import UnitOfWork

router = Router()

LISTED = 10  # dead notices shown per /antrian
_TAGS = re.compile(r"<[^>]+>")


async def mark_unreachable(uow: UnitOfWork, chat_id: int, reason: str, now: dt.datetime) -> bool:
    """Remember that `chat_id` cannot be reached; the first time (per episode), tell the
    employee's unit head through the outbox. True when a notice was queued."""
    if await uow.unreachable.is_marked(chat_id):
        return False
    link = await uow.links.by_telegram_user(chat_id) if chat_id > 0 else None
    employee = await uow.org.employee(link.employee_id) if link else None
    await uow.unreachable.mark(chat_id, employee.id if employee else None, reason, now)
    if employee is None:
        return False
    head = unit_head_of(await uow.org.view_for(employee), employee)
    head_link = await uow.links.by_employee(head.id) if head else None
    if head_link is None:
        return False
    t = translator(head_link.language)
    text = t("⚠️ <b>{name}</b> ({jabatan}) cannot receive messages from Sikerja any more: they blocked the "
             "bot or deleted the chat. Reminders and decisions for them are not reaching them. Please ask them "
             "to open the bot and press Start again.", name=employee.name, jabatan=employee.jabatan_name)
    key = f"unreachable:{chat_id}:{now:%Y%m%dT%H%M%S}"
    return await uow.outbox.enqueue(key, head_link.chat_id, {"text": text, "keyboard": None}, now)


async def mark_reachable(uow: UnitOfWork, chat_id: int) -> None:
    """A notice got through again: the next block is a new episode."""
    await uow.unreachable.clear(chat_id)


def _is_admin(ctx: Ctx) -> bool:
    return ctx.update.sender.id in ctx.app.config.admin_telegram_ids


def _preview(message: OutboxMessage, length: int = 90) -> str:
    text = " ".join(_TAGS.sub("", message.payload.get("text", "")).split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _card(ctx: Ctx, message: OutboxMessage) -> str:
    t = ctx.t
    return Html("\n".join([
        t.ngettext("<b>#{id}</b> to chat {chat}, {count} attempt", "<b>#{id}</b> to chat {chat}, {count} attempts",
            message.attempts, id=message.id, chat=message.chat_id),
        t("Last error: {error}", error=(message.last_error or "-")[:200]),
        t("Text: {preview}", preview=_preview(message)),
    ]))


@router.command("antrian", public=True)
async def dead_letters(ctx: Ctx) -> None:
    """Admins only: the notices that could not be delivered, each with [Send again]."""
    if not _is_admin(ctx):
        ctx.reply(ctx.t("This command is for Sikerja administrators only."))
        return
    args = ctx.update.args.split()
    if len(args) == 2 and args[0].lower() in ("ulang", "retry"):  # typed form, for unlinked admins
        await _requeue(ctx, args[1])
        return
    dead = await ctx.uow.outbox.by_status("dead", LISTED)
    if not dead:
        ctx.reply(ctx.t("No undelivered notices. Everything queued has been delivered or is on its way."))
        return
    total = await ctx.uow.outbox.count_by_status("dead")
    ctx.reply(ctx.t.ngettext("{count} notice could not be delivered:",
                      "{count} notices could not be delivered. The oldest {shown}:", total, shown=len(dead)),
              keyboard([button(ctx.t("🔁 Send all again"), RequeueAll())]) if total > 1 else None)
    for message in dead:
        ctx.reply(_card(ctx, message), keyboard([button(ctx.t("🔁 Send again"), Requeue(id_of(message)))]))


@router.callback(Requeue, RequeueAll)
async def on_requeue(ctx: Ctx, pressed: Requeue | RequeueAll) -> None:
    if not _is_admin(ctx):
        ctx.answer(ctx.t("This command is for Sikerja administrators only."), alert=True)
        return
    await _requeue(ctx, "all" if isinstance(pressed, RequeueAll) else str(pressed.message_id))


async def _requeue(ctx: Ctx, which: str) -> None:
    t = ctx.t
    if which in ("all", "semua"):
        dead = await ctx.uow.outbox.by_status("dead", 10_000)
        for each in dead:
            await ctx.uow.outbox.requeue(each)
        ctx.queued_notices += len(dead)
        ctx.answer(t("Queued again"))
        ctx.edit_or_reply(t.ngettext("{count} notice queued again.", "{count} notices queued again.", len(dead)))
        return
    message = await ctx.uow.outbox.get(int(which)) if which.isdigit() else None
    if message is None or message.status != "dead":
        ctx.answer(t("This notice is not waiting to be sent again any more."), alert=True)
        if not ctx.update.is_callback:
            ctx.reply(t("This notice is not waiting to be sent again any more."))
        return
    card = _card(ctx, message)
    await ctx.uow.outbox.requeue(message)
    ctx.queued_notices += 1
    ctx.answer(t("Queued again"))
    ctx.edit_or_reply(card + "\n" + t("Queued again: it will be sent in a moment."))

