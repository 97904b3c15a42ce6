"""aiogram 3 adapter: translate aiogram objects to neutral Updates and neutral replies to
Bot API calls. No behaviour lives here."""
from __future__ import annotations

import contextlib

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import BufferedInputFile, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.types import Update as TgUpdate

from bot.outbox import RetryAfter, Unreachable
from bot.ratelimit import FloodLimits
from bot.runtimes.base import Runtime, classify_bad_request
from bot.runtimes.translate import update_from_api
from handlers.app import App
from handlers.types import AnswerCallback, EditMessage, Keyboard, SendDocument, SendMessage


def _markup(kb: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not kb:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, callback_data=b.data) for b in row] for row in kb])


class AiogramRuntime(Runtime):
    name = "aiogram"

    def __init__(self, app: App, token: str, api_base: str, flood: FloodLimits | None = None) -> None:
        super().__init__(app, flood)
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_base))
        self.bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        self.dp = Dispatcher()
        self.dp.message.register(self._on_event)
        self.dp.callback_query.register(self._on_event)

    # --- inbound ---------------------------------------------------------------------
    async def _on_event(self, event: object, event_update: TgUpdate) -> None:
        raw = event_update.model_dump(mode="json", by_alias=True, exclude_none=True)
        update = update_from_api(raw, self.bot.id)
        if update is not None:
            await self.process(update)

    async def _poll(self) -> None:
        await self.dp.start_polling(self.bot, handle_signals=False, handle_as_tasks=False,
                                    close_bot_session=False, polling_timeout=10)

    async def _stop_polling(self) -> None:
        try:
            await self.dp.stop_polling()
        except RuntimeError:
            pass  # polling was not started

    async def close(self) -> None:
        await self.bot.session.close()

    # --- outbound --------------------------------------------------------------------
    async def send_message(self, reply: SendMessage) -> None:
        markup = (ForceReply(force_reply=True, input_field_placeholder=reply.placeholder)
                  if reply.force_reply else _markup(reply.keyboard))
        async with _errors():
            await self.bot.send_message(reply.chat_id, reply.text, reply_markup=markup)

    async def edit_message(self, reply: EditMessage) -> None:
        async with _errors():
            await self.bot.edit_message_text(text=reply.text, chat_id=reply.chat_id, message_id=reply.message_id,
                                             reply_markup=_markup(reply.keyboard))

    async def answer_callback(self, reply: AnswerCallback) -> None:
        async with _errors():
            await self.bot.answer_callback_query(reply.callback_id, text=reply.text, show_alert=reply.alert)

    async def send_document(self, reply: SendDocument) -> None:
        async with _errors():
            await self.bot.send_document(reply.chat_id, BufferedInputFile(reply.content, reply.filename),
                                         caption=reply.caption)


@contextlib.asynccontextmanager
async def _errors():
    """aiogram's exceptions -> the neutral ones the shared runtime code understands."""
    try:
        yield
    except TelegramRetryAfter as exc:
        raise RetryAfter(exc.retry_after) from exc
    except TelegramForbiddenError as exc:
        raise Unreachable(exc.message) from exc
    except TelegramBadRequest as exc:
        classify_bad_request(exc.message, exc)
        raise
