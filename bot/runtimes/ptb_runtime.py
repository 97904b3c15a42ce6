"""python-telegram-bot v22 adapter: the same neutral core, a different library.
Translation and wiring only; behaviour lives in handlers/."""
from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable
from functools import partial

# Opt in to v23 behaviour now (retry_after as a timedelta) instead of a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram import Update as TgUpdate
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.error import RetryAfter as TgRetryAfter
from telegram.ext import Application, ContextTypes, Defaults, TypeHandler

from bot.ratelimit import FloodLimits
from bot.runtimes.base import Runtime, neutral_errors
from bot.runtimes.translate import ALLOWED_UPDATES
from bot.runtimes.webhook import WebhookOptions
from handlers.core.app import App
from handlers.core.dispatch import NotStored
from handlers.core.types import (
    AnswerCallback,
    EditMessage,
    Keyboard,
    SendDocument,
    SendFile,
    SendMessage,
    SetCommands,
    SetDescription,
)


def _markup(kb: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not kb:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, url=b.url) if b.url else
                                  InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in kb])


class PtbRuntime(Runtime):
    name = "ptb"
    network_errors = (NetworkError,)  # also TimedOut, and the 5xx PTB reports as NetworkError

    def __init__(self, app: App, token: str, api_base: str, flood: FloodLimits | None = None,
                 webhook: WebhookOptions | None = None) -> None:
        super().__init__(app, flood, webhook)
        base = api_base.rstrip("/")
        self.application = (Application.builder().token(token).base_url(f"{base}/bot")
                            .base_file_url(f"{base}/file/bot").defaults(Defaults(parse_mode=ParseMode.HTML))
                            .concurrent_updates(False).build())
        self.application.add_handler(TypeHandler(TgUpdate, self._on_update))
        self.bot = self.application.bot
        self._stopped = asyncio.Event()

    # --- inbound ---------------------------------------------------------------------
    async def _on_update(self, update: TgUpdate, _context: ContextTypes.DEFAULT_TYPE) -> None:
        with contextlib.suppress(NotStored):  # told the user; polling cannot refuse an update (docs/RUNTIMES.md)
            await self.process_raw(update.to_dict())

    @property
    def bot_id(self) -> int:
        return self.bot.id  # known after initialize() (getMe)

    @property
    def bot_username(self) -> str | None:
        try:
            return self.bot.username  # known after initialize() (getMe)
        except RuntimeError:
            return None

    async def _connect(self) -> None:
        await self.application.initialize()  # getMe; a no-op once it has succeeded

    async def _poll(self) -> None:
        await self._connect()
        await self.application.start()
        assert self.application.updater is not None  # built with one (the builder's default)
        await self.application.updater.start_polling(timeout=10, allowed_updates=ALLOWED_UPDATES)
        await self._stopped.wait()

    async def _stop_polling(self) -> None:
        self._stopped.set()
        if self.application.updater and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()

    async def close(self) -> None:
        with contextlib.suppress(RuntimeError):
            await self.application.shutdown()

    # --- outbound --------------------------------------------------------------------
    async def set_webhook(self, url: str, secret: str) -> None:
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook()

    async def send_message(self, reply: SendMessage) -> int:
        markup = (ForceReply(input_field_placeholder=reply.placeholder)
                  if reply.force_reply else _markup(reply.keyboard))
        async with _errors():
            sent = await self.bot.send_message(reply.chat_id, reply.text, reply_markup=markup,
                                               message_thread_id=reply.thread_id)
        return sent.message_id

    async def set_commands(self, reply: SetCommands) -> None:
        scope = (BotCommandScopeChat(reply.chat_id) if reply.scope == "chat" and reply.chat_id is not None
                 else BotCommandScopeAllGroupChats() if reply.scope == "all_group_chats"
                 else BotCommandScopeDefault())
        async with _errors():
            if reply.commands:
                await self.bot.set_my_commands([BotCommand(c, d) for c, d in reply.commands], scope=scope,
                                               language_code=reply.language or None)
            else:
                await self.bot.delete_my_commands(scope=scope, language_code=reply.language or None)

    async def set_description(self, reply: SetDescription) -> None:
        async with _errors():
            await self.bot.set_my_description(reply.description, language_code=reply.language or None)
            await self.bot.set_my_short_description(reply.short_description, language_code=reply.language or None)

    async def edit_message(self, reply: EditMessage) -> None:
        async with _errors():
            await self.bot.edit_message_text(reply.text, chat_id=reply.chat_id, message_id=reply.message_id,
                                             reply_markup=_markup(reply.keyboard))

    async def answer_callback(self, reply: AnswerCallback) -> None:
        async with _errors():
            await self.bot.answer_callback_query(reply.callback_id, text=reply.text, show_alert=reply.alert)

    async def send_document(self, reply: SendDocument) -> None:
        async with _errors():
            if reply.as_photo:
                await self.bot.send_photo(reply.chat_id, reply.content, filename=reply.filename,
                                          caption=reply.caption)
            else:
                await self.bot.send_document(reply.chat_id, reply.content, filename=reply.filename,
                                             caption=reply.caption)

    async def _get_file(self, file_id: str) -> tuple[int | None, Callable[[], Awaitable[bytes]]]:
        async with _errors():
            file = await self.bot.get_file(file_id)

        async def fetch() -> bytes:
            return bytes(await file.download_as_bytearray())
        return file.file_size, fetch

    async def send_file(self, reply: SendFile) -> None:
        async with _errors():
            if reply.kind == "photo":
                await self.bot.send_photo(reply.chat_id, reply.file_id, caption=reply.caption)
            else:
                await self.bot.send_document(reply.chat_id, reply.file_id, caption=reply.caption)


_errors = partial(neutral_errors, TgRetryAfter, Forbidden, BadRequest)
