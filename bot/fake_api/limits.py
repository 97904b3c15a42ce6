"""Flood control shaped like Telegram's: per private chat, per group, and global.

Telegram documents "about 1 message per second in a chat (short bursts allowed),
20 messages per minute in a group, 30 messages per second overall". The fake
enforces exactly those, so a bot's own throttling can be tested against them.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class Limits:
    """Flood limits. `scale` speeds every rate up (2.0 = twice as many messages per
    second): bucket refill is multiplied and windows are divided by it, burst sizes
    stay. `enabled=False` turns flood control off entirely."""

    enabled: bool = True
    scale: float = 1.0
    private_burst: int = 3  # token bucket capacity per private chat
    private_per_second: float = 1.0  # bucket refill rate
    group_max: int = 20  # messages per group ...
    group_window: float = 60.0  # ... in any sliding window of this many seconds
    global_max: int = 30  # messages over all chats ...
    global_window: float = 1.0  # ... in any sliding window of this many seconds
    callback_ttl: float = 15.0  # seconds a callback query can still be answered (not scaled)

    @classmethod
    def strict(cls, scale: float = 1.0) -> Limits:
        """Telegram at its strictest: one message per second per private chat, no burst
        (the "short bursts allowed" are not promised). A bot must not get a 429 even so."""
        return cls(scale=scale, private_burst=1)


class ManualClock:
    """A clock tests move by hand, so flood tests need no real waiting."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def retry_after_seconds(wait: float) -> int:
    """Telegram reports whole seconds, never less than 1."""
    return max(1, math.ceil(wait - 1e-9))


class SlidingWindow:
    """At most `max_events` in any window of `window` seconds."""

    def __init__(self, max_events: int, window: float) -> None:
        self.max_events = max_events
        self.window = window
        self.events: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0 if it fits now)."""
        while self.events and self.events[0] <= now - self.window:
            self.events.popleft()
        if len(self.events) < self.max_events:
            return 0.0
        oldest_blocking = self.events[len(self.events) - self.max_events]
        return oldest_blocking + self.window - now

    def record(self, now: float) -> None:
        self.events.append(now)


class TokenBucket:
    """Holds up to `capacity` tokens, refilled at `rate` per second; one per message."""

    def __init__(self, capacity: int, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = float(capacity)
        self.updated = now

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self, now: float) -> float:
        self._refill(now)
        if self.tokens >= 1.0 - 1e-9:
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def record(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1.0


class FloodControl:
    """Decides whether one more message may be sent now; refused calls use no quota,
    so a bot that waits `retry_after` and retries is then let through."""

    def __init__(self, limits: Limits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._global = SlidingWindow(limits.global_max, limits.global_window / limits.scale)
        self._private: dict[int, TokenBucket] = {}
        self._groups: dict[int, SlidingWindow] = {}

    def _chat_limiter(self, chat_id: int, chat_type: str, now: float) -> TokenBucket | SlidingWindow | None:
        lim = self.limits
        if chat_type == "private":
            if chat_id not in self._private:
                self._private[chat_id] = TokenBucket(lim.private_burst, lim.private_per_second * lim.scale, now)
            return self._private[chat_id]
        if chat_type in ("group", "supergroup"):
            if chat_id not in self._groups:
                self._groups[chat_id] = SlidingWindow(lim.group_max, lim.group_window / lim.scale)
            return self._groups[chat_id]
        return None

    def acquire(self, chat_id: int, chat_type: str) -> int | None:
        """Record one message and return None, or return retry_after (s) and record nothing."""
        if not self.limits.enabled:
            return None
        now = self.clock()
        chat_limiter = self._chat_limiter(chat_id, chat_type, now)
        wait = self._global.wait(now)
        if chat_limiter is not None:
            wait = max(wait, chat_limiter.wait(now))
        if wait > 0:
            return retry_after_seconds(wait)
        self._global.record(now)
        if chat_limiter is not None:
            chat_limiter.record(now)
        return None
