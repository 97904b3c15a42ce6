"""The FloodGate against the fake server's own flood control, with network jitter in
both directions: never a refusal; and a reply a user waits for goes before a fan-out."""
from __future__ import annotations

import asyncio
import random
import time

from bot.fake_api import FloodControl, Limits
from bot.ratelimit import FloodGate, FloodLimits, WindowGate

SCALE = 50  # 1500 msg/s overall, 20 per 1.2 s per group, 3 per 60 ms per private chat


async def test_jittery_requests_paced_by_the_gate_are_never_refused():
    server = FloodControl(Limits.strict(SCALE), time.monotonic)  # no per-chat burst at all
    gate = FloodGate(FloodLimits(scale=SCALE))
    rng = random.Random(7)
    refused = []

    async def send(chat_id: int) -> None:
        async with gate.slot(chat_id, urgent=False):
            await asyncio.sleep(rng.uniform(0, 0.004))  # on the way
            verdict = server.acquire(chat_id, "supergroup" if chat_id < 0 else "private")
            if verdict is not None:
                refused.append(chat_id)
            await asyncio.sleep(rng.uniform(0, 0.004))  # the answer on its way back

    chats = [1000 + i for i in range(30)] * 4 + [-100 - i for i in range(4)] * 25
    rng.shuffle(chats)
    started = time.monotonic()
    await asyncio.gather(*(send(chat) for chat in chats))
    elapsed = time.monotonic() - started
    assert refused == []
    assert elapsed > (len(chats) - 30) / (30 * SCALE)  # and it did not cheat on the overall limit


async def test_an_urgent_reply_goes_before_the_queue():
    gate = WindowGate(1, 0.05)
    order = []

    async def take(name: str, urgent: bool) -> None:
        await gate.acquire(urgent)
        order.append(name)
        gate.release()

    await gate.acquire()
    gate.release()  # the window is full for 50 ms
    queued = [asyncio.create_task(take(f"notice {i}", False)) for i in range(3)]
    await asyncio.sleep(0)
    reply = asyncio.create_task(take("reply", True))
    await asyncio.gather(*queued, reply)
    assert order[0] == "reply" and order[1:] == ["notice 0", "notice 1", "notice 2"]


async def test_a_restarted_gate_does_not_trip_over_what_was_sent_just_before():
    """The gate forgets everything on a restart; the server does not. A chat counts as
    just served at start, so its first message waits one window instead of being refused."""
    server = FloodControl(Limits.strict(SCALE), time.monotonic)
    refused = []

    async def send(gate: FloodGate, chat_id: int) -> None:
        async with gate.slot(chat_id):
            if server.acquire(chat_id, "private") is not None:
                refused.append(chat_id)

    before = FloodGate(FloodLimits(scale=SCALE))
    await asyncio.sleep(1.5 / SCALE)  # long after the gate started: no start-up wait
    started = time.monotonic()
    await asyncio.gather(*(send(before, chat) for chat in (1, 2, 3)))
    assert time.monotonic() - started < 0.5 / SCALE
    after = FloodGate(FloodLimits(scale=SCALE))  # the restart
    await asyncio.gather(*(send(after, chat) for chat in (1, 2, 3)))
    assert refused == []
