"""A tiny driver that feeds neutral updates to the application layer, as a runtime would."""
from __future__ import annotations

import itertools
from typing import TypeVar

from handlers.core.buttons import CallbackData
from handlers.core.dispatch import handle
from handlers.core.types import (
    AnswerCallback,
    EditMessage,
    FileRef,
    Sender,
    SendMessage,
    Update,
)

_ids = itertools.count(1)
K = TypeVar("K", bound=CallbackData)


class Person:
    def __init__(self, app, telegram_id: int, name: str, lang: str = "id") -> None:
        self.app, self.id, self.name, self.lang = app, telegram_id, name, lang

    def _update(self, chat_id: int | None = None, **kw) -> Update:
        return Update(update_id=next(_ids), sender=Sender(self.id, self.name, language_code=self.lang),
                      chat_id=self.id if chat_id is None else chat_id, **kw)

    async def says(self, text: str, chat_type: str = "private", chat_id: int | None = None):
        if chat_type != "private" and chat_id is None:
            chat_id = -100123
        return await handle(self.app, self._update(chat_id, text=text, message_id=next(_ids), chat_type=chat_type))

    async def sends_file(self, name: str = "laporan.pdf", mime: str | None = "application/pdf", size: int | None = 1234,
                         file_id: str = "FILE1"):
        f = FileRef(file_id, "document", name, mime, size)
        return await handle(self.app, self._update(file=f, message_id=next(_ids)))

    async def sends_photo(self, file_id: str = "PHOTO1", size: int = 54321):
        f = FileRef(file_id, "photo", None, "image/jpeg", size)
        return await handle(self.app, self._update(file=f, message_id=next(_ids)))

    async def presses(self, data: CallbackData | str, message_id: int = 99):
        """A button press; raw str data is what a forged or garbled button sends."""
        raw = data.pack() if isinstance(data, CallbackData) else data
        return await handle(self.app, self._update(callback_id=str(next(_ids)), callback_data=raw,
                                                   message_id=message_id))


def texts(replies) -> list[str]:
    return [r.text for r in replies if isinstance(r, (SendMessage, EditMessage))]


PROMPT_OPEN = "Silakan ketik jawaban Anda sebagai balasan atas pesan di atas."


def only_reminded(replies) -> bool:
    """A second press of a button whose text prompt is still open: a reminder, no new prompt."""
    return texts(replies) == [] and alerts(replies) == [PROMPT_OPEN]


def alerts(replies) -> list[str]:
    return [r.text for r in replies if isinstance(r, AnswerCallback) and r.text]


def buttons(replies) -> list[tuple[str, str]]:
    out = []
    for r in replies:
        if isinstance(r, (SendMessage, EditMessage)) and r.keyboard:
            out += [(b.text, b.data) for row in r.keyboard for b in row]
    return out


def is_button(raw: str, kind: type[CallbackData], **fields) -> bool:
    """`raw` is a button of `kind` whose fields have these values."""
    found = kind.unpack(raw)
    return found is not None and all(getattr(found, k) == v for k, v in fields.items())


def buttons_of(replies, kind: type[K]) -> list[K]:
    return [found for _, raw in buttons(replies) if (found := kind.unpack(raw)) is not None]


def button_of(replies, kind: type[K], **fields) -> K:
    """The first button of `kind` in the replies whose fields have these values."""
    for found in buttons_of(replies, kind):
        if all(getattr(found, k) == v for k, v in fields.items()):
            return found
    raise AssertionError(f"no {kind.__name__} {fields} in {buttons(replies)}")


def offered(replies, data: K) -> K:
    """`data`, after checking that one of the replies' buttons carries it."""
    assert data.pack() in [raw for _, raw in buttons(replies)], f"{data} not in {buttons(replies)}"
    return data


def button_data(replies, text_contains: str) -> str:
    for text, data in buttons(replies):
        if text_contains in text:
            return data
    raise AssertionError(f"no button containing {text_contains!r} in {buttons(replies)}")


async def letter_from_surat(person: Person, number_part: str):
    """The PDF /surat sends: at once when it is the person's only letter, else by pressing its button."""
    from handlers.core.types import SendDocument

    replies = await person.says("/surat")
    if not any(isinstance(r, SendDocument) for r in replies):
        replies = await person.presses(button_data(replies, number_part))
    (doc,) = [r for r in replies if isinstance(r, SendDocument) and number_part in r.filename]
    return doc
