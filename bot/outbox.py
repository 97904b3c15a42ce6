"""Outbox sender: delivers queued notices at-least-once, within Telegram's limits.

The sender keeps a pipeline full: it claims due notices (leasing them, so a second bot
process passes over them) and sends each through the runtime's FloodGate (shared with
direct replies). No chat gets more notices in flight than its flood limit lets through
at once, so a slow chat never holds the others up. Each outcome is written in its own
short transaction as soon as Telegram answered, so a crash repeats at most the notices
whose request was on the wire. Claims are leased briefly and renewed while the sender
lives (even while a notice waits for a flood-gate slot), so a killed sender's claims are
free again within LEASE.

Failures: a 429's retry_after is honoured (not an attempt); a connection that could
not be opened is retried at once a few times (tenacity: nothing reached Telegram, so it
cannot duplicate); other errors back off exponentially, and after `max_attempts` the
notice is parked as 'dead' for the admins (/antrian). A user who blocked the bot (403)
is dead at once and marked unreachable; their unit head is told once."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

import aiohttp
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from handlers.core.context import keyboard_from_json
from handlers.core.types import SendMessage
from handlers.delivery.dead_letters import mark_reachable, mark_unreachable
from storage.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(seconds=8)  # a claimed notice is hidden from other senders this long...
RENEW_EVERY = 2.0  # ...and a live sender renews it this often (seconds)
BACKOFF_CAP = dt.timedelta(minutes=30)
STOP_GRACE = 10.0  # seconds a stopping sender lets requests already on the wire finish


class RetryAfter(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class Unreachable(Exception):
    """The user blocked the bot or the chat is gone: retrying cannot help."""


# Returns Telegram's id of the sent message (None from senders that cannot tell).
Deliver = Callable[[SendMessage], Awaitable[int | None]]


class Gate(Protocol):
    def slot(self, chat_id: int, urgent: bool = True) -> AbstractAsyncContextManager: ...
    def capacity(self, chat_id: int) -> int: ...


OnUnreachable = Callable[[UnitOfWork, int, str, dt.datetime], Awaitable[bool]]


def could_not_connect(exc: BaseException) -> bool:
    """The request never reached the server (refused, unresolvable): safe to repeat."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, (ConnectionRefusedError, aiohttp.ClientConnectorError)) \
                or type(seen).__name__ == "ConnectError":  # httpx, used by python-telegram-bot
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def backoff(attempts: int) -> dt.timedelta:
    """Wait before attempt `attempts + 1`: 2 s, 4 s, 8 s … at most BACKOFF_CAP."""
    return min(BACKOFF_CAP, dt.timedelta(seconds=2 ** attempts))


@dataclass
class _Outcome:
    message_id: int
    chat_id: int
    error: str | None = None
    delay: float = 0.0
    unreachable: bool = False
    sent_as: int | None = None  # Telegram's message id


