"""Leader election and chat leases between workers in one process, on a real database:
one leader at a time, a stopping leader hands over at once, a dead one within its lease,
and a chat handled by one worker waits for it on another."""
from __future__ import annotations

import asyncio
import time

import pytest

from bot.cluster import Cluster, ClusterTiming

TIMING = ClusterTiming(leader_ttl=1.0, renew_every=0.1, chat_ttl=5.0, chat_poll=0.01)


class Worker:
    def __init__(self, engine, name: str) -> None:
        self.cluster = Cluster(engine, TIMING, name=name)
        self.events: list[str] = []
        self.led_at = 0.0  # monotonic time it last became leader
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self.cluster.run(self._lead, self._follow))

    async def _lead(self) -> None:
        self.events.append("lead")
        self.led_at = time.monotonic()

    async def _follow(self) -> None:
        self.events.append("follow")

    async def stop(self) -> None:
        assert self.task is not None
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def _until(check, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def test_one_leader_at_a_time_and_a_takeover_when_it_stops_or_dies(engine):
    a, b = Worker(engine, "a"), Worker(engine, "b")
    a.start()
    await _until(lambda: a.cluster.leader)
    b.start()
    await asyncio.sleep(3 * TIMING.renew_every)
    assert a.cluster.leader and not b.cluster.leader and b.events == []
    assert await b.cluster.current_leader() == "a"

    await a.stop()  # a clean stop hands the lease back: b leads at its next try
    assert a.events == ["lead", "follow"]
    await _until(lambda: b.cluster.leader, timeout=3 * TIMING.renew_every)

    c = Worker(engine, "c")
    c.start()
    b.cluster.crash()  # killed: the lease stays until it runs out
    await b.stop()
    await _until(lambda: c.cluster.leader, timeout=TIMING.leader_ttl + 5)
    # not before b's lease ran out (less the time b's last renewal took to reach the database)
    assert c.led_at - b.cluster._renewed >= TIMING.leader_ttl / 2
    await c.stop()


@pytest.mark.parametrize("file_locks", [True, False], ids=["file-locks", "lease-rows"])
async def test_a_chat_is_handled_by_one_worker_at_a_time(engine, file_locks):
    """SQLite's workers share a machine: OS file locks; on PostgreSQL, rows in `leases`."""
    if file_locks and engine.url.get_backend_name() != "sqlite":
        pytest.skip("file locks stand in for lease rows on SQLite only")
    a = Cluster(engine, TIMING, name="a", file_locks=file_locks)
    b = Cluster(engine, TIMING, name="b", file_locks=file_locks)
    assert (a._files is not None) is file_locks
    order: list[str] = []

    async def handle(cluster: Cluster, name: str, started: asyncio.Event | None = None) -> None:
        async with cluster.chat(99):
            if started is not None:
                started.set()
            order.append(f"{name} in")
            await asyncio.sleep(0.2)
            order.append(f"{name} out")

    started = asyncio.Event()
    first = asyncio.create_task(handle(a, "a", started))
    await started.wait()
    await asyncio.gather(handle(b, "b"), first)
    assert order == ["a in", "a out", "b in", "b out"]
    async with b.chat(100):  # another chat is not held up
        pass
    async with a.chat(99), a.chat(99 + (1 << 20)):  # two chats on one byte: counted, not locked twice
        pass
    async with b.chat(99):  # ...and free again afterwards
        pass
    a.close()
    b.close()
