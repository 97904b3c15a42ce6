"""The fake's records of users, chats, files and messages, each able to render
itself as the Bot API JSON object a bot library expects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")


@dataclass
class FakeUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "id"
    is_bot: bool = False
    started: bool = True  # has opened a private chat with the bot (else 403 on send)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data


@dataclass
class FakeChat:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    user: FakeUser | None = None  # the other side of a private chat
    username: str | None = None
    statuses: dict[int, str] = field(default_factory=dict)  # explicit member statuses
    default_status: str = "member"  # for users not in `statuses`
    is_forum: bool = False  # a supergroup with topics
    migrated_to: int | None = None  # upgraded to this supergroup: sends here are refused

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.first_name
        return self.title or str(self.id)

    def status_of(self, user_id: int) -> str:
        return self.statuses.get(user_id, self.default_status)

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title
            if self.username:
                data["username"] = self.username
            if self.is_forum:
                data["is_forum"] = True
        return data


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    kind: str  # "document" or "photo"
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    @property
    def size(self) -> int:
        return len(self.content)

    def to_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }

    def to_document(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        data["file_size"] = self.size
        return data

    def to_photo(self) -> list[dict[str, Any]]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": self.width,
                "height": self.height,
                "file_size": self.size,
            }
        ]


@dataclass
class StoredMessage:
    """A message in a chat, in its current state (edits update it in place).

    `text`/`caption` are what the user sees (HTML tags removed, entities decoded);
    `raw_text`/`raw_caption` are what the bot sent."""

    chat: FakeChat
    message_id: int
    sender: FakeUser
    date: int
    text: str | None = None
    raw_text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    caption: str | None = None
    raw_caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    reply_to: StoredMessage | None = None
    link_preview_options: dict[str, Any] | None = None
    disable_notification: bool = False
    edited: bool = False
    edit_date: int | None = None
    deleted: bool = False
    thread_id: int | None = None  # message_thread_id: the forum topic it is in
    service: dict[str, Any] = field(default_factory=dict)  # e.g. {"migrate_to_chat_id": …}
    seq: int = 0  # global change counter at the last send/edit; see FakeTelegram.mark()

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def from_bot(self) -> bool:
        return self.sender.is_bot

    @property
    def file_name(self) -> str | None:
        return self.document.file_name if self.document else None

    @property
    def file_bytes(self) -> bytes | None:
        stored = self.document or self.photo
        return stored.content if stored else None

    @property
    def visible(self) -> str:
        """Text or caption, whichever the message has."""
        return self.text if self.text is not None else (self.caption or "")

    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return self.reply_markup["inline_keyboard"]
        return []

    def to_api(self, *, with_reply: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": self.chat.to_api(),
            "date": self.date,
        }
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.thread_id is not None:
            data["message_thread_id"] = self.thread_id
            data["is_topic_message"] = True
        data.update(self.service)
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.link_preview_options:
            data["link_preview_options"] = self.link_preview_options
        if self.document is not None:
            data["document"] = self.document.to_document()
        if self.photo is not None:
            data["photo"] = self.photo.to_photo()
        if self.caption:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = self.caption_entities
        # Message.reply_markup only ever carries an inline keyboard in the Bot API.
        if self.inline_keyboard():
            data["reply_markup"] = {"inline_keyboard": self.inline_keyboard()}
        return data


@dataclass
class CallbackQuery:
    id: str
    user: FakeUser
    message: StoredMessage
    data: str
    chat_instance: str
    created_at: float  # flood-control clock time, for the answer deadline

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.user.to_api(),
            "message": self.message.to_api(),
            "chat_instance": self.chat_instance,
            "data": self.data,
        }


@dataclass
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    url: str | None = None
    cache_time: int = 0


@dataclass
class ApiCall:
    """One Bot API request the bot made, as the fake saw it."""

    method: str
    params: dict[str, Any]
    time: float  # time.time() when it arrived
    status: int = 200
    description: str | None = None  # error description when status != 200

    @property
    def ok(self) -> bool:
        return self.status == 200
