"""aiogram 3 adapter: translate aiogram objects to neutral Updates and neutral replies to
Bot API calls. No behaviour lives here."""
from __future__ import annotations

import contextlib
import io
from collections.abc import Awaitable, Callable
from functools import partial

from aiogram import Bot, Dispatcher
from aiogram import methods as api
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    BufferedInputFile,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from aiogram.types import Update as TgUpdate

from bot.ratelimit import FloodLimits
from bot.runtimes.base import Runtime, neutral_errors
from bot.runtimes.translate import ALLOWED_UPDATES
from bot.runtimes.webhook import WebhookOptions
from handlers.core.app import App
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

# aiogram parses every answer as Response[<method's return type>]. pydantic keeps such
# parametrised classes only weakly, so each garbage collection drops them and the next
# call rebuilds one (milliseconds each: a tenth of our handling time, measured by
# benchmarks/bench_runtimes.py). Holding them here makes every call a cache hit.
_RESPONSE_TYPES = tuple(api.Response[method.__returning__] for method in (  # type: ignore[name-defined]
    api.SendMessage, api.EditMessageText, api.AnswerCallbackQuery, api.SendDocument, api.GetUpdates, api.GetMe,
    api.SetWebhook, api.DeleteWebhook, api.GetFile, api.SendPhoto))


def _markup(kb: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not kb:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, url=b.url) if b.url
         else InlineKeyboardButton(text=b.text, callback_data=b.data) for b in row] for row in kb])


class AiogramRuntime(Runtime):
    name = "aiogram"
    network_errors = (TelegramNetworkError, TelegramServerError)  # aiogram wraps timeouts and refusals

    def __init__(self, app: App, token: str, api_base: str, flood: FloodLimits | None = None,
                 webhook: WebhookOptions | None = None) -> None:
        super().__init__(app, flood, webhook)
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_base))
        self.bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        self.dp = Dispatcher()
        self._username: str | None = None
        self.dp.message.register(self._on_event)
        self.dp.callback_query.register(self._on_event)
        self.dp.my_chat_member.register(self._on_event)

    # --- inbound ---------------------------------------------------------------------
    async def _on_event(self, event: object, event_update: TgUpdate) -> None:
        # aiogram fetches the next batch once this returns (handle_as_tasks=False): see process_patiently
        await self.process_patiently(event_update.model_dump(mode="json", by_alias=True, exclude_none=True))

    @property
    def bot_id(self) -> int:
        return self.bot.id  # aiogram reads it from the token

    @property
    def bot_username(self) -> str | None:
        return self._username

    async def _connect(self) -> None:
        me = await self.bot.me()  # aiogram needs no setup, but this shows at start whether Telegram answers
        self._username = me.username

    async def _poll(self) -> None:
        await self.dp.start_polling(self.bot, handle_signals=False, handle_as_tasks=False,
                                    close_bot_session=False, polling_timeout=10, allowed_updates=ALLOWED_UPDATES)

    async def _stop_polling(self) -> None:
        with contextlib.suppress(RuntimeError):  # polling was not started
            await self.dp.stop_polling()

    async def close(self) -> None:
        await self.bot.session.close()

    # --- outbound --------------------------------------------------------------------
    async def set_webhook(self, url: str, secret: str) -> None:
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook()

    async def send_message(self, reply: SendMessage) -> int:
        markup = (ForceReply(force_reply=True, input_field_placeholder=reply.placeholder)
                  if reply.force_reply else _markup(reply.keyboard))
        async with _errors():
            sent = await self.bot.send_message(reply.chat_id, reply.text, reply_markup=markup,
                                               message_thread_id=reply.thread_id)
        return sent.message_id

    async def set_commands(self, reply: SetCommands) -> None:
        scope = (BotCommandScopeChat(chat_id=reply.chat_id) if reply.scope == "chat" and reply.chat_id is not None
                 else BotCommandScopeAllGroupChats() if reply.scope == "all_group_chats"
                 else BotCommandScopeDefault())
        async with _errors():
            if reply.commands:
                await self.bot.set_my_commands([BotCommand(command=c, description=d) for c, d in reply.commands],
                                               scope=scope, language_code=reply.language or None)
            else:
                await self.bot.delete_my_commands(scope=scope, language_code=reply.language or None)

    async def set_description(self, reply: SetDescription) -> None:
        async with _errors():
            await self.bot.set_my_description(reply.description, language_code=reply.language or None)
            await self.bot.set_my_short_description(reply.short_description, language_code=reply.language or None)

    async def edit_message(self, reply: EditMessage) -> None:
        async with _errors():
            await self.bot.edit_message_text(text=reply.text, chat_id=reply.chat_id, message_id=reply.message_id,
                                             reply_markup=_markup(reply.keyboard))

    async def answer_callback(self, reply: AnswerCallback) -> None:
        async with _errors():
            await self.bot.answer_callback_query(reply.callback_id, text=reply.text, show_alert=reply.alert)

    async def send_document(self, reply: SendDocument) -> None:
        async with _errors():
            upload = BufferedInputFile(reply.content, reply.filename)
            if reply.as_photo:
                await self.bot.send_photo(reply.chat_id, upload, caption=reply.caption)
            else:
                await self.bot.send_document(reply.chat_id, upload, caption=reply.caption)

    async def _get_file(self, file_id: str) -> tuple[int | None, Callable[[], Awaitable[bytes]]]:
        async with _errors():
            file = await self.bot.get_file(file_id)

        async def fetch() -> bytes:
            buffer = io.BytesIO()
            await self.bot.download_file(file.file_path or "", buffer)
            return buffer.getvalue()
        return file.file_size, fetch

    async def send_file(self, reply: SendFile) -> None:
        async with _errors():
            if reply.kind == "photo":
                await self.bot.send_photo(reply.chat_id, reply.file_id, caption=reply.caption)
            else:
                await self.bot.send_document(reply.chat_id, reply.file_id, caption=reply.caption)


_errors = partial(neutral_errors, TelegramRetryAfter, TelegramForbiddenError, TelegramBadRequest)
