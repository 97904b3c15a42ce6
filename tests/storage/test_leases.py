"""Leases and update claims on a real database, from two workers' sides: each is one
INSERT … ON CONFLICT, so a worker holding one shuts the other out until it expires."""
from __future__ import annotations

import datetime as dt

from storage.engine import session_factory
from storage.uow import UnitOfWorkFactory

TTL = dt.timedelta(seconds=6)


async def _take(uow_factory, name, holder, now):
    async with uow_factory() as uow:
        taken = await uow.leases.take(name, holder, now, TTL)
        await uow.commit()
    return taken


async def test_a_lease_is_held_renewed_and_taken_over_only_when_it_runs_out(engine, clock):
    uow = UnitOfWorkFactory(session_factory(engine))
    now = clock()
    assert await _take(uow, "leader", "a", now)
    assert not await _take(uow, "leader", "b", now)  # a holds it
    assert await _take(uow, "leader", "a", now + dt.timedelta(seconds=5))  # a renews: until +11 s
    assert not await _take(uow, "leader", "b", now + dt.timedelta(seconds=10))
    assert await _take(uow, "leader", "b", now + dt.timedelta(seconds=11))  # ran out: b takes over
    async with uow() as u:
        assert await u.leases.holder("leader", now + dt.timedelta(seconds=12)) == "b"
        assert await u.leases.holder("leader", now + dt.timedelta(seconds=60)) is None
    assert not await _take(uow, "leader", "a", now + dt.timedelta(seconds=12))
    assert await _take(uow, "chat:1", "a", now)  # leases are independent of each other


async def test_a_released_lease_is_free_at_once_and_only_its_holder_releases_it(engine, clock):
    uow = UnitOfWorkFactory(session_factory(engine))
    now = clock()
    assert await _take(uow, "chat:7", "a", now)
    async with uow() as u:
        await u.leases.release("chat:7", "b")  # not b's to give back
        await u.commit()
    assert not await _take(uow, "chat:7", "b", now)
    async with uow() as u:
        await u.leases.release("chat:7", "a")
        await u.commit()
    assert await _take(uow, "chat:7", "b", now)


async def test_an_update_is_claimed_once_and_a_rolled_back_claim_is_free_again(engine, clock):
    uow = UnitOfWorkFactory(session_factory(engine))
    async with uow() as u:
        assert await u.updates.claim("42", clock())
        await u.rollback()  # the handling failed: nothing kept, the update may come again
    async with uow() as u:
        assert await u.updates.claim("42", clock())
        await u.commit()
    async with uow() as u:
        assert not await u.updates.claim("42", clock())  # another worker, or a redelivery
        assert await u.updates.seen("42")
