"""What a log line says about the update being handled: its id and the person's internal
employee id (never a Telegram token, a password or a NIP). Set by the runtime (update) and
by dispatch (person, once the link is read); read by the log formatter in bot/logs.py.
Context variables, so updates handled side by side each see their own."""
from __future__ import annotations

from contextvars import ContextVar

update_id: ContextVar[int | None] = ContextVar("update_id", default=None)
person: ContextVar[int | None] = ContextVar("person", default=None)
