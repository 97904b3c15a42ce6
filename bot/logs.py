"""Log set-up: quiet libraries, and every line of ours tagged with the update being handled
and the person's internal employee id (handlers/core/log_context.py) — never a token, a
password or a NIP. SIKERJA_LOG_FORMAT=json writes one JSON object per line for a log
collector; the default is a readable line."""
from __future__ import annotations

import json
import logging

from handlers.core import log_context

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"


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


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        for key in ("update_id", "person"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup(level: int = logging.INFO, fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
