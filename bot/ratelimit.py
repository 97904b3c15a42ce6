"""Telegram's flood limits, kept on our side so the bot never provokes a 429: about one
message per second per chat (with a short burst), 20 per minute per group, 30 per second
overall. Leaky buckets from aiolimiter; one instance per bot, shared by direct replies
and the outbox."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass

from aiolimiter import AsyncLimiter


@dataclass(frozen=True)
class FloodLimits:
    overall_per_second: float = 30.0
    chat_burst: int = 3
    chat_per_second: float = 1.0
    group_per_minute: int = 20
    scale: float = 1.0  # >1 only against a fake server whose limits are scaled alike


# Telegram counts in sliding windows; a leaky bucket that may burst can exceed a window
# right after its burst. Window limits are therefore paced one message at a time, a
# few percent slower than the ceiling.
MARGIN = 1.03


class FloodGate:
    def __init__(self, limits: FloodLimits | None = None) -> None:
        self.limits = lim = limits or FloodLimits()
        self._overall = AsyncLimiter(1, MARGIN / (lim.overall_per_second * lim.scale))
        self._chats: dict[int, AsyncLimiter] = {}

    def _for_chat(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            lim = self.limits
            if chat_id < 0:  # groups and supergroups have negative ids
                limiter = AsyncLimiter(1, MARGIN * 60 / (lim.group_per_minute * lim.scale))
            else:  # private chats tolerate a short burst, then about one per second
                limiter = AsyncLimiter(lim.chat_burst, MARGIN * lim.chat_burst / (lim.chat_per_second * lim.scale))
            self._chats[chat_id] = limiter
        return limiter

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int):
        """Wait until one more message to `chat_id` is within every limit."""
        async with self._for_chat(chat_id), self._overall:
            yield
