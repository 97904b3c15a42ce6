"""FakeTelegram: the fake Bot API server plus the controls tests drive it with:
register users and groups, inject what users do, and inspect what the bot did."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from aiohttp import web

from .content import image_size
from .errors import ControlError
from .html import utf16_len
from .limits import Clock, FloodControl, Limits
from .methods import BotApi, Disruption, canonical_name
from .models import (
    MEMBER_STATUSES,
    ApiCall,
    CallbackAnswer,
    CallbackQuery,
    FakeChat,
    FakeUser,
    StoredMessage,
)
from .server import build_app
from .state import State
from .webhook import WebhookSender

# A /command is a word of its own: at the start or after whitespace.
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![^\s])")

UserRef = FakeUser | int
ChatRef = FakeChat | FakeUser | int
MessageRef = StoredMessage | dict[str, Any]


class FakeTelegram:
    """A fake api.telegram.org for one bot, run in-process on a local port.

    Point aiogram at `base_url` with `TelegramAPIServer.from_base(base_url)`, or
    python-telegram-bot with `base_url=f"{base_url}/bot"` and
    `base_file_url=f"{base_url}/file/bot"`."""

    def __init__(
        self,
        token: str = "123456:TEST",
        bot_username: str = "SikerjaBot",
        limits: Limits | None = None,
        *,
        bot_name: str = "Sikerja",
        privacy_mode: bool = True,
        strict_html: bool = True,
        clock: Clock = time.monotonic,
    ) -> None:
        """privacy_mode: in groups the bot only gets commands, replies to it and
        mentions of it, unless it is an admin (Telegram's default for new bots).
        strict_html: refuse a bare '&' in HTML (real Telegram lets it through).
        clock: time source of flood control and callback expiry (see ManualClock)."""
        prefix = token.split(":", 1)[0]
        bot = FakeUser(int(prefix) if prefix.isdigit() else 1, bot_name, username=bot_username, is_bot=True)
        self._token = token
        self.state = State(bot, privacy_mode=privacy_mode)
        self.flood = FloodControl(limits or Limits(), clock)
        self.api = BotApi(self.state, self.flood, strict_ampersand=strict_html, on_webhook_change=self._webhook_changed)
        self._webhook = WebhookSender(self.state, self.api)
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # --- lifecycle ------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeTelegram:
        from .control_http import (
            add_control_routes,  # the HTTP controls wrap this class
        )

        app = build_app(self._token, self.api, self.state)
        add_control_routes(app, self)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self._base_url = f"http://{bound_host}:{bound_port}"
        return self

    async def stop(self) -> None:
        self.state.closing = True  # ends long polls and the webhook sender at once
        self.state.changed()
        await self._webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.state.drain_notifications()

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._base_url

    @property
    def token(self) -> str:
        return self._token

    @property
    def bot_user(self) -> FakeUser:
        return self.state.bot

    @property
    def limits(self) -> Limits:
        return self.flood.limits

    @limits.setter
    def limits(self, limits: Limits) -> None:
        """Replace the limits (and forget past traffic)."""
        self.flood = FloodControl(limits, self.flood.clock)
        self.api.flood = self.flood

    def disrupt(self, method: str, times: int = 1, *, delay: float = 0.0, status: int | None = None) -> None:
        """Make the next `times` calls of `method` (e.g. "getMe") slow (`delay` seconds) and/or
        fail with HTTP `status` (e.g. 502), as when Telegram or the network has trouble."""
        name = canonical_name(method)
        if name is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self.api.disruptions[name] = Disruption(times, delay, status)

    def _webhook_changed(self) -> None:
        self._webhook.kick()

    # --- users and chats ------------------------------------------------------------

    def user(
        self,
        id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
        *,
        started: bool = True,
    ) -> FakeUser:
        """Register a user. started=False: the user never opened the bot, so the
        bot gets 403 "bot can't initiate conversation" until they write to it."""
        if id <= 0:
            raise ControlError("user ids are positive")
        user = FakeUser(id, first_name, last_name, username, language_code, started=started)
        self.state.users[id] = user
        return user

    def group(
        self,
        id: int,
        title: str,
        type: str = "supergroup",
        members: Iterable[UserRef | tuple[UserRef, str]] = (),
        *,
        username: str | None = None,
        bot_status: str = "member",
        forum: bool = False,
    ) -> FakeChat:
        """Register a group. members: users (status "member") or (user, status).
        With no members every user counts as "member"; with a list, unlisted users are "left".
        forum: a supergroup with topics (messages carry message_thread_id)."""
        if id >= 0:
            raise ControlError("group ids are negative")
        if type not in ("group", "supergroup"):
            raise ControlError('type must be "group" or "supergroup"')
        members = list(members)
        if forum and type != "supergroup":
            raise ControlError("only a supergroup can be a forum")
        chat = FakeChat(id, type, title=title, username=username, default_status="left" if members else "member",
                        is_forum=forum)
        for member in members:
            user, status = member if isinstance(member, tuple) else (member, "member")
            chat.statuses[self._user_id(user)] = self._check_status(status)
        chat.statuses[self.state.bot.id] = self._check_status(bot_status)
        self.state.chats[id] = chat
        return chat

    def block(self, user_id: UserRef) -> None:
        """The user blocks the bot: sends to them get 403 "bot was blocked by the user"."""
        self.state.blocked.add(self._user_id(user_id))

    def unblock(self, user_id: UserRef) -> None:
        self.state.blocked.discard(self._user_id(user_id))

    def set_member_status(self, chat_id: ChatRef, user_id: UserRef, status: str) -> None:
        """Status getChatMember reports; for the bot itself, "left"/"kicked" stop it posting."""
        chat = self._chat(chat_id)
        if chat.is_private:
            raise ControlError("member statuses exist only in groups")
        chat.statuses[self._user_id(user_id)] = self._check_status(status)
        self.state.changed()

    # --- injecting what users do ----------------------------------------------------

    def send_text(
        self,
        user: UserRef,
        text: str,
        chat: ChatRef | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
    ) -> StoredMessage:
        """A user writes `text` (commands get bot_command entities). reply_to: a message
        in that chat (typically the bot's) that this one replies to. thread_id: the
        forum topic it is written in."""
        sender = self._as_user(user)
        target = self._target_chat(sender, chat)
        replied = self._message(reply_to) if reply_to is not None else None
        if replied is not None and replied.chat_id != target.id:
            raise ControlError("reply_to must be a message of the same chat")
        if thread_id is not None and not target.is_forum:
            raise ControlError("topics exist only in forum supergroups")
        message = self.state.add_message(
            target, sender, text=text, raw_text=text, entities=command_entities(text), reply_to=replied,
            thread_id=thread_id,
        )
        self._deliver(message, f"👤 {sender.first_name} ({self._where(target)}): {text}")
        return message

    # --- the bot's own membership ---------------------------------------------------

    def add_bot(self, user: UserRef, chat: ChatRef, start: str | None = None) -> None:
        """`user` adds the bot to a group. start: they did so with a t.me/<bot>?startgroup=<start>
        link, so Telegram also posts "/start@<bot> <start>" in the group on their behalf."""
        sender = self._as_user(user)
        target = self._chat(chat)
        if target.is_private:
            raise ControlError("the bot can only be added to groups")
        self._bot_membership(sender, target, "member")
        if start is not None:
            self.send_text(sender, f"/start@{self.state.bot.username} {start}", chat=target)

    def remove_bot(self, user: UserRef, chat: ChatRef, kicked: bool = True) -> None:
        """`user` removes the bot from a group (kicked: banned; else it just left)."""
        self._bot_membership(self._as_user(user), self._chat(chat), "kicked" if kicked else "left")

    def _bot_membership(self, user: FakeUser, chat: FakeChat, status: str) -> None:
        old = chat.status_of(self.state.bot.id)
        chat.statuses[self.state.bot.id] = status
        bot = self.state.bot
        payload = {
            "chat": chat.to_api(), "from": user.to_api(), "date": int(time.time()),
            "old_chat_member": self.api._member(chat, bot, old),
            "new_chat_member": self.api._member(chat, bot, status),
        }  # fmt: skip
        self.state.say(f"👥 {user.first_name} changed the bot in {chat.display_name}: {old} → {status}")
        self.state.enqueue("my_chat_member", payload)

    def migrate(self, chat: ChatRef, new_id: int, by: UserRef | None = None) -> FakeChat:
        """The group is upgraded to a supergroup with a new id: Telegram posts a service
        message carrying migrate_to_chat_id in the old chat (the bot gets it even in
        privacy mode) and refuses sends to the old id from then on."""
        old = self._chat(chat)
        if old.type != "group":
            raise ControlError("only a basic group migrates to a supergroup")
        if new_id in self.state.chats:
            raise ControlError(f"chat {new_id} exists already")
        new = FakeChat(new_id, "supergroup", title=old.title, username=old.username, statuses=dict(old.statuses),
                       default_status=old.default_status)
        self.state.chats[new_id] = new
        sender = self._as_user(by) if by is not None else self.state.bot
        message = self.state.add_message(old, sender, service={"migrate_to_chat_id": new_id})
        old.migrated_to = new_id
        self.state.say(f"⬆️ {old.display_name} became supergroup {new_id}")
        self.state.enqueue("message", message.to_api())
        return new

    def send_document(
        self,
        user: UserRef,
        file_name: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        chat: ChatRef | None = None,
        caption: str | None = None,
    ) -> StoredMessage:
        """A user sends a file; its bytes are kept so getFile and downloads work."""
        sender = self._as_user(user)
        target = self._target_chat(sender, chat)
        stored = self.state.add_file(content, "document", file_name, mime_type)
        message = self.state.add_message(target, sender, document=stored, caption=caption, raw_caption=caption)
        shown = f"📎 {file_name} ({len(content)} bytes)" + (f" — {caption}" if caption else "")
        self._deliver(message, f"👤 {sender.first_name} ({self._where(target)}): {shown}")
        return message

    def send_photo(
        self, user: UserRef, content: bytes, chat: ChatRef | None = None, caption: str | None = None
    ) -> StoredMessage:
        sender = self._as_user(user)
        target = self._target_chat(sender, chat)
        width, height = image_size(content) or (1, 1)
        stored = self.state.add_file(content, "photo", mime_type="image/jpeg", width=width, height=height)
        message = self.state.add_message(target, sender, photo=stored, caption=caption, raw_caption=caption)
        shown = "🖼 photo" + (f" — {caption}" if caption else "")
        self._deliver(message, f"👤 {sender.first_name} ({self._where(target)}): {shown}")
        return message

    def press(self, user: UserRef, message: MessageRef, data: str) -> CallbackQuery:
        """A user presses the inline button with callback_data `data` on a bot message
        (as it is now). Raises ControlError if no such button exists."""
        presser = self._as_user(user)
        current = self._message(message)
        buttons = self.buttons(current)
        label = next((text for text, button_data in buttons if button_data == data), None)
        if label is None:
            raise ControlError(
                f"message {current.message_id} in chat {current.chat_id} has no button with "
                f"callback_data {data!r}; it has {buttons}"
            )
        return self._callback(presser, current, data, f"🔘 {presser.first_name} pressed [{label}]")

    def press_raw(self, user: UserRef, message_id: int, chat_id: ChatRef, data: str) -> CallbackQuery:
        """Forge a callback query with arbitrary data (what a tampered client could send)."""
        presser = self._as_user(user)
        current = self._message({"chat": {"id": self._chat(chat_id).id}, "message_id": message_id})
        return self._callback(presser, current, data, f"🔘 {presser.first_name} pressed (forged data {data!r})")

    # --- what the bot did -----------------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        return list(self.state.calls)

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.state.calls if call.method.lower() == method.lower()]

    def messages(self, chat_id: ChatRef) -> list[StoredMessage]:
        """The bot's messages in a chat, current state (edited in place, deleted ones gone)."""
        return self.state.bot_messages(self._chat_id(chat_id))

    def history(self, chat_id: ChatRef) -> list[StoredMessage]:
        """Every message of a chat, users' and bot's, in order, deleted ones excluded."""
        return [m for m in self.state.messages.get(self._chat_id(chat_id), {}).values() if not m.deleted]

    def last_message(self, chat_id: ChatRef) -> StoredMessage | None:
        messages = self.messages(chat_id)
        return messages[-1] if messages else None

    @property
    def callback_answers(self) -> dict[str, CallbackAnswer]:
        return dict(self.state.callback_answers)

    @property
    def count_429(self) -> int:
        return sum(1 for call in self.state.calls if call.status == 429)

    @property
    def polling(self) -> int:
        """How many getUpdates calls are waiting right now (long polling)."""
        return self.state.polls_waiting

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates the bot has not confirmed yet."""
        return [update.to_api() for update in self.state.updates]

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, Any]]:
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return list(self.state.commands.get(key, []))

    def description(self, language_code: str = "", short: bool = False) -> str:
        """What setMyDescription (short: setMyShortDescription) set for the language."""
        return self.state.descriptions.get(("short_description" if short else "description", language_code), "")

    def transcript(self) -> list[str]:
        return list(self.state.log)

    def mark(self) -> int:
        """A point in time for wait_for(..., since=mark): only later sends/edits match."""
        return self.state.seq

    async def wait_for(
        self, predicate: Callable[[StoredMessage], bool], timeout: float = 5.0, *, since: int | None = None
    ) -> StoredMessage:
        """Wait until a bot message (current state) satisfies predicate; returns the most
        recently sent/edited match. Raises TimeoutError with the transcript's tail."""

        def find() -> StoredMessage | None:
            for message in sorted(self.state.bot_messages(), key=lambda m: m.seq, reverse=True):
                if (since is None or message.seq > since) and predicate(message):
                    return message
            return None

        try:
            return await self.state.wait_until(find, timeout)
        except TimeoutError:
            raise TimeoutError(f"no bot message matched within {timeout}s\n{self._tail()}") from None

    async def wait_message(
        self, chat_id: ChatRef, contains: str | None = None, timeout: float = 5.0, *, since: int | None = None
    ) -> StoredMessage:
        """Wait for a bot message in the chat whose visible text/caption contains `contains`."""
        wanted = self._chat_id(chat_id)
        return await self.wait_for(
            lambda m: m.chat_id == wanted and (contains is None or contains in m.visible), timeout, since=since
        )

    async def wait_callback_answer(self, query_id: str | CallbackQuery, timeout: float = 5.0) -> CallbackAnswer:
        key = query_id.id if isinstance(query_id, CallbackQuery) else query_id
        try:
            return await self.state.wait_until(lambda: self.state.callback_answers.get(key), timeout)
        except TimeoutError:
            raise TimeoutError(f"callback query {key} was not answered within {timeout}s\n{self._tail()}") from None

    async def wait_call(self, predicate: Callable[[ApiCall], bool], timeout: float = 5.0) -> ApiCall:
        """Wait until the bot made an API call matching predicate (e.g. a 429, a sendChatAction)."""

        def find() -> ApiCall | None:
            return next((call for call in self.state.calls if predicate(call)), None)

        try:
            return await self.state.wait_until(find, timeout)
        except TimeoutError:
            raise TimeoutError(f"no matching API call within {timeout}s\n{self._tail()}") from None

    async def wait_polling(self, timeout: float = 5.0) -> None:
        """Wait until the bot is inside a long-polling getUpdates call."""
        try:
            await self.state.wait_until(lambda: self.state.polls_waiting > 0, timeout)
        except TimeoutError:
            raise TimeoutError(f"the bot did not long-poll within {timeout}s\n{self._tail()}") from None

    @staticmethod
    def buttons(message: MessageRef) -> list[tuple[str, str | None]]:
        """(text, callback_data or url) of every inline button, row by row."""
        if isinstance(message, StoredMessage):
            rows = message.inline_keyboard()
        else:
            rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        return [(b.get("text", ""), b.get("callback_data", b.get("url"))) for row in rows for b in row]

    @classmethod
    def button_data(cls, message: MessageRef, text_contains: str) -> str:
        for text, data in cls.buttons(message):
            if text_contains in text and data is not None:
                return data
        raise ControlError(f"no button containing {text_contains!r}; buttons: {cls.buttons(message)}")

    # --- helpers --------------------------------------------------------------------

    def _tail(self, lines: int = 15) -> str:
        return "transcript tail:\n  " + "\n  ".join(self.state.log[-lines:])

    @staticmethod
    def _check_status(status: str) -> str:
        if status not in MEMBER_STATUSES:
            raise ControlError(f"status must be one of {MEMBER_STATUSES}")
        return status

    @staticmethod
    def _user_id(user: UserRef) -> int:
        return user.id if isinstance(user, FakeUser) else int(user)

    def _as_user(self, user: UserRef) -> FakeUser:
        found = self.state.users.get(self._user_id(user))
        if found is None:
            raise ControlError(f"unknown user {user!r}: register it with user() first")
        return found

    def _chat_id(self, chat: ChatRef) -> int:
        return chat.id if isinstance(chat, FakeChat | FakeUser) else int(chat)

    def _chat(self, chat: ChatRef) -> FakeChat:
        found = self.state.chat_for_id(self._chat_id(chat))
        if found is None:
            raise ControlError(f"unknown chat {chat!r}")
        return found

    def _target_chat(self, sender: FakeUser, chat: ChatRef | None) -> FakeChat:
        if chat is None or self._chat_id(chat) == sender.id:
            if sender.id in self.state.blocked:
                raise ControlError(f"{sender.first_name} has blocked the bot; unblock() first")
            sender.started = True  # writing to the bot opens the private chat
            return self.state.private_chat(sender)
        target = self._chat(chat)
        if target.is_private:
            raise ControlError("a user can only write in their own private chat with the bot")
        return target

    def _message(self, ref: MessageRef) -> StoredMessage:
        """The current stored state of a message given as StoredMessage or API dict."""
        if isinstance(ref, StoredMessage):
            chat_id, message_id = ref.chat_id, ref.message_id
        else:
            chat_id, message_id = ref["chat"]["id"], ref["message_id"]
        found = self.state.find_message(chat_id, message_id)
        if found is None:
            raise ControlError(f"message {message_id} in chat {chat_id} does not exist (or was deleted)")
        return found

    @staticmethod
    def _where(chat: FakeChat) -> str:
        return "private" if chat.is_private else chat.display_name

    def _visible_to_bot(self, message: StoredMessage) -> bool:
        """Telegram's privacy mode: what a non-admin bot receives from a group."""
        chat = message.chat
        if chat.is_private or not self.state.privacy_mode:
            return True
        if chat.status_of(self.state.bot.id) in ("administrator", "creator"):
            return True
        text = message.text if message.text is not None else (message.caption or "")
        if text.startswith("/") or f"@{self.state.bot.username}".lower() in text.lower():
            return True
        return message.reply_to is not None and message.reply_to.from_bot

    def _deliver(self, message: StoredMessage, line: str) -> None:
        if self._visible_to_bot(message):
            self.state.say(line)
            self.state.enqueue("message", message.to_api())
        else:
            self.state.say(f"{line}  (not delivered: privacy mode)")

    def _callback(self, user: FakeUser, message: StoredMessage, data: str, line: str) -> CallbackQuery:
        chat = message.chat
        if chat.is_private and chat.id != user.id:
            raise ControlError(f"{user.first_name} cannot see a message in another user's private chat")
        query = CallbackQuery(
            id=self.state.new_callback_id(),
            user=user,
            message=message,
            data=data,
            chat_instance=str((chat.id * 2654435761) % (1 << 63)),  # stable per chat, like Telegram's
            created_at=self.flood.clock(),
        )
        self.state.callbacks[query.id] = query
        self.state.say(line)
        self.state.enqueue("callback_query", query.to_api())
        return query


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities, as Telegram attaches them to a user's message."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _COMMAND_RE.finditer(text)
    ]
