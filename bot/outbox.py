"""Outbox sender: delivers queued notices at-least-once, within Telegram's limits.

A notice is marked sent in its own small transaction right after Telegram accepted it.
Flood limits are applied by the runtime's FloodGate around every send (shared with
direct replies); a 429's retry_after is honoured; other failures back off, and after
MAX_ATTEMPTS a notice is parked as 'dead' for the admin to see."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from handlers.context import keyboard_from_json
from handlers.types import SendMessage
from storage.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class RetryAfter(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Unreachable(Exception):
    """The user blocked the bot or the chat is gone: retrying cannot help."""


Deliver = Callable[[SendMessage], Awaitable[None]]


class OutboxSender:
    def __init__(self, uow: UnitOfWorkFactory, deliver: Deliver, clock: Callable[[], dt.datetime]) -> None:
        self._uow, self._deliver, self._clock = uow, deliver, clock
        self._wake = asyncio.Event()
        self._stopped = False

    def wake(self) -> None:
        self._wake.set()

    async def run(self, idle_seconds: float = 1.0) -> None:
        while not self._stopped:
            sent = await self.drain_once()
            if sent == 0:
                try:
                    await asyncio.wait_for(self._wake.wait(), idle_seconds)
                except TimeoutError:
                    pass
                self._wake.clear()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    async def drain_once(self, batch: int = 200) -> int:
        async with self._uow() as uow:
            due = await uow.outbox.due(self._clock(), batch)
            jobs = [(m.id, m.chat_id, m.payload) for m in due]
        if not jobs:
            return 0
        results = await asyncio.gather(*(self._send_one(*job) for job in jobs))
        return sum(results)

    async def _send_one(self, message_id: int, chat_id: int, payload: dict) -> int:
        reply = SendMessage(chat_id, payload["text"], keyboard_from_json(payload.get("keyboard")))
        error: str | None = None
        delay = 0.0
        unreachable = False
        try:
            await self._deliver(reply)
        except RetryAfter as exc:
            error, delay = f"retry after {exc.seconds}s", exc.seconds
        except Unreachable as exc:
            error, unreachable = str(exc) or "unreachable", True
        except Exception as exc:  # network errors and the like: back off and retry
            log.warning("outbox delivery to %s failed: %s", chat_id, exc)
            error = f"{type(exc).__name__}: {exc}"
        await self._record(message_id, error, delay, unreachable)
        return int(error is None)

    async def _record(self, message_id: int, error: str | None, delay: float, unreachable: bool) -> None:
        now = self._clock()
        async with self._uow() as uow:
            msg = await uow.outbox.get(message_id)
            if msg is None:
                return
            if error is None:
                msg.status, msg.sent_at = "sent", now
            else:
                msg.last_error = error[:500]
                if delay:  # throttled, not failed: does not count as an attempt
                    msg.next_attempt_at = now + dt.timedelta(seconds=delay)
                else:
                    msg.attempts += 1
                    if unreachable or msg.attempts >= MAX_ATTEMPTS:
                        msg.status = "dead"
                    else:
                        msg.next_attempt_at = now + dt.timedelta(seconds=2 ** msg.attempts)
            await uow.commit()
