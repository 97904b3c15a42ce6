"""Updates from different chats are handled side by side, each chat's in arrival order:
one lane (a queue and a worker task) per chat, started by its first update and ended as
soon as the chat has nothing more, so a quiet chat costs nothing. A lane waits only for
its own chat's pace, so one chatty user never stalls the others.

A sender who floods (more than `max_updates` messages within `window` seconds: a pasted
report split into many messages, a stuck key, a script) is told once and the rest of the
burst is set aside: acting on 300 accidental lines would only bury them in answers and
could feed a pending form step with text never meant for it. Button presses are never
set aside (each has to be answered, or its button keeps spinning) and others in the same
chat, a group, are not affected."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.ratelimit import SenderLimits
from handlers.core.dispatch import NotStored
from handlers.core.types import Update

log = logging.getLogger(__name__)

Work = Callable[[Update], Awaitable[None]]
Done = asyncio.Future[None]


@dataclass
class _Meter:
    arrivals: deque[float] = field(default_factory=deque)
    told: bool = False  # this flood has been answered already


class Lanes:
    def __init__(self, work: Work, on_flood: Work, limits: SenderLimits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """work: handles one update; on_flood: tells the sender of `update` they flooded."""
        self._work, self._on_flood = work, on_flood
        self.limits = limits or SenderLimits()
        self._clock = clock
        self._lanes: dict[int, deque[tuple[Work, Update, Done | None]]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._meters: dict[int, _Meter] = {}

    def submit(self, update: Update, done: Done | None = None) -> None:
        """Queue `update` behind its chat's earlier ones. Synchronous on purpose: whoever
        feeds updates in order (polling, the webhook) gets them queued in that order.
        `done`, when given, is resolved once the update is handled (or set aside), or
        fails with what handling raised: the webhook answers Telegram only then."""
        if not update.is_callback and self._flooding(update):
            _resolve(done)
            return
        self._enqueue(self._work, update, done)

    def _enqueue(self, work: Work, update: Update, done: Done | None = None) -> None:
        lane = self._lanes.get(update.chat_id)
        if lane is None:
            lane = self._lanes[update.chat_id] = deque()
            worker = asyncio.create_task(self._run(update.chat_id, lane), name=f"chat-{update.chat_id}")
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)
        if len(lane) >= self.limits.max_pending:
            log.warning("chat %s has %d updates waiting; update %s dropped", update.chat_id, len(lane),
                        update.update_id)
            _resolve(done)
            return
        lane.append((work, update, done))

    @property
    def busy_chats(self) -> int:
        return len(self._lanes)

    def _flooding(self, update: Update) -> bool:
        """Count the message; True (and set aside) while its sender is over the limit. The
        first time in a flood, the sender's messages still queued go too, and they are told."""
        now, sender = self._clock(), update.sender.id
        meter = self._meters.get(sender)
        if meter is None:
            if len(self._meters) > 10_000:  # forget senders that have gone quiet
                self._meters = {k: m for k, m in self._meters.items() if m.arrivals[-1] > now - self.limits.window}
            meter = self._meters[sender] = _Meter()
        arrivals = meter.arrivals
        arrivals.append(now)
        while arrivals[0] <= now - self.limits.window:
            arrivals.popleft()
        if len(arrivals) <= self.limits.max_updates:
            meter.told = False
            return False
        if not meter.told:
            meter.told = True
            lane = self._lanes.get(update.chat_id)
            if lane is not None:
                kept = [job for job in lane if job[1].sender.id != sender or job[1].is_callback]
                for job in lane:
                    if job not in kept:
                        _resolve(job[2])
                lane.clear()
                lane.extend(kept)
            log.warning("sender %s sent more than %d messages in %g s; the rest of the burst is set aside",
                        sender, self.limits.max_updates, self.limits.window)
            self._enqueue(self._on_flood, update)
        return True

    async def _run(self, chat_id: int, lane: deque[tuple[Work, Update, Done | None]]) -> None:
        try:
            while lane:
                work, update, done = lane.popleft()
                try:
                    await work(update)
                except asyncio.CancelledError:  # a stop cut it short: the webhook must not wait on it
                    if done is not None:
                        done.cancel()
                    raise
                except Exception as exc:
                    if done is not None and not done.done():
                        done.set_exception(exc)  # the caller awaiting it decides (webhook: 503)
                        continue
                    if isinstance(exc, NotStored):  # the user was told; polling cannot ask for it again
                        log.warning("update %s in chat %s not stored: %s", update.update_id, chat_id, exc)
                    else:
                        log.exception("update %s in chat %s failed", update.update_id, chat_id)
                _resolve(done)
        finally:
            # No await between finding the lane empty and removing it: a new update for
            # this chat either was queued before (and handled) or starts a new lane.
            if self._lanes.get(chat_id) is lane:
                del self._lanes[chat_id]

    async def drain(self, timeout: float) -> None:
        """Let queued updates finish (for a clean stop), then cancel what is left."""
        if self._workers:
            await asyncio.wait(set(self._workers), timeout=timeout)
        for worker in list(self._workers):
            worker.cancel()
        if self._workers:
            await asyncio.gather(*self._workers, return_exceptions=True)
        for lane in self._lanes.values():
            for _, _, done in lane:
                if done is not None and not done.done():
                    done.cancel()
        self._lanes.clear()


def _resolve(done: Done | None) -> None:
    if done is not None and not done.done():
        done.set_result(None)
