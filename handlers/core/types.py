"""Framework-neutral update and reply types: the only contract between a runtime
adapter (bot/runtimes/*) and the application layer (handlers/)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

ChatType = Literal["private", "group", "supergroup", "channel"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_utf8(text: str) -> str:
    """text with every lone UTF-16 surrogate (JSON can carry "\\ud800") replaced by U+FFFD:
    such a str cannot be encoded, so a reply echoing it would fail and the user get nothing."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _make_valid(obj: object, *names: str) -> None:
    """Every update's and reply's text is valid UTF-8 by construction, whatever path built it,
    and holds no NUL: nobody types one, and PostgreSQL cannot store it in a text column."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str) and (_LONE_SURROGATE.search(value) or "\x00" in value):
            # frozen: set once, at construction
            object.__setattr__(obj, name, valid_utf8(value).replace("\x00", ""))


@dataclass(frozen=True)
class Sender:
    id: int
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    def __post_init__(self) -> None:
        _make_valid(self, "first_name", "last_name", "username")


@dataclass(frozen=True)
class FileRef:
    """A file the user sent; we keep Telegram's file_id, never the bytes."""

    file_id: str
    kind: Literal["document", "photo", "video", "audio", "voice", "sticker", "other"]
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None

    def __post_init__(self) -> None:
        _make_valid(self, "file_name", "mime_type")


BotMembership = Literal["added", "removed"]


@dataclass(frozen=True)
class Update:
    """One thing a user did: a message (text/command/file) or a button press; or a change
    to a group itself (the bot added or removed, the group upgraded to a supergroup)."""

    update_id: int
    sender: Sender
    chat_id: int
    chat_type: ChatType = "private"
    message_id: int | None = None
    text: str | None = None
    file: FileRef | None = None
    callback_id: str | None = None
    callback_data: str | None = None
    reply_to_message_id: int | None = None
    reply_to_bot: bool = False
    thread_id: int | None = None  # a forum topic's message_thread_id: replies go back to it
    addressed_elsewhere: bool = False  # "/cmd@OtherBot": meant for another bot in the group
    membership: BotMembership | None = None  # the bot was added to or removed from this chat
    migrated_to: int | None = None  # the group became the supergroup with this id

    def __post_init__(self) -> None:
        # Whoever builds an Update (a runtime, a test, a fuzzer), handlers see valid UTF-8 only.
        _make_valid(self, "text", "callback_data")

    @property
    def command(self) -> str | None:
        """'/ajukan@SikerjaBot arg' -> 'ajukan'; None for a command meant for another bot."""
        if not self.text or not self.text.startswith("/") or self.addressed_elsewhere:
            return None
        head = self.text.split(maxsplit=1)[0][1:]
        return head.split("@", 1)[0].lower() or None

    @property
    def args(self) -> str:
        if not self.command:
            return ""
        parts = self.text.split(maxsplit=1)  # type: ignore[union-attr]
        return parts[1].strip() if len(parts) > 1 else ""

    @property
    def is_callback(self) -> bool:
        return self.callback_id is not None


@dataclass(frozen=True)
class Button:
    text: str
    data: str  # callback_data, <= 64 bytes (checked by handlers.core.buttons); unused with a url
    url: str | None = None  # a link button (e.g. a t.me deep link) instead of a callback

    def __post_init__(self) -> None:
        _make_valid(self, "text", "data")


Keyboard = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class SendMessage:
    chat_id: int
    text: str  # HTML, user text already escaped
    keyboard: Keyboard | None = None
    force_reply: bool = False
    placeholder: str | None = None
    thread_id: int | None = None  # the forum topic to post in
    card: str | None = None  # a decision card: its copies are edited once decided (handlers.core.cards)

    def __post_init__(self) -> None:
        _make_valid(self, "text", "placeholder")


@dataclass(frozen=True)
class EditMessage:
    chat_id: int
    message_id: int
    text: str
    keyboard: Keyboard | None = None

    def __post_init__(self) -> None:
        _make_valid(self, "text")


@dataclass(frozen=True)
class AnswerCallback:
    callback_id: str
    text: str | None = None
    alert: bool = False

    def __post_init__(self) -> None:
        _make_valid(self, "text")


@dataclass(frozen=True)
class SendDocument:
    chat_id: int
    filename: str
    content: bytes
    caption: str | None = None
    as_photo: bool = False  # an image (PNG/JPEG) shown inline as a photo rather than as a file

    def __post_init__(self) -> None:
        _make_valid(self, "filename", "caption")


@dataclass(frozen=True)
class SendFile:
    """Send back a file Telegram already holds (e.g. data dukung), by its file id."""

    chat_id: int
    file_id: str
    kind: str  # "photo" goes as a photo; anything else as a document
    caption: str | None = None

    def __post_init__(self) -> None:
        _make_valid(self, "caption")


MenuScope = Literal["default", "all_group_chats", "chat"]


@dataclass(frozen=True)
class SetCommands:
    """The "/" menu for a scope and language ("" = any language without its own);
    no commands removes it, so the wider scope applies again."""

    scope: MenuScope
    language: str
    commands: tuple[tuple[str, str], ...]  # (command, description)
    chat_id: int | None = None  # for scope "chat"
    # A check, not a change (e.g. /start setting the menu again in case roles moved while
    # menus were not kept): the runtime may skip it when it set this very menu already.
    unless_set: bool = False


@dataclass(frozen=True)
class SetDescription:
    """The bot's description (an empty chat shows it) and short description (its profile)."""

    language: str
    description: str
    short_description: str


Reply = SendMessage | EditMessage | AnswerCallback | SendDocument | SendFile | SetCommands | SetDescription


@dataclass
class Replies:
    """What a handler returns: replies to the current chat, in order."""

    items: list[Reply] = field(default_factory=list)

    def add(self, reply: Reply) -> None:
        self.items.append(reply)
