"""Button callback data: a short verb and integer ids, ≤ 64 bytes (Telegram's limit).
All state lives in the database; a button only names what it acts on."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.core.types import Button

MAX_BYTES = 64


def data(verb: str, *ids: int | str) -> str:
    raw = ":".join([verb, *map(str, ids)])
    if len(raw.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {raw!r}")
    return raw


def button(text: str, verb: str, *ids: int | str) -> Button:
    return Button(text=text, data=data(verb, *ids))


@dataclass(frozen=True)
class Parsed:
    verb: str
    args: tuple[str, ...]

    def int_arg(self, index: int = 0) -> int | None:
        try:
            return int(self.args[index])
        except (IndexError, ValueError):
            return None


def parse(raw: str | None) -> Parsed | None:
    if not raw or len(raw.encode()) > MAX_BYTES:
        return None
    verb, *args = raw.split(":")
    return Parsed(verb, tuple(args)) if verb else None
