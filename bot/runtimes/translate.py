"""Raw Bot API update (a dict, as both aiogram and python-telegram-bot can produce) ->
neutral Update. One translation for every runtime, so they cannot drift apart."""
from __future__ import annotations

from typing import Any, Literal

from handlers.core.types import FileRef, Sender, Update

# The update types update_from_api acts on; asked for by polling and setWebhook alike, so
# Telegram does not send (and neither library receives) anything else.
ALLOWED_UPDATES = ["message", "callback_query"]

FILE_KINDS = ("document", "video", "audio", "voice", "sticker", "animation", "video_note")


def _sender(user: dict[str, Any]) -> Sender:
    return Sender(user["id"], user.get("first_name", ""), user.get("last_name"), user.get("username"),
                  user.get("language_code"))


_NEUTRAL_KINDS: dict[str, Literal["document", "video", "audio", "voice", "sticker"]] = {
    "document": "document", "video": "video", "audio": "audio", "voice": "voice", "sticker": "sticker"}


def _file(message: dict[str, Any]) -> FileRef | None:
    if message.get("photo"):
        photo = message["photo"][-1]  # the largest size
        return FileRef(photo["file_id"], "photo", None, "image/jpeg", photo.get("file_size"))
    for kind in FILE_KINDS:
        obj = message.get(kind)
        if obj:
            return FileRef(obj["file_id"], _NEUTRAL_KINDS.get(kind, "other"), obj.get("file_name"),
                           obj.get("mime_type"), obj.get("file_size"))
    return None


def update_from_api(raw: dict[str, Any], bot_id: int) -> Update | None:
    """None for updates Sikerja does not act on (edits, channel posts, bots, joins…)."""
    if "callback_query" in raw:
        query = raw["callback_query"]
        message = query.get("message") or {}
        chat = message.get("chat") or {"id": query["from"]["id"], "type": "private"}
        return Update(update_id=raw["update_id"], sender=_sender(query["from"]), chat_id=chat["id"],
                      chat_type=chat.get("type", "private"), message_id=message.get("message_id"),
                      callback_id=query["id"], callback_data=query.get("data") or "")
    message = raw.get("message")
    if not message or "from" not in message or message["from"].get("is_bot"):
        return None
    reply_to = message.get("reply_to_message") or {}
    text = message.get("text", message.get("caption"))
    file = _file(message)
    if text is None and file is None:
        return None  # service messages: someone joined, a title changed, …
    return Update(
        update_id=raw["update_id"], sender=_sender(message["from"]), chat_id=message["chat"]["id"],
        chat_type=message["chat"].get("type", "private"), message_id=message.get("message_id"),
        text=text, file=file, reply_to_message_id=reply_to.get("message_id"),
        reply_to_bot=(reply_to.get("from") or {}).get("id") == bot_id)
