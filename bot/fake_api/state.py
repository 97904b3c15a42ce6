"""Everything the fake Telegram remembers: users, chats, messages, files, the
update queue, callback queries, the call log and the transcript.

Waiters (long polling, the webhook sender, tests' wait_for) sleep on one
asyncio.Condition and are woken whenever anything changes."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import mimetypes
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import (
    ApiCall,
    CallbackAnswer,
    CallbackQuery,
    FakeChat,
    FakeUser,
    StoredFile,
    StoredMessage,
)

# Sent when allowed_updates was never given (or given as []): Telegram's default.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class Update:
    update_id: int
    kind: str  # "message", "callback_query", ...
    payload: dict[str, Any]

    def to_api(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.kind: self.payload}


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None
    delivered: int = 0


@dataclass
class State:
    bot: FakeUser
    privacy_mode: bool = True
    users: dict[int, FakeUser] = field(default_factory=dict)
    chats: dict[int, FakeChat] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    messages: dict[int, dict[int, StoredMessage]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)  # not yet confirmed by the bot
    allowed_updates: frozenset[str] | None = None  # None = Telegram's default set
    webhook: WebhookConfig | None = None
    callbacks: dict[str, CallbackQuery] = field(default_factory=dict)  # still answerable
    callback_answers: dict[str, CallbackAnswer] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    descriptions: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, language) -> text
    calls: list[ApiCall] = field(default_factory=list)
    log: list[str] = field(default_factory=list)  # the transcript
    polls_waiting: int = 0  # getUpdates calls now long-polling
    seq: int = 0  # bumped on every change; waiters re-check their predicate
    closing: bool = False

    def __post_init__(self) -> None:
        self.cond = asyncio.Condition()
        self._next_message_id: dict[int, int] = {}
        self._update_ids = itertools.count(1)
        self._file_numbers = itertools.count(1)
        self._callback_numbers = itertools.count(1)
        self._notify_pending = False
        self._notify_tasks: set[asyncio.Task[None]] = set()

    # --- waking waiters -------------------------------------------------------------

    def changed(self) -> None:
        """Record a change and wake every waiter. Callable from sync code: the
        Condition must be notified while holding its lock, so a task does that."""
        self.seq += 1
        if self._notify_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop, so nobody can be waiting
        self._notify_pending = True
        task = loop.create_task(self._notify())
        self._notify_tasks.add(task)
        task.add_done_callback(self._notify_tasks.discard)

    async def _notify(self) -> None:
        self._notify_pending = False
        async with self.cond:
            self.cond.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float | None) -> Any:
        """Wait (event-driven) until predicate() is truthy; return its value.
        Raises TimeoutError after `timeout` seconds (None = forever)."""
        async with self.cond:
            return await asyncio.wait_for(self.cond.wait_for(predicate), timeout)

    async def drain_notifications(self) -> None:
        if self._notify_tasks:
            await asyncio.gather(*self._notify_tasks, return_exceptions=True)

    # --- users and chats ------------------------------------------------------------

    def private_chat(self, user: FakeUser) -> FakeChat:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = FakeChat(id=user.id, type="private", user=user)
            self.chats[user.id] = chat
        return chat

    def chat_for_id(self, chat_id: int) -> FakeChat | None:
        """A known group, or the private chat of a registered user."""
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id in self.users:
            return self.private_chat(self.users[chat_id])
        return None

    # --- messages -------------------------------------------------------------------

    def add_message(self, chat: FakeChat, sender: FakeUser, **fields: Any) -> StoredMessage:
        """Store a new message with the chat's next message_id (ids are per chat)."""
        message_id = self._next_message_id.get(chat.id, 1)
        self._next_message_id[chat.id] = message_id + 1
        self.seq += 1
        message = StoredMessage(
            chat=chat, message_id=message_id, sender=sender, date=int(time.time()), seq=self.seq, **fields
        )
        self.messages.setdefault(chat.id, {})[message_id] = message
        self.changed()
        return message

    def touch(self, message: StoredMessage) -> None:
        """Mark a message as changed now (after an edit)."""
        self.seq += 1
        message.seq = self.seq
        self.changed()

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        message = self.messages.get(chat_id, {}).get(message_id)
        return None if message is None or message.deleted else message

    def bot_messages(self, chat_id: int | None = None) -> list[StoredMessage]:
        chats = [self.messages.get(chat_id, {})] if chat_id is not None else list(self.messages.values())
        return [m for msgs in chats for m in msgs.values() if m.from_bot and not m.deleted]

    # --- files ----------------------------------------------------------------------

    def add_file(
        self,
        content: bytes,
        kind: str,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int = 0,
        height: int = 0,
    ) -> StoredFile:
        number = next(self._file_numbers)
        if kind == "photo":
            file_id, extension, folder = f"AgACAgIAAxkBAAI{number:06d}", ".jpg", "photos"
        else:
            file_id, folder = f"BQACAgIAAxkBAAI{number:06d}", "documents"
            extension = mimetypes.guess_extension(mime_type or "") or ""
            if file_name and "." in file_name:
                extension = "." + file_name.rsplit(".", 1)[1]
        # Same bytes -> same unique id, as on Telegram.
        unique = "AgAD" + hashlib.sha1(content).hexdigest()[:12]
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=unique,
            file_path=f"{folder}/file_{number}{extension}",
            content=content,
            kind=kind,
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.files[file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    # --- updates --------------------------------------------------------------------

    def enqueue(self, kind: str, payload: dict[str, Any]) -> Update:
        update = Update(next(self._update_ids), kind, payload)
        self.updates.append(update)
        self.changed()
        return update

    def is_allowed(self, kind: str) -> bool:
        if self.allowed_updates is None:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in self.allowed_updates

    def confirm(self, offset: int) -> None:
        """getUpdates offset semantics: forget updates below offset; a negative offset
        keeps only the last -offset updates."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u.update_id >= offset]

    def pending(self, limit: int = 100) -> list[Update]:
        """Deliverable updates; ones of kinds the bot did not ask for are dropped."""
        self.updates = [u for u in self.updates if self.is_allowed(u.kind)]
        return self.updates[:limit]

    # --- callback queries -----------------------------------------------------------

    def new_callback_id(self) -> str:
        return f"{self.bot.id}{next(self._callback_numbers):08d}"

    # --- transcript -----------------------------------------------------------------

    def say(self, line: str) -> None:
        self.log.append(line)
