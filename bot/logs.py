"""Logging for the CLI: quiet by default, and no secret in any line.

Only `run` logs at INFO (what the bot is doing); every other command shows its own output
and warnings only. Alembic's INFO ("Context impl…", "Running upgrade…") is never shown.
Every line, tracebacks included, passes through `mask`: a URL's password and a bot token
are replaced by ***, whichever library wrote the line (httpx logs each request URL, and a
Telegram request URL holds the token)."""
from __future__ import annotations

import logging
import re

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]+@", re.IGNORECASE)
_BOT_TOKEN = re.compile(r"(?<![0-9])([0-9]{5,12}):[A-Za-z0-9_-]{30,}")


def mask(text: str) -> str:
    """`text` with URL passwords and bot tokens replaced by ***."""
    return _BOT_TOKEN.sub(r"\1:***", _URL_PASSWORD.sub(r"\1***@", text))


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def configure(command: str) -> None:
    logging.basicConfig(level=logging.INFO if command == "run" else logging.WARNING, format=FORMAT)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(MaskingFormatter(FORMAT))
    logging.getLogger("alembic").setLevel(logging.WARNING)
