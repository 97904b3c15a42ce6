"""Delivery: failures back off then go 'dead', admins resend them with /antrian; a user
who blocked the bot is marked unreachable and their unit head is told once."""
from __future__ import annotations

import dataclasses

from bot.outbox import OutboxSender, RetryAfter, Unreachable, backoff
from handlers.core.app import AppConfig
from tests.handlers.chat import alerts, button_data, texts
from tests.handlers.test_voluntary_application import linked, outbox

ADMIN = 3001  # the Kadis's Telegram id; he is also the deployment's admin


class Telegram:
    """A stand-in for the runtime's send: records what arrived, fails as told."""

    def __init__(self) -> None:
        self.arrived: list[tuple[int, str]] = []
        self.failures: dict[int, list[Exception]] = {}

    async def deliver(self, reply) -> None:
        queue = self.failures.get(reply.chat_id)
        if queue:
            raise queue.pop(0)
        self.arrived.append((reply.chat_id, reply.text))


def sender(app, tg: Telegram, **kw) -> OutboxSender:
    return OutboxSender(app.uow, tg.deliver, app.clock, connect_wait=0, **kw)


async def enqueue(app, key: str, chat_id: int, text: str = "Halo") -> None:
    async with app.uow() as uow:
        await uow.outbox.enqueue(key, chat_id, {"text": text, "keyboard": None}, app.clock())
        await uow.commit()


async def by_key(app, key):
    return next(m for m in await outbox(app) if m.key == key)


async def test_failures_back_off_then_go_dead_and_an_admin_sends_them_again(app, demo, clock):
    app = dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({ADMIN})))
    kadis = await linked(app, demo, "kadis", ADMIN)
    budi = await linked(app, demo, "budi", 1001)
    tg = Telegram()
    tg.failures[1001] = [OSError("network is unreachable")] * 5
    out = sender(app, tg, max_attempts=5)
    await enqueue(app, "k1", 1001, "Pengingat untuk Budi")
    for attempt in range(1, 5):
        assert await out.drain_once() == 0
        msg = await by_key(app, "k1")
        assert (msg.status, msg.attempts) == ("pending", attempt)
        assert msg.next_attempt_at - clock.now == backoff(attempt)
        assert await out.drain_once() == 0  # not due yet: backing off
        clock.now = msg.next_attempt_at
    assert await out.drain_once() == 0
    dead = await by_key(app, "k1")
    assert (dead.status, dead.attempts) == ("dead", 5) and "network is unreachable" in dead.last_error

    (refused,) = texts(await budi.says("/antrian"))
    assert "hanya untuk administrator" in refused
    replies = await kadis.says("/antrian")
    assert "1 pemberitahuan tidak dapat dikirim" in texts(replies)[0]
    assert "Pengingat untuk Budi" in texts(replies)[1] and "network is unreachable" in texts(replies)[1]
    assert alerts(await budi.presses(button_data(replies, "Kirim ulang"))) == [
        "Perintah ini hanya untuk administrator Sikerja."]
    replies = await kadis.presses(button_data(replies, "Kirim ulang"))
    assert "Diantrikan ulang" in texts(replies)[0]
    assert (await by_key(app, "k1")).status == "pending"
    assert await out.drain_once() == 1
    assert tg.arrived == [(1001, "Pengingat untuk Budi")]
    assert (await by_key(app, "k1")).status == "sent"
    assert "Tidak ada pemberitahuan" in texts(await kadis.says("/antrian"))[0]


async def test_a_refused_connection_is_retried_at_once_and_a_429_is_no_attempt(app, demo, clock):
    tg = Telegram()
    tg.failures[1001] = [ConnectionRefusedError(), ConnectionRefusedError()]
    tg.failures[1002] = [RetryAfter(7)]
    await enqueue(app, "a", 1001)
    await enqueue(app, "b", 1002)
    out = sender(app, tg)
    assert await out.drain_once() == 1
    assert (await by_key(app, "a")).status == "sent"  # two quick retries, nothing reached Telegram twice
    throttled = await by_key(app, "b")
    assert throttled.attempts == 0 and (throttled.next_attempt_at - clock.now).total_seconds() == 7
    clock.advance(seconds=7)
    assert await out.drain_once() == 1
    assert tg.arrived == [(1001, "Halo"), (1002, "Halo")]


async def test_a_blocked_user_is_marked_unreachable_and_their_head_told_once(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    await linked(app, demo, "kabid_apt", 2001)
    tg = Telegram()
    tg.failures[1001] = [Unreachable("Forbidden: bot was blocked by the user")] * 2
    out = sender(app, tg)
    await enqueue(app, "first", 1001)
    await out.drain()
    assert (await by_key(app, "first")).status == "dead"
    told = [m for m in await outbox(app) if m.chat_id == 2001]
    assert len(told) == 1 and "Budi Santoso" in told[0].payload["text"] and "memblokir bot" in told[0].payload["text"]
    assert tg.arrived == [(2001, told[0].payload["text"])]  # the head's notice went out at once
    async with app.uow() as uow:
        assert await uow.unreachable.all_chat_ids() == {1001}

    clock.advance(hours=1)
    await enqueue(app, "second", 1001)
    restarted = sender(app, tg)  # even after a restart: told once
    await restarted.drain()
    assert (await by_key(app, "second")).status == "dead"
    assert len([m for m in await outbox(app) if m.chat_id == 2001]) == 1

    clock.advance(hours=1)  # Budi unblocks the bot: the next notice gets through and clears the mark
    await enqueue(app, "third", 1001)
    await restarted.drain()
    async with app.uow() as uow:
        assert await uow.unreachable.all_chat_ids() == set()


async def test_one_chat_never_has_more_in_flight_than_its_burst(app, demo):
    tg = Telegram()
    for i in range(7):
        await enqueue(app, f"m{i}", 1001, f"pesan {i}")
    out = sender(app, tg, capacity=lambda chat_id: 3)
    assert await out.drain_once() == 3
    assert await out.drain() == 4
    assert [text for _, text in tg.arrived] == [f"pesan {i}" for i in range(7)]  # in order


async def test_an_admin_without_an_employee_record_can_list_and_resend_by_typing(app, demo):
    from tests.handlers.chat import Person

    app = dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({4242})))
    admin = Person(app, 4242, "Admin")  # the deployment's admin, not linked to an employee
    tg = Telegram()
    tg.failures[1001] = [Unreachable("Forbidden: bot was blocked by the user")]
    await enqueue(app, "k1", 1001)
    await enqueue(app, "k2", 1001)
    out = sender(app, tg)
    await out.drain_once()
    tg.failures[1001] = [Unreachable("Forbidden: bot was blocked by the user")]
    await out.drain()
    replies = await admin.says("/antrian")
    assert "2 pemberitahuan tidak dapat dikirim" in texts(replies)[0]
    first = (await by_key(app, "k1")).id
    assert "Diantrikan ulang" in texts(await admin.says(f"/antrian ulang {first}"))[0]
    assert "tidak lagi menunggu" in texts(await admin.says(f"/antrian ulang {first}"))[0]
    assert "1 pemberitahuan dimasukkan kembali ke antrean" in texts(await admin.says("/antrian ulang semua"))[0]
    assert await out.drain() == 2