class OutboxSender:
    def __init__(self, uow: UnitOfWorkFactory, deliver: Deliver, clock: Callable[[], dt.datetime], *,
                 gate: Gate | None = None, capacity: Callable[[int], int] | None = None,
                 max_attempts: int = MAX_ATTEMPTS, concurrency: int = 200, connect_retries: int = 2,
                 connect_wait: float = 0.5, on_unreachable: OnUnreachable = mark_unreachable) -> None:
        """gate: the runtime's FloodGate; every send waits for its slot.
        capacity(chat_id): how many notices to that chat may be in flight at once
        (default: the gate's burst for that chat)."""
        self._uow, self._deliver, self._clock, self._gate = uow, deliver, clock, gate
        self._capacity = capacity or (gate.capacity if gate is not None else (lambda chat_id: 1))
        self.max_attempts, self.concurrency = max_attempts, concurrency
        self._connect_retries, self._connect_wait = connect_retries, connect_wait
        self._on_unreachable = on_unreachable
        self.lease, self.renew_every = LEASE, RENEW_EVERY  # shorter only in tests
        self._wake = asyncio.Event()
        self._poked = True  # new notices may be waiting: claim at once
        self._stopped = False
        self._crashed = False
        self._in_flight: dict[int, asyncio.Task] = {}  # outbox id -> task
        self._on_wire: set[int] = set()  # ids whose request has left
        self._per_chat: Counter[int] = Counter()
        self._answered: set[int] = set()  # ids Telegram answered: their outcome, not a lease, holds them
        self._renewer: asyncio.Task | None = None
        # One write of ours at a time: concurrent SQLite writers would sleep in the busy
        # handler and leave delivered notices unmarked for longer.
        self._writing = asyncio.Lock()
        self._unreachable: set[int] | None = None  # chats marked unreachable (loaded lazily)

    def wake(self) -> None:
        self._poked = True
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    def resume(self) -> None:
        """Before run() again after a stop (a worker elected leader once more)."""
        self._stopped, self._poked, self._crashed = False, True, False

    def crash(self) -> None:
        """Stop as a killed process would: claims are not handed back, they run out (tests)."""
        self._crashed = True
        self.stop()

    async def run(self, idle_seconds: float = 1.0) -> None:
        """Keep the pipeline full until stopped: claim when woken, when a quarter of the
        pipeline has drained, when it is empty, and at least every `idle_seconds`."""
        refill = max(1, self.concurrency // 4)
        try:
            while not self._stopped:
                self._wake.clear()
                room = self.concurrency - len(self._in_flight)
                if room and (self._poked or room >= refill or not self._in_flight):
                    self._poked = False
                    try:
                        jobs = await self._claim(room)
                    except Exception:  # e.g. the database is busy: try again shortly
                        log.exception("claiming outbox notices failed; retrying")
                        jobs, self._poked = [], True
                        await asyncio.sleep(idle_seconds)
                    for job in jobs:
                        self._start(*job)
                try:
                    await asyncio.wait_for(self._wake.wait(), idle_seconds)
                except TimeoutError:
                    self._poked = True
        finally:
            await self._abandon_in_flight()

    async def drain_once(self, batch: int = 200) -> int:
        """Send what is due now (one claim of up to `batch`) and wait for it; returns
        how many were delivered. For tests and one-shot tools."""
        return (await self._round(batch))[1]

    async def drain(self, rounds: int = 100) -> int:
        """Send until nothing more is due now; returns how many were delivered."""
        total = 0
        for _ in range(rounds):
            claimed, delivered = await self._round(200)
            total += delivered
            if not claimed:
                break
        return total

    async def _round(self, batch: int) -> tuple[int, int]:
        jobs = await self._claim(batch)
        for job in jobs:
            self._start(*job)
        results = await asyncio.gather(*(self._in_flight[job[0]] for job in jobs))
        return len(jobs), sum(results)

    # --- sending ---------------------------------------------------------------------
    async def _claim(self, limit: int) -> list[tuple[int, int, dict]]:
        planned: Counter[int] = Counter()

        def take(message_id: int, chat_id: int) -> bool:
            if message_id in self._in_flight or self._per_chat[chat_id] + planned[chat_id] >= self._capacity(chat_id):
                return False
            planned[chat_id] += 1
            return True

        async with self._writing, self._uow() as uow:
            jobs = await uow.outbox.claim(self._clock(), limit, self.lease, take)
            if jobs:
                await uow.commit()
        return jobs

    def _start(self, message_id: int, chat_id: int, payload: dict) -> None:
        self._per_chat[chat_id] += 1
        task = asyncio.ensure_future(self._send_one(message_id, chat_id, payload))
        self._in_flight[message_id] = task

        def done(_task: asyncio.Task) -> None:
            self._in_flight.pop(message_id, None)
            self._on_wire.discard(message_id)
            self._answered.discard(message_id)
            if not self._in_flight and self._renewer is not None:
                self._renewer.cancel()  # nothing left to hold
            self._per_chat[chat_id] -= 1
            if self._per_chat[chat_id] <= 0:
                del self._per_chat[chat_id]
            self._wake.set()  # room in the pipeline

        task.add_done_callback(done)
        if self._renewer is None or self._renewer.done() or self._renewer.cancelling():
            self._renewer = asyncio.ensure_future(self._renew_leases())

    async def _send_one(self, message_id: int, chat_id: int, payload: dict) -> int:
        reply = SendMessage(chat_id, payload["text"], keyboard_from_json(payload.get("keyboard")),
                            thread_id=payload.get("thread_id"))
        outcome = _Outcome(message_id, chat_id)
        try:
            outcome.sent_as = await self._deliver_with_retries(message_id, reply)
        except RetryAfter as exc:
            outcome.error, outcome.delay = f"retry after {exc.seconds}s", exc.seconds
        except Unreachable as exc:
            outcome.error, outcome.unreachable = str(exc) or "unreachable", True
        except Exception as exc:  # network errors and the like: back off and retry later
            log.warning("outbox delivery to %s failed: %s", chat_id, exc)
            outcome.error = f"{type(exc).__name__}: {exc}"
        self._answered.add(message_id)
        try:
            if await self._write(outcome):
                self.wake()
        except Exception:  # the lease expires and the notice is tried again
            log.exception("recording delivery of outbox %s failed", message_id)
            return 0
        return int(outcome.error is None)

    async def _deliver_with_retries(self, message_id: int, reply: SendMessage) -> int | None:
        try:
            return await self._paced(message_id, reply)
        except Exception as exc:
            if not could_not_connect(exc) or not self._connect_retries:
                raise
            async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(self._connect_retries), reraise=True,
                    wait=wait_exponential(multiplier=self._connect_wait, max=8 * max(self._connect_wait, 0.01)),
                    retry=retry_if_exception(could_not_connect)):
                with attempt:
                    return await self._paced(message_id, reply)
        return None  # not reached: the last attempt returns or raises

    async def _paced(self, message_id: int, reply: SendMessage) -> int | None:
        if self._gate is None:
            self._on_wire.add(message_id)
            return await self._deliver(reply)
        async with self._gate.slot(reply.chat_id, urgent=False):
            self._on_wire.add(message_id)
            return await self._deliver(reply)

    # --- leases ----------------------------------------------------------------------
    async def _renew_leases(self) -> None:
        """While notices are in flight, keep their claims from expiring; a sender that
        dies stops renewing, and its claims are free again within LEASE."""
        while self._in_flight:
            await asyncio.sleep(self.renew_every)
            waiting = [mid for mid in self._in_flight if mid not in self._answered]
            if not waiting:
                continue
            try:
                async with self._writing, self._uow() as uow:
                    await uow.outbox.extend_lease(waiting, self._clock() + self.lease)
                    await uow.commit()
            except Exception:  # e.g. the database is busy: the next round tries again
                log.warning("renewing %d outbox claims failed", len(waiting), exc_info=True)

    # --- recording outcomes ----------------------------------------------------------
    async def _write(self, o: _Outcome) -> bool:
        """One outcome, one short transaction; True when it queued a new notice."""
        now = self._clock()
        queued = False
        async with self._writing, self._uow() as uow:
            if self._unreachable is None:
                self._unreachable = await uow.unreachable.all_chat_ids()
            if o.error is None:
                await uow.outbox.mark_sent([o.message_id], now, o.sent_as)
                if o.chat_id in self._unreachable:  # they are back
                    await mark_reachable(uow, o.chat_id)
                    self._unreachable.discard(o.chat_id)
            else:
                queued = await self._record_failure(uow, o, now)
            await uow.commit()
        return queued

    async def _record_failure(self, uow: UnitOfWork, o: _Outcome, now: dt.datetime) -> bool:
        msg = await uow.outbox.get(o.message_id)
        if msg is None or o.error is None:
            return False
        msg.last_error = o.error[:500]
        if o.delay:  # throttled, not failed: does not count as an attempt
            msg.next_attempt_at = now + dt.timedelta(seconds=o.delay)
        else:
            msg.attempts += 1
            if o.unreachable or msg.attempts >= self.max_attempts:
                msg.status, msg.next_attempt_at = "dead", None
            else:
                msg.next_attempt_at = now + backoff(msg.attempts)
        if o.unreachable and self._unreachable is not None and o.chat_id not in self._unreachable:
            self._unreachable.add(o.chat_id)
            return await self._on_unreachable(uow, o.chat_id, o.error, now)
        return False

    # --- stopping --------------------------------------------------------------------
    async def _abandon_in_flight(self) -> None:
        """On stop: let requests already on the wire finish (so nothing arrives twice),
        cancel the ones still waiting for a slot and hand their lease back, so the next
        start sends them at once."""
        waiting = {mid: task for mid, task in self._in_flight.items() if mid not in self._on_wire}
        for task in waiting.values():
            task.cancel()
        sending = [task for mid, task in self._in_flight.items() if mid not in waiting]
        if sending:
            await asyncio.wait(sending, timeout=STOP_GRACE)
        for task in sending:
            task.cancel()
        await asyncio.gather(*waiting.values(), *sending, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
        if waiting and not self._crashed:
            async with self._uow() as uow:
                await uow.outbox.release(list(waiting))
                await uow.commit()
