"""Logging for the CLI and the bot: quiet by default, no secret in any line, and every line of
ours tagged with the update being handled and the person's internal employee id
(handlers/core/log_context.py) — never a token, a password or a NIP.

Only `run` logs at INFO (what the bot is doing); every other command shows its own output
and warnings only. Alembic's INFO ("Context impl…", "Running upgrade…") is never shown.
Every line, tracebacks included, passes through `mask`: a URL's password and a bot token
are replaced by ***, whichever library wrote the line (httpx logs each request URL, and a
Telegram request URL holds the token). SIKERJA_LOG_FORMAT=json writes one JSON object per
line for a log collector; the default is a readable line."""
from __future__ import annotations

import json
import logging
import re

from handlers.core import log_context

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"

_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]+@", re.IGNORECASE)
_BOT_TOKEN = re.compile(r"(?<![0-9])([0-9]{5,12}):[A-Za-z0-9_-]{30,}")


def mask(text: str) -> str:
    """`text` with URL passwords and bot tokens replaced by ***."""
    return _BOT_TOKEN.sub(r"\1:***", _URL_PASSWORD.sub(r"\1***@", text))


class ContextFilter(logging.Filter):
    """Adds update_id, person and a ready-made ' [update=… person=…]' to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        update, person = log_context.update_id.get(), log_context.person.get()
        record.update_id, record.person = update, person
        parts = [f"update={update}"] if update is not None else []
        if person is not None:
            parts.append(f"person={person}")
        record.context = f" [{' '.join(parts)}]" if parts else ""
        return True


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                 "message": mask(record.getMessage())}
        for key in ("update_id", "person"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure(command: str, fmt: str = "text") -> None:
    """The root logger for one CLI command: INFO for `run`, WARNING otherwise; masked; tagged."""
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else MaskingFormatter(TEXT_FORMAT))
    logging.basicConfig(level=logging.INFO if command == "run" else logging.WARNING, handlers=[handler], force=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)
