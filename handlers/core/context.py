"""Per-update context: the open unit of work, who is acting, their language, and the
replies and notices the update produces."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.org import Employee
from domain.profiles import Profile
from handlers.core.app import App
from handlers.core.forms import Form, FormState, S
from handlers.core.i18n import Translator, translator
from handlers.core.types import (
    AnswerCallback,
    Button,
    EditMessage,
    Keyboard,
    Reply,
    SendMessage,
    Update,
)
from storage.records import TelegramLink
from storage.uow import UnitOfWork

Render = Callable[[Translator], tuple[str, Keyboard | None]]


def keyboard(*rows: list[Button] | tuple[Button, ...]) -> Keyboard:
    return tuple(tuple(row) for row in rows if row)


@dataclass
class Ctx:
    app: App
    uow: UnitOfWork
    update: Update
    now: dt.datetime
    t: Translator
    link: TelegramLink | None = None
    employee: Employee | None = None
    replies: list[Reply] = field(default_factory=list)
    queued_notices: int = 0

    @property
    def me(self) -> Employee:
        """The acting employee. Dispatch lets an unlinked sender reach only handlers
        registered as public, and those read `employee` instead."""
        if self.employee is None:
            raise LookupError("a linked employee was required; the handler is missing public=True handling")
        return self.employee

    @property
    def profile(self) -> Profile:
        return self.app.profile

    @property
    def today(self) -> dt.date:
        """Today in the Pemda's time zone (WIB/WITA/WIT): what users mean by 'today'."""
        return self.now.astimezone(ZoneInfo(self.profile.timezone)).date()

    def reply(self, text: str, kb: Keyboard | None = None, *, force_reply: bool = False,
              placeholder: str | None = None) -> None:
        self.replies.append(SendMessage(self.update.chat_id, text, kb or None, force_reply, placeholder,
                                        thread_id=self.update.thread_id))

    def edit_or_reply(self, text: str, kb: Keyboard | None = None) -> None:
        """After a button press, replace the message that carried it (so stale buttons vanish)."""
        if self.update.is_callback and self.update.message_id is not None:
            self.replies.append(EditMessage(self.update.chat_id, self.update.message_id, text, kb or None))
        else:
            self.reply(text, kb)

    def answer(self, text: str | None = None, alert: bool = False) -> None:
        if self.update.callback_id is not None:
            self.replies.append(AnswerCallback(self.update.callback_id, text, alert))

    async def open_form(self, form: Form[S], closed_text: str, steps: Collection[S] | None = None
                        ) -> FormState[S] | None:
        """The user's `form` if it is still open (at one of `steps`, when given);
        otherwise the pressed button is stale: say `closed_text` and return None."""
        state = await form.read(self)
        if state is None or (steps is not None and state.step not in steps):
            self.answer(closed_text, alert=True)
            return None
        return state

    async def download(self, file_id: str, max_bytes: int = 10 * 1024 * 1024) -> bytes:
        """The bytes of a file the user sent (an Attachment's file_id). Raises FileTooBig
        beyond `max_bytes`, DownloadFailed when Telegram cannot give it (handlers.core.app)."""
        return await self.app.download(file_id, max_bytes)

    async def notify(self, employee_id: int, key: str, render: Render, card: str | None = None) -> bool:
        """Queue a notice to another employee through the outbox, in this transaction and
        in the recipient's language. False when the employee has no Telegram link yet.
        card: the decision card it carries (handlers.core.cards), edited once decided."""
        link = await self.uow.links.by_employee(employee_id)
        if link is None:
            return False
        text, kb = render(translator(link.language))
        payload = {"text": text, "keyboard": keyboard_to_json(kb)}
        added = await self.uow.outbox.enqueue(key, link.chat_id, payload, self.now, card=card)
        self.queued_notices += int(added)
        return True


def keyboard_to_json(kb: Keyboard | None) -> list[list[dict]] | None:
    if not kb:
        return None
    return [[{"text": b.text, "data": b.data} | ({"url": b.url} if b.url else {}) for b in row] for row in kb]


def keyboard_from_json(raw: list[list[dict]] | None) -> Keyboard | None:
    if not raw:
        return None
    return tuple(tuple(Button(b["text"], b["data"], b.get("url")) for b in row) for row in raw)
