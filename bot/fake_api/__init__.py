"""A fake Telegram Bot API server for end-to-end tests and demos.

    async with FakeTelegram() as tg:
        budi = tg.user(1001, "Budi")
        ...  # point aiogram / python-telegram-bot at tg.base_url
        tg.send_text(budi, "/start")
        reply = await tg.wait_message(budi, contains="Selamat")
"""

from .control import FakeTelegram, command_entities
from .errors import ApiError, ControlError
from .html import EntityParseError, ParsedText, parse_html, render
from .limits import FloodControl, Limits, ManualClock
from .models import (
    ApiCall,
    CallbackAnswer,
    CallbackQuery,
    FakeChat,
    FakeUser,
    StoredFile,
    StoredMessage,
)

__all__ = [
    "ApiCall",
    "ApiError",
    "CallbackAnswer",
    "CallbackQuery",
    "ControlError",
    "EntityParseError",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "FloodControl",
    "Limits",
    "ManualClock",
    "ParsedText",
    "StoredFile",
    "StoredMessage",
    "command_entities",
    "parse_html",
    "render",
]
