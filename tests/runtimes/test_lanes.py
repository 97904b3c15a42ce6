"""Per-chat lanes: chats side by side, each in order; a flooding sender told once and the
rest of their burst set aside, without touching anyone else."""
from __future__ import annotations

import asyncio

from bot.fake_api import ManualClock
from bot.ratelimit import SenderLimits
from bot.runtimes.lanes import Lanes
from handlers.core.types import Sender, Update


def text(update_id: int, sender: int, chat: int | None = None) -> Update:
    return Update(update_id, Sender(sender), chat if chat is not None else sender, text=f"m{update_id}")


def press(update_id: int, sender: int, chat: int) -> Update:
    return Update(update_id, Sender(sender), chat, callback_id=f"q{update_id}", callback_data="x")


class Recorder:
    def __init__(self) -> None:
        self.handled: list[int] = []
        self.told: list[int] = []
        self.gates: dict[int, asyncio.Event] = {}  # a chat whose handling waits (its pace)

    async def work(self, update: Update) -> None:
        gate = self.gates.get(update.chat_id)
        if gate is not None:
            await gate.wait()
        self.handled.append(update.update_id)

    async def tell(self, update: Update) -> None:
        self.told.append(update.sender.id)


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_a_waiting_chat_holds_no_other_and_each_chat_keeps_its_order():
    rec = Recorder()
    lanes = Lanes(rec.work, rec.tell)
    rec.gates[1] = asyncio.Event()
    for update in (text(1, 1), text(2, 1), text(3, 2), text(4, 2), text(5, 1)):
        lanes.submit(update)
    await settle()
    assert rec.handled == [3, 4]  # chat 2 answered while chat 1 waits for its pace
    rec.gates[1].set()
    await settle()
    assert rec.handled == [3, 4, 1, 2, 5]
    assert lanes.busy_chats == 0  # quiet chats keep no worker


async def test_a_flood_is_answered_once_and_the_rest_set_aside():
    rec = Recorder()
    clock = ManualClock()
    lanes = Lanes(rec.work, rec.tell, SenderLimits(max_updates=5, window=10), clock=clock)
    rec.gates[-50] = asyncio.Event()  # a group whose handling is slow
    lanes.submit(text(1, 7, chat=-50))
    await settle()  # the first is being handled
    for i in range(2, 40):
        lanes.submit(text(i, 7, chat=-50))
    lanes.submit(text(100, 8, chat=-50))  # someone else in the same group ...
    lanes.submit(press(101, 7, chat=-50))  # ... and the flooder's own button press
    rec.gates[-50].set()
    await settle()
    assert rec.told == [7]
    assert rec.handled == [1, 100, 101]  # the burst queued behind the first went too
    clock.advance(5)
    lanes.submit(text(200, 7, chat=-50))  # still within the flood's window: set aside, not told again
    clock.advance(10.1)
    lanes.submit(text(201, 7, chat=-50))  # they calmed down: handled again
    await settle()
    assert rec.told == [7] and rec.handled[-1] == 201


async def test_a_lane_holds_a_bounded_number_of_updates():
    rec = Recorder()
    lanes = Lanes(rec.work, rec.tell, SenderLimits(max_updates=1000, max_pending=3))
    rec.gates[1] = asyncio.Event()
    for i in range(10):
        lanes.submit(text(i, 1))
    rec.gates[1].set()
    await settle()
    assert rec.handled == [0, 1, 2]


async def test_drain_lets_queued_updates_finish_and_cancels_the_stuck():
    rec = Recorder()
    lanes = Lanes(rec.work, rec.tell)
    rec.gates[2] = asyncio.Event()  # never set
    lanes.submit(text(1, 1))
    lanes.submit(text(2, 2))
    await lanes.drain(timeout=0.05)
    assert rec.handled == [1]
    assert lanes.busy_chats == 0


async def test_the_webhook_future_resolves_when_handled_fails_with_the_error_and_is_cancelled_at_stop():
    """Runtime.receive hands the webhook a future: done once the update is handled (or set
    aside), failed with what handling raised (NotStored → 503), cancelled if a stop cuts it short."""
    loop = asyncio.get_running_loop()

    async def work(update: Update) -> None:
        if update.update_id == 2:
            raise RuntimeError("not stored")
        if update.update_id == 3:
            await asyncio.Event().wait()  # stuck until the stop

    lanes = Lanes(work, Recorder().tell)
    handled, failed, stuck = loop.create_future(), loop.create_future(), loop.create_future()
    lanes.submit(text(1, 1), handled)
    lanes.submit(text(2, 2), failed)
    lanes.submit(text(3, 3), stuck)
    await settle()
    assert handled.done() and handled.result() is None
    assert isinstance(failed.exception(), RuntimeError)
    await lanes.drain(timeout=0.05)
    assert stuck.cancelled()


# --- polling with patience (aiogram fetches the next batch when its handler returns) ----
def _raw(update_id: int, chat: int) -> dict:
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 0, "text": f"m{update_id}",
                                                "chat": {"id": chat, "type": "private"},
                                                "from": {"id": chat, "is_bot": False, "first_name": "A"}}}


async def test_a_polled_update_is_waited_for_only_a_moment_and_its_failure_is_logged(app, caplog):
    import time

    from bot.runtimes import base
    from bot.runtimes.aiogram_runtime import AiogramRuntime

    runtime = AiogramRuntime(app, "123456:TEST", "http://127.0.0.1:9")
    rec = Recorder()
    runtime.lanes = Lanes(rec.work, rec.tell)
    await runtime.process_patiently(_raw(1, 7))
    assert rec.handled == [1]  # a quick update: handled before the next batch is asked for
    rec.gates[8] = asyncio.Event()
    started = time.monotonic()
    await runtime.process_patiently(_raw(2, 8))
    assert rec.handled == [1] and time.monotonic() - started < base.POLL_PATIENCE + 0.2  # a slow one: not long
    await runtime.process_patiently(_raw(3, 9))
    assert rec.handled == [1, 3]  # another chat goes on meanwhile
    rec.gates[8].set()
    await settle()
    assert rec.handled == [1, 3, 2]

    async def broken(update: Update) -> None:
        raise RuntimeError("boom")

    runtime.lanes = Lanes(broken, rec.tell)
    await runtime.process_patiently(_raw(4, 7))
    await settle()
    assert any("polled update failed" in r.message and r.exc_info for r in caplog.records)
