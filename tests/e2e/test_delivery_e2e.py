"""Delivery over HTTP, on both runtimes: a fan-out to many chats and groups against the
fake server's flood control (scaled up, the bot's pacing scaled alike) never provokes a
429 and every notice arrives exactly once; scheduled reminders and a blocked user."""
from __future__ import annotations

import asyncio
import collections
import dataclasses
import datetime as dt

import pytest

from bot.harness import Harness
from bot.scheduler import ReminderScheduler, indonesian_calendar
from domain.calendar import settle
from domain.reminders import ScheduleSettings

CAL = indonesian_calendar()

USERS = [60_001 + i for i in range(100)]
GROUPS = [-1_006_001 - i for i in range(10)]


async def wait_delivered(h, timeout: float = 30.0) -> None:
    async def pending() -> int:
        async with h.runtime.app.uow() as uow:
            return await uow.outbox.count_by_status("pending")

    async with asyncio.timeout(timeout):
        while await pending():  # noqa: ASYNC110  (polls the database: no event to wait on)
            await asyncio.sleep(0.05)


@pytest.fixture
async def fast(runtime_name, db_url, tmp_path):
    harness = Harness(runtime=runtime_name, workdir=tmp_path, flood_scale=20, database_url=db_url)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


async def test_fan_out_to_many_chats_and_groups_arrives_once_without_a_429(fast):
    h = fast
    for uid in USERS:
        h.fake.user(uid, f"Pegawai {uid}")
    for gid in GROUPS:
        h.fake.group(gid, f"Tim {gid}")
    chats = USERS * 2 + GROUPS * 10  # 300 notices: 2 per person, 10 per group
    app = h.runtime.app
    async with app.uow() as uow:
        for n, chat in enumerate(chats):
            await uow.outbox.enqueue(f"fan:{n}", chat, {"text": f"Pemberitahuan fan:{n}", "keyboard": None},
                                     app.clock())
        await uow.commit()
    app.on_outbox()
    await wait_delivered(h)

    assert h.fake.count_429 == 0
    assert not [c for c in h.fake.calls if c.status >= 400]
    arrived = collections.Counter(m.text for chat in set(chats) for m in h.fake.messages(chat))
    assert arrived == collections.Counter(f"Pemberitahuan fan:{n}" for n in range(len(chats)))  # once each
    async with app.uow() as uow:
        assert await uow.outbox.count_by_status("sent") == len(chats)


async def test_a_reminder_reaches_the_decider_and_a_blocked_user_is_reported_once(h):
    from bot.demo import MOTIVATION_BUDI, _apply

    await h.link("budi", "kabid_apt", "kadis")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    decide = await h.notice("kabid_apt", "Budi Santoso")
    app = h.runtime.app
    settings = ScheduleSettings.for_profile(app.profile)
    # Ten days on (well past 5 working days, whatever today is), at 10:00 WIB on a working day.
    later = settle((app.clock() + dt.timedelta(days=10)).replace(hour=3), settings.tz, CAL, settings.quiet)
    sched = ReminderScheduler(app, settings, CAL, clock=lambda: later)
    mark = h.fake.mark()
    queued = await sched.tick()
    assert {n.audience for n in queued} == {"person", "escalation"}  # reminder and escalation, as one catch-up
    await h.notice("kabid_apt", "Menunggu keputusan Anda", since=mark)
    await h.notice("kadis", "menunggu terlalu lama", since=mark)
    assert await sched.tick() == []

    h.fake.block(h.tid("budi"))
    await h.press("kabid_apt", decide, "Setujui", expect="ST-")
    told = await h.notice("kabid_apt", "memblokir bot")
    assert "Budi Santoso" in told.text
    await wait_delivered(h)
    async with app.uow() as uow:
        dead = await uow.outbox.by_status("dead")
    assert [m.chat_id for m in dead] == [h.tid("budi")] and h.fake.count_429 == 0

    app.config = dataclasses.replace(app.config, admin_telegram_ids=frozenset({h.tid("kadis")}))
    h.fake.unblock(h.tid("budi"))
    listing = await h.say("kadis", "/antrian", expect="ke obrolan")
    await h.press("kadis", listing, "Kirim ulang", expect="Diantrikan ulang")
    await h.notice("budi", "disetujui")
    blocked_reports = [m for m in h.fake.messages(h.tid("kabid_apt")) if "memblokir bot" in (m.text or "")]
    assert len(blocked_reports) == 1


async def test_the_runtime_starts_and_stops_its_scheduler(h, runtime_name):
    from bot.ratelimit import FloodLimits
    from bot.scheduler import attach
    from bot.wiring import build_app, build_runtime

    events = []

    class Probe:
        def start(self):
            events.append("start")

        def shutdown(self):
            events.append("stop")

    await h.stop_bot()
    settings = h.settings().model_copy(update={"outbox_max_attempts": 7})
    app, engine = build_app(settings)
    runtime = build_runtime(app, settings, flood=FloodLimits(scale=5))
    try:
        real = attach(runtime, settings)  # what `python -m bot run` does
        assert isinstance(real, ReminderScheduler) and runtime.outbox.max_attempts == 7
        assert real.settings.timezone == "Asia/Jakarta" and real.interval == 60
        runtime.scheduler = Probe()
        await runtime.start()
        await h.fake.wait_polling(10)
        await runtime.stop()
    finally:
        await engine.dispose()
    assert events == ["start", "stop"]
