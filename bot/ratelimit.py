"""Telegram's flood limits, kept on our side so the bot never provokes a 429: about one
message per second per chat (with a short burst), 20 per minute per group, 30 per second
overall. One FloodGate per bot, shared by direct replies and the outbox.

Telegram counts messages when they *arrive*, in sliding windows; we only know when a
request left and when its answer came back. So each limit is a window gate that counts
a message from the moment its slot is taken until `window` seconds after its answer
arrived: the n-th message after it can only leave once that has passed, and since it
arrives after it left, and the earlier one arrived before its answer, the server never
sees more than `max_events` in any window — whatever the network jitter. The cost is
one round trip per window (30 messages per 1 s + RTT overall); the overall gate also
spaces messages evenly, so no burst lengthens that round trip."""
from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SenderLimits:
    """Ours, not Telegram's: how much one person may send before the rest of their burst
    is set aside (bot/runtimes/lanes.py). Not scaled: it is about people, not the API."""
    max_updates: int = 20  # messages one sender may send ...
    window: float = 10.0  # ... within this many seconds
    max_pending: int = 100  # updates waiting in one chat's lane; beyond that they are dropped


@dataclass(frozen=True)
class FloodLimits:
    overall_per_second: float = 30.0
    # Telegram allows "short bursts" in a chat, but how short is nowhere promised and a
    # strict server refuses the second message within a second: no burst is always safe.
    chat_burst: int = 1
    chat_per_second: float = 1.0
    group_per_minute: int = 20
    scale: float = 1.0  # >1 only against a fake server whose limits are scaled alike
    senders: SenderLimits = field(default_factory=SenderLimits)


# Clock differences between us and the server, and float rounding: a hair of slack.
MARGIN = 1.001


class WindowGate:
    """At most `max_events` messages counted in any `window` seconds (see module doc);
    with `smooth`, also evenly spaced (window / max_events apart) instead of in bursts,
    which keeps the server from queueing a burst and so keeps round trips short."""

    def __init__(self, max_events: int, window: float, clock: Callable[[], float] = time.monotonic,
                 smooth: bool = False, full_at: float | None = None) -> None:
        """full_at: count the window as full of messages answered then (see FloodGate)."""
        self.max_events, self.window, self._clock = max_events, window * MARGIN, clock
        self._spacing = window / max_events if smooth else 0.0
        self._next = float("-inf")  # smooth: when the next slot is due (a late wake-up catches up)
        # answer times still inside the window
        self._answered: deque[float] = deque([full_at] * max_events if full_at is not None else ())
        self._open = 0  # slots taken, answer not yet back
        self._lock = asyncio.Lock()  # first come, first served ...
        self._urgent_lock = asyncio.Lock()  # ... except that urgent ones go before the others
        self._urgent = 0  # urgent acquirers waiting
        self._no_urgent = asyncio.Event()
        self._no_urgent.set()
        self._released = asyncio.Event()

    def _expire(self, now: float) -> None:
        while self._answered and self._answered[0] <= now - self.window:
            self._answered.popleft()

    @property
    def idle(self) -> bool:
        self._expire(self._clock())
        return not self._open and not self._answered

    async def acquire(self, urgent: bool = False) -> None:
        """Wait for a slot. `urgent` (a reply the user waits for) goes before the queue."""
        if urgent:
            self._urgent += 1
            self._no_urgent.clear()
        try:
            async with self._urgent_lock if urgent else self._lock:
                await self._take(urgent)
        finally:
            if urgent:
                self._urgent -= 1
                if not self._urgent:
                    self._no_urgent.set()

    async def _take(self, urgent: bool) -> None:
        while True:
            if not urgent and self._urgent:
                await self._no_urgent.wait()
                continue
            now = self._clock()
            self._expire(now)
            if self._open + len(self._answered) < self.max_events:
                if now < self._next:
                    await asyncio.sleep(self._next - now)
                    continue
                self._open += 1
                self._next = max(self._next, now - self.window) + self._spacing
                return
            if self._answered:
                await asyncio.sleep(self._answered[0] + self.window - now)
            else:  # every slot is still waiting for its answer
                self._released.clear()
                await self._released.wait()

    def release(self) -> None:
        self._open -= 1
        self._answered.append(self._clock())
        self._released.set()


class FloodGate:
    def __init__(self, limits: FloodLimits | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = lim = limits or FloodLimits()
        self._clock = clock
        self._started = clock()
        self._overall = WindowGate(round(lim.overall_per_second), 1 / lim.scale, clock, smooth=True)
        self._chats: dict[int, WindowGate] = {}

    def capacity(self, chat_id: int) -> int:
        """How many messages to this chat may go at once, before its pace applies."""
        return self.limits.group_per_minute if chat_id < 0 else self.limits.chat_burst

    def _for_chat(self, chat_id: int) -> WindowGate:
        gate = self._chats.get(chat_id)
        if gate is None:
            lim = self.limits
            if chat_id < 0:  # groups and supergroups have negative ids
                gate = WindowGate(lim.group_per_minute, 60 / lim.scale, self._clock)
            else:  # a burst of `chat_burst`, refilled at `chat_per_second`: never more than
                # chat_burst in chat_burst / chat_per_second seconds keeps within it. What
                # went to the chat just before a restart is forgotten, so a chat counts as
                # just served at start: one window's wait at most, and never a 429.
                gate = WindowGate(lim.chat_burst, lim.chat_burst / (lim.chat_per_second * lim.scale), self._clock,
                                  full_at=self._started)
            if len(self._chats) > 10_000:  # forget chats that have gone quiet
                self._chats = {cid: g for cid, g in self._chats.items() if not g.idle}
            self._chats[chat_id] = gate
        return gate

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int, urgent: bool = True):
        """Wait until one more message to `chat_id` is within every limit. Replies are
        urgent; the outbox passes urgent=False, so a fan-out never keeps a user waiting."""
        chat = self._for_chat(chat_id)
        await chat.acquire(urgent)
        try:
            await self._overall.acquire(urgent)
        except BaseException:
            chat.release()
            raise
        try:
            yield
        finally:
            self._overall.release()
            chat.release()
