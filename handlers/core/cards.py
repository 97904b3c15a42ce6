"""Decision cards that stay current. A card (an application to decide, …) may be sent
to several chats: to the decider as a notice, again by /persetujuan, to a Plt/Plh. Each
copy is kept in the outbox with its Telegram message id (a direct reply's by record_copy,
a notice's when the outbox delivered it), so once the matter is decided every copy is
edited to show the outcome, who decided and when, without its buttons."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from handlers.core.app import App
from handlers.core.context import Ctx, keyboard_to_json
from handlers.core.formatting import local_day
from handlers.core.i18n import Translator, translator
from handlers.core.types import EditMessage, Keyboard, SendMessage


async def record_copy(app: App, reply: SendMessage, message_id: int) -> None:
    """Called by the runtime once a direct reply carrying a card was sent."""
    assert reply.card is not None
    async with app.uow() as uow:
        await uow.outbox.record_copy(reply.card, reply.chat_id, message_id,
                                     {"text": reply.text, "keyboard": keyboard_to_json(reply.keyboard)}, app.clock())
        await uow.commit()


def decided_line(t: Translator, name: str, at: dt.datetime, timezone: str) -> str:
    return t("Decided by {name} on {date}.", name=name, date=local_day(t, at, timezone))


def send_card(ctx: Ctx, card: str, text: str, kb: Keyboard | None) -> None:
    """Reply with a decision card whose copy is remembered for later edits."""
    ctx.replies.append(SendMessage(ctx.update.chat_id, text, kb or None, thread_id=ctx.update.thread_id, card=card))


async def settle_card(ctx: Ctx, card: str, render: Callable[[Translator], str]) -> None:
    """Every copy of a decided card shows `render` (in its reader's language) without
    buttons: sent ones are edited once this update commits; ones still waiting in the
    outbox go out already decided. The pressed copy is the handler's own to edit."""
    pressed = (ctx.update.chat_id, ctx.update.message_id) if ctx.update.is_callback else None
    for copy in await ctx.uow.outbox.copies(card):
        if copy.status == "dead":
            continue
        link = await ctx.uow.links.by_telegram_user(copy.chat_id)  # a private chat's id is its user's
        text = render(translator(link.language if link else ctx.app.config.default_language))
        if copy.status == "pending":
            copy.payload = {"text": text, "keyboard": None}
        elif copy.message_id is not None and (copy.chat_id, copy.message_id) != pressed:
            ctx.replies.append(EditMessage(copy.chat_id, copy.message_id, text))
