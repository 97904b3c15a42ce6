"""Crash safety of the outbox sender: each notice is marked sent in its own transaction as
soon as Telegram accepted it, and claims are leased briefly and renewed while the sender
lives, so a dead sender's notices are free again within LEASE."""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

from bot import outbox as outbox_module
from bot.outbox import LEASE, OutboxSender
from tests.handlers.test_delivery import by_key, enqueue


class SlowGate:
    """Lets chat 1 through at once; chat 2 waits until `release` is set."""

    def __init__(self) -> None:
        self.release = asyncio.Event()

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int, urgent: bool = True):
        if chat_id == 2:
            await self.release.wait()
        yield

    def capacity(self, chat_id: int) -> int:
        return 5


async def test_a_notice_is_marked_sent_at_once_and_a_waiting_claim_is_renewed(app, clock, monkeypatch):
    monkeypatch.setattr(outbox_module, "RENEW_EVERY", 0.05)
    await enqueue(app, "fast", 1)
    await enqueue(app, "slow", 2)
    sent: list[int] = []

    async def deliver(reply) -> None:
        sent.append(reply.chat_id)

    gate = SlowGate()
    sender = OutboxSender(app.uow, deliver, clock, gate=gate)
    drained = asyncio.ensure_future(sender.drain_once())
    for _ in range(100):
        await asyncio.sleep(0.02)
        if (await by_key(app, "fast")).status == "sent":
            break
    assert (await by_key(app, "fast")).status == "sent"  # not waiting for the other notice
    assert not drained.done()

    clock.advance(minutes=5)  # long past the first lease: a live sender has renewed it
    await asyncio.sleep(0.3)
    slow = await by_key(app, "slow")
    assert slow.status == "pending" and slow.next_attempt_at.replace(tzinfo=dt.UTC) > clock.now
    async with app.uow() as uow:
        assert await uow.outbox.claim(clock.now, 10, LEASE) == []  # still ours
    gate.release.set()
    assert await drained == 2 and sent == [1, 2]
    assert (await by_key(app, "slow")).status == "sent"


async def test_a_dead_senders_claims_are_free_again_within_the_lease(app, clock):
    await enqueue(app, "orphan", 1)
    async with app.uow() as uow:  # a sender claims it, then dies (no renewal, no release)
        assert len(await uow.outbox.claim(clock.now, 10, LEASE)) == 1
        await uow.commit()
    assert dt.timedelta(seconds=10) >= LEASE
    clock.advance(seconds=LEASE.total_seconds() + 0.5)
    arrived = []

    async def deliver(reply) -> None:
        arrived.append(reply.chat_id)

    assert await OutboxSender(app.uow, deliver, clock).drain() == 1 and arrived == [1]
