"""Raw Bot API update (a dict, as both aiogram and python-telegram-bot can produce) ->
neutral Update. One translation for every runtime, so they cannot drift apart.

A webhook body is anyone's JSON until proven otherwise, so every field is checked here:
an update of the wrong shape is ignored with a debug line, never a traceback."""
from __future__ import annotations

import logging
from typing import Any, Literal

from handlers.core.types import ChatType, FileRef, Sender, Update, valid_utf8

log = logging.getLogger(__name__)

# The update types update_from_api acts on; asked for by polling and setWebhook alike, so
# Telegram does not send (and neither library receives) anything else.
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]

FILE_KINDS = ("document", "video", "audio", "voice", "sticker", "animation", "video_note")

_NEUTRAL_KINDS: dict[str, Literal["document", "video", "audio", "voice", "sticker"]] = {
    "document": "document", "video": "video", "audio": "audio", "voice": "voice", "sticker": "sticker"}


class _Odd(ValueError):
    """The update does not have the shape the Bot API documents."""


def _obj(parent: dict[str, Any], key: str, required: bool = True) -> dict[str, Any]:
    value = parent.get(key)
    if isinstance(value, dict):
        return value
    if value is None and not required:
        return {}
    raise _Odd(f"{key} is not an object")


def _int(parent: dict[str, Any], key: str, required: bool = True) -> int | None:
    value = parent.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None and not required:
        return None
    raise _Odd(f"{key} is not an integer")


def _id(parent: dict[str, Any], key: str) -> int:
    value = _int(parent, key)
    assert value is not None  # required
    return value


def _str(parent: dict[str, Any], key: str, required: bool = False) -> str | None:
    """A string field, lone surrogates replaced so whatever echoes it can be sent."""
    value = parent.get(key)
    if isinstance(value, str):
        return valid_utf8(value)
    if value is None and not required:
        return None
    raise _Odd(f"{key} is not a string")


def _sender(user: dict[str, Any]) -> Sender:
    return Sender(_id(user, "id"), _str(user, "first_name") or "", _str(user, "last_name"), _str(user, "username"),
                  _str(user, "language_code"))


def _file(message: dict[str, Any]) -> FileRef | None:
    photos = message.get("photo")
    if photos:
        if not isinstance(photos, list) or not isinstance(photos[-1], dict):
            raise _Odd("photo is not a list of sizes")
        photo = photos[-1]  # the largest size
        return FileRef(_str(photo, "file_id", True) or "", "photo", None, "image/jpeg", _int(photo, "file_size", False))
    for kind in FILE_KINDS:
        if not message.get(kind):
            continue
        obj = _obj(message, kind)
        return FileRef(_str(obj, "file_id", True) or "", _NEUTRAL_KINDS.get(kind, "other"), _str(obj, "file_name"),
                       _str(obj, "mime_type"), _int(obj, "file_size", False))
    return None


def update_from_api(raw: dict[str, Any], bot_id: int, bot_username: str | None = None) -> Update | None:
    """None for updates Sikerja does not act on (edits, channel posts, bots, joins…) and
    for any of the wrong shape (no chat, a numeric text, …). bot_username: our own, so a
    "/cmd@OtherBot" in a group is recognised as meant for another bot."""
    try:
        return _translate(raw, bot_id, bot_username)
    except _Odd as exc:
        log.debug("update %r ignored: %s", raw.get("update_id"), exc)
        return None


_ACTIVE = ("member", "administrator", "creator", "restricted")


def _membership(update_id: int, raw: dict[str, Any]) -> Update | None:
    """my_chat_member: the bot itself was added to a group, or removed / banned from it."""
    event = _obj(raw, "my_chat_member")
    chat = _obj(event, "chat")
    if _chat_type(chat) not in ("group", "supergroup"):
        return None  # a user blocking the bot in private shows up as a failed send instead
    was = _obj(event, "old_chat_member").get("status")
    now = _obj(event, "new_chat_member").get("status")
    if (was in _ACTIVE) == (now in _ACTIVE):
        return None  # promoted, restricted, …: still there
    return Update(update_id=update_id, sender=_sender(_obj(event, "from")), chat_id=_id(chat, "id"),
                  chat_type=_chat_type(chat), membership="added" if now in _ACTIVE else "removed")


def _elsewhere(text: str | None, bot_username: str | None) -> bool:
    """'/cmd@OtherBot …': a command addressed to another bot in the same group."""
    if not text or not text.startswith("/") or bot_username is None:
        return False
    head = text.split(maxsplit=1)[0]
    return "@" in head and head.split("@", 1)[1].lower() != bot_username.lower()


def _translate(raw: dict[str, Any], bot_id: int, bot_username: str | None = None) -> Update | None:
    update_id = _id(raw, "update_id")
    if "my_chat_member" in raw:
        return _membership(update_id, raw)
    if "callback_query" in raw:
        query = _obj(raw, "callback_query")
        sender = _sender(_obj(query, "from"))
        message = _obj(query, "message", required=False)
        chat = _obj(message, "chat") if message else {"id": sender.id, "type": "private"}
        return Update(update_id=update_id, sender=sender, chat_id=_id(chat, "id"),
                      chat_type=_chat_type(chat), message_id=_int(message, "message_id", False),
                      callback_id=_str(query, "id", True), callback_data=_str(query, "data") or "",
                      thread_id=_thread(message))
    if "message" not in raw:
        raise _Odd(f"not a kind Sikerja acts on ({', '.join(sorted(set(raw) - {'update_id'})) or 'empty'})")
    message = _obj(raw, "message")
    migrated_to = _int(message, "migrate_to_chat_id", False)
    if migrated_to is not None:  # a service message: the group became a supergroup
        chat = _obj(message, "chat")
        sender = _sender(_obj(message, "from")) if "from" in message else Sender(0)
        return Update(update_id=update_id, sender=sender, chat_id=_id(chat, "id"), chat_type=_chat_type(chat),
                      migrated_to=migrated_to)
    if "from" not in message:
        raise _Odd("message without a sender (anonymous admin or channel)")
    sender_obj = _obj(message, "from")
    if sender_obj.get("is_bot"):
        return None
    sender = _sender(sender_obj)
    chat = _obj(message, "chat")
    reply_to = _obj(message, "reply_to_message", required=False)
    text = _str(message, "text")
    if text is None:
        text = _str(message, "caption")
    file = _file(message)
    if text is None and file is None:
        return None  # service messages: someone joined, a title changed, …
    return Update(
        update_id=update_id, sender=sender, chat_id=_id(chat, "id"), chat_type=_chat_type(chat),
        message_id=_int(message, "message_id", False), text=text, file=file,
        reply_to_message_id=_int(reply_to, "message_id", False),
        reply_to_bot=_obj(reply_to, "from", required=False).get("id") == bot_id,
        thread_id=_thread(message),
        addressed_elsewhere=_elsewhere(text, bot_username))


def _thread(message: dict[str, Any]) -> int | None:
    """The forum topic a message is in (a reply in a plain group also has a thread id: not that)."""
    return _int(message, "message_thread_id", False) if message.get("is_topic_message") else None


def _chat_type(chat: dict[str, Any]) -> ChatType:
    kind = chat.get("type", "private")
    if kind not in ("private", "group", "supergroup", "channel"):
        raise _Odd(f"chat type {kind!r}")
    return kind
