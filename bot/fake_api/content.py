"""What a message may contain: text/caption limits, keyboards, images.
Each check raises the ApiError real Telegram answers with."""

from __future__ import annotations

import json
import struct
from typing import Any
from urllib.parse import urlsplit

from .errors import ApiError, bad_request
from .html import EntityParseError, ParsedText, render

MESSAGE_MAX = 4096  # characters, counted after entity parsing
CAPTION_MAX = 1024
CALLBACK_DATA_MAX_BYTES = 64
INLINE_BUTTONS_MAX = 100
CALLBACK_ANSWER_MAX = 200

_BUTTON_ACTIONS = (
    "callback_data", "url", "login_url", "web_app", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
    "copy_text", "callback_game", "pay",
)  # fmt: skip


def format_text(text: str | None, parse_mode: str | None, *, strict_ampersand: bool) -> ParsedText:
    try:
        return render(text or "", parse_mode, strict_ampersand=strict_ampersand)
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    except LookupError:
        raise bad_request("unsupported parse_mode") from None


def message_text(text: str | None, parse_mode: str | None, *, strict_ampersand: bool) -> ParsedText:
    """sendMessage/editMessageText text: 1..4096 visible characters."""
    if not text or not text.strip():
        raise bad_request("message text is empty")
    parsed = format_text(text, parse_mode, strict_ampersand=strict_ampersand)
    if not parsed.text:
        raise bad_request("message text is empty")
    if len(parsed.text) > MESSAGE_MAX:
        raise bad_request("message is too long")
    return parsed


def caption_text(caption: str | None, parse_mode: str | None, *, strict_ampersand: bool) -> ParsedText | None:
    if caption is None or caption == "":
        return None
    parsed = format_text(caption, parse_mode, strict_ampersand=strict_ampersand)
    if len(parsed.text) > CAPTION_MAX:
        raise bad_request("message caption is too long")
    return parsed if parsed.text else None


def _valid_button_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "tg") and bool(parts.netloc or parts.scheme == "tg")


def reply_markup(raw: Any) -> dict[str, Any] | None:
    """Validate a reply_markup object; returns it normalised (or None)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        return {"inline_keyboard": _inline_keyboard(raw["inline_keyboard"])}
    if "force_reply" in raw:
        if raw["force_reply"] is not True:
            raise bad_request('field "force_reply" must be true')
        return raw
    if "remove_keyboard" in raw:
        return raw
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
        return raw
    raise bad_request("can't parse reply keyboard markup JSON object")


def _inline_keyboard(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    total = sum(len(row) for row in rows)
    if total > INLINE_BUTTONS_MAX:
        raise bad_request("reply markup is too long")
    clean: list[list[dict[str, Any]]] = []
    for row in rows:
        clean_row = []
        for button in row:
            if not isinstance(button, dict):
                raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
            text = button.get("text")
            if not isinstance(text, str):
                raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
            if not text.strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            if not any(key in button for key in _BUTTON_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not _valid_button_url(button["url"]):
                raise bad_request("BUTTON_URL_INVALID")
            clean_row.append({k: v for k, v in button.items() if v is not None})
        if clean_row:  # Telegram drops empty rows
            clean.append(clean_row)
    return clean


def same_markup(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Compare keyboards as Telegram does for "message is not modified"."""

    def norm(markup: dict[str, Any] | None) -> str:
        if not markup or not markup.get("inline_keyboard"):
            return ""
        return json.dumps(markup, sort_keys=True)

    return norm(a) == norm(b)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG, GIF or WebP image; None if not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP" and data[12:16] == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def check_upload_size(content: bytes) -> None:
    if not content:
        raise bad_request("file must be non-empty")
    if len(content) > 50 * 1024 * 1024:
        raise ApiError(413, "Request Entity Too Large")
