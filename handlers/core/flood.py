"""What a sender is told, once, when they send far more messages at once than a person
types (the runtime notices it and sets the rest of the burst aside, bot/runtimes/lanes.py)."""
from __future__ import annotations

import logging

from handlers.core.app import App
from handlers.core.i18n import normalise_language, translator
from handlers.core.types import Reply, SendMessage, Update

log = logging.getLogger(__name__)


async def flood_notice(app: App, update: Update) -> list[Reply]:
    """In the sender's language: their link's, or Telegram's guess when there is none (or
    the database cannot say; the notice matters more than the language)."""
    link = None
    try:
        async with app.uow() as uow:
            link = await uow.links.by_telegram_user(update.sender.id)
    except Exception:
        log.exception("looking up the language of flooding sender %s failed", update.sender.id)
    lang = link.language if link else normalise_language(update.sender.language_code, app.config.default_language)
    t = translator(lang)
    return [SendMessage(update.chat_id, t(
        "You sent many messages within a few seconds, so I answered only the first ones and set the rest "
        "aside: nothing in them was acted on. Please send one message at a time; if something among them "
        "was meant for me, send it again."))]
