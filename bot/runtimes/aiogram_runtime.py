"""aiogram 3 adapter: translate aiogram objects to neutral Updates and neutral replies to
Bot API calls. No behaviour lives here."""
from __future__ import annotations

import asyncio

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import (BufferedInputFile, CallbackQuery, ForceReply, InlineKeyboardButton,
                           InlineKeyboardMarkup, Message)
from aiogram.types import Update as TgUpdate

from bot.outbox import RetryAfter, Unreachable
from bot.runtimes.base import NotModified, Runtime
from handlers.app import App
from handlers.types import (AnswerCallback, EditMessage, FileRef, Keyboard, SendDocument, SendMessage, Sender,
                            Update)


def _markup(kb: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not kb:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, callback_data=b.data) for b in row] for row in kb])


def _file(message: Message) -> FileRef | None:
    if message.document:
        d = message.document
        return FileRef(d.file_id, "document", d.file_name, d.mime_type, d.file_size)
    if message.photo:
        p = message.photo[-1]
        return FileRef(p.file_id, "photo", None, "image/jpeg", p.file_size)
    for kind in ("video", "audio", "voice", "sticker"):
        obj = getattr(message, kind)
        if obj is not None:
            return FileRef(obj.file_id, kind, getattr(obj, "file_name", None), getattr(obj, "mime_type", None),
                           obj.file_size)
    return None


class AiogramRuntime(Runtime):
    name = "aiogram"

    def __init__(self, app: App, token: str, api_base: str) -> None:
        super().__init__(app)
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_base))
        self.bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        self.dp = Dispatcher()
        self.dp.message.register(self._on_message)
        self.dp.callback_query.register(self._on_callback)
        self._polling_done = asyncio.Event()

    # --- inbound ---------------------------------------------------------------------
    async def _on_message(self, message: Message, event_update: TgUpdate) -> None:
        user = message.from_user
        if user is None or user.is_bot:
            return
        reply_to = message.reply_to_message
        await self.process(Update(
            update_id=event_update.update_id,
            sender=Sender(user.id, user.first_name, user.last_name, user.username, user.language_code),
            chat_id=message.chat.id, chat_type=message.chat.type, message_id=message.message_id,
            text=message.text if message.text is not None else message.caption,
            file=_file(message),
            reply_to_message_id=reply_to.message_id if reply_to else None,
            reply_to_bot=bool(reply_to and reply_to.from_user and reply_to.from_user.id == self.bot.id)))

    async def _on_callback(self, query: CallbackQuery, event_update: TgUpdate) -> None:
        user = query.from_user
        message = query.message
        await self.process(Update(
            update_id=event_update.update_id,
            sender=Sender(user.id, user.first_name, user.last_name, user.username, user.language_code),
            chat_id=message.chat.id if message else user.id,
            chat_type=message.chat.type if message else "private",
            message_id=message.message_id if message else None,
            callback_id=query.id, callback_data=query.data or ""))

    async def _poll(self) -> None:
        try:
            await self.dp.start_polling(self.bot, handle_signals=False, handle_as_tasks=False,
                                        close_bot_session=False, polling_timeout=10)
        finally:
            self._polling_done.set()

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
        try:
            await self.bot.send_message(reply.chat_id, reply.text, reply_markup=markup)
        except TelegramRetryAfter as exc:
            raise RetryAfter(exc.retry_after) from exc
        except TelegramForbiddenError as exc:
            raise Unreachable(exc.message) from exc
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message:
                raise Unreachable(exc.message) from exc
            raise

    async def edit_message(self, reply: EditMessage) -> None:
        try:
            await self.bot.edit_message_text(text=reply.text, chat_id=reply.chat_id, message_id=reply.message_id,
                                             reply_markup=_markup(reply.keyboard))
        except TelegramBadRequest as exc:
            if "not modified" in exc.message:
                raise NotModified from exc
            raise

    async def answer_callback(self, reply: AnswerCallback) -> None:
        await self.bot.answer_callback_query(reply.callback_id, text=reply.text, show_alert=reply.alert)

    async def send_document(self, reply: SendDocument) -> None:
        await self.bot.send_document(reply.chat_id, BufferedInputFile(reply.content, reply.filename),
                                     caption=reply.caption)
