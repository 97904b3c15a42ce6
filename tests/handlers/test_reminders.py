"""The reminder job on a real database: providers -> planner -> outbox + sent steps in one
transaction. Restarts, downtime and doubled ticks; the clock is moved by hand."""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

from bot.scheduler import ReminderScheduler, indonesian_calendar
from domain.calendar import zone
from domain.reminders import MEMBER_REPORT, Obligation, ScheduleSettings
from handlers.core.app import App
from storage.engine import make_engine, session_factory
from storage.records import TelegramLink
from storage.uow import UnitOfWorkFactory
from tests.handlers.test_voluntary_application import apply, linked, outbox

WIB = zone("Asia/Jakarta")
DUE = dt.datetime(2026, 12, 31, 23, 59, tzinfo=WIB)
GROUP = -100500
CAL = indonesian_calendar()


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB).astimezone(dt.UTC)


def reports_of(demo, *keys, done=()):
    """A stand-in for the teams feature: each member owes a Q4 report to Tim SPBE."""
    async def provider(uow, profile, now):
        return [Obligation(MEMBER_REPORT, 7, demo[k].employee.id, demo["kabid_apt"].employee.id, GROUP, "2026-Q4",
                           due=DUE, done=k in done, label="Tim SPBE") for k in keys]
    return provider


def scheduler(app, provider) -> ReminderScheduler:
    return ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL, providers=[provider])


async def texts_to(app, chat_id) -> list[str]:
    return [m.payload["text"] for m in await outbox(app) if m.chat_id == chat_id]


async def test_restart_mid_quarter_neither_skips_nor_repeats(app, demo, clock, db_url):
    await linked(app, demo, "budi", 1001)
    await linked(app, demo, "dewi", 1004)
    provider = reports_of(demo, "budi", "dewi")
    clock.now = wib(2026, 12, 21, 9, 5)
    first = await scheduler(app, provider).tick()
    assert sorted((n.audience, n.step) for n in first) == [("group", "open"), ("person", "open"), ("person", "open")]

    # A new process: new engine, new App, new scheduler, same database.
    engine = make_engine(db_url)
    try:
        again = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=app.profile, config=app.config,
                    clock=clock)
        restarted = scheduler(again, provider)
        assert await restarted.tick() == []  # nothing repeated
        clock.now = wib(2026, 12, 28, 9, 0)
        second = await restarted.tick()
        assert {(n.audience, n.step) for n in second} == {("group", "r-5"), ("person", "r-5")} and len(second) == 3
        assert await restarted.tick() == []
    finally:
        await engine.dispose()
    budi = await texts_to(app, 1001)
    assert len(budi) == 2 and "Masa pelaporan sudah dibuka" in budi[0] and "Pengingat" in budi[1]
    assert "Tim SPBE" in budi[1] and "sisa 3 hari" in budi[1] and "tenggat 31 Desember 2026 (sisa 3 hari)" in budi[1]
    group = await texts_to(app, GROUP)
    assert len(group) == 2 and "Belum melapor: 2 dari 2" in group[0]
    assert 'href="tg://user?id=1001"' in group[0] and "Budi Santoso" in group[0]


async def test_downtime_across_the_due_date_catches_up_once(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    await linked(app, demo, "dewi", 1004)
    await linked(app, demo, "kabid_apt", 2001)
    sched = scheduler(app, reports_of(demo, "budi", "dewi", done=("dewi",)))
    clock.now = wib(2026, 12, 21, 9, 0)
    await sched.tick()
    clock.now = wib(2027, 1, 8, 10, 0)  # down from 21 Dec to 8 Jan
    caught_up = await sched.tick()
    assert sorted(n.audience for n in caught_up) == ["escalation", "group", "person"]
    assert all(n.late for n in caught_up)
    (summary,) = (await texts_to(app, 1001))[1:]
    assert "Masih terbuka" in summary and "tenggat 31 Desember 2026 sudah terlampaui" in summary
    (escalation,) = await texts_to(app, 2001)
    assert "Laporan belum diterima" in escalation and "Budi Santoso" in escalation and "Dewi" not in escalation
    assert "Belum melapor: 1 dari 2" in (await texts_to(app, GROUP))[-1]
    assert await sched.tick() == []
    clock.advance(days=30)
    assert await sched.tick() == []
    assert len(await outbox(app)) == 5  # Budi x2 and the group x2 (opening, summary), one escalation
    async with app.uow() as uow:
        covered = {i for i, _, _ in await uow.schedule.sent_since(wib(2026, 1, 1))}
    assert {f"member_report:7:e{demo['budi'].employee.id}:2026-Q4:{s}" for s in ("r-5", "r-2", "r0")} <= covered


async def test_duplicate_ticks_queue_nothing_twice(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    provider = reports_of(demo, "budi")
    clock.now = wib(2026, 12, 29, 9, 30)
    a, b = scheduler(app, provider), scheduler(app, provider)
    results = await asyncio.gather(a.tick(), b.tick(), a.tick())
    assert sum(len(r) for r in results) == 2  # Budi and the group, once
    assert len(await texts_to(app, 1001)) == 1 and len(await texts_to(app, GROUP)) == 1


async def test_quiet_hours_and_holidays_hold_prompts_until_they_may_go(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    sched = scheduler(app, reports_of(demo, "budi"))
    clock.now = wib(2026, 12, 21, 21, 0)
    assert await sched.tick() == []
    clock.now = wib(2026, 12, 24, 10, 0)  # cuti bersama
    assert await sched.tick() == []
    clock.now = wib(2026, 12, 28, 7, 0)  # the quiet hours end on a working day: the opening, late
    (person, group) = sorted(await sched.tick(), key=lambda n: n.audience, reverse=True)
    assert (person.step, person.late, group.step) == ("open", True, "open")
    clock.now = wib(2026, 12, 28, 9, 0)
    (person, group) = sorted(await sched.tick(), key=lambda n: n.audience, reverse=True)
    assert person.step == "r-5" and person.covers == (f"member_report:7:e{demo['budi'].employee.id}:2026-Q4:r-5",)


async def test_unlinked_people_get_the_current_state_once_they_link(app, demo, clock):
    sched = scheduler(app, reports_of(demo, "budi"))
    clock.now = wib(2026, 12, 21, 9, 0)
    assert [n.audience for n in await sched.tick()] == ["group"]
    clock.now = wib(2026, 12, 29, 9, 0)
    async with app.uow() as uow:  # Budi links late (with a fresh code from HR)
        uow.links.add(TelegramLink(demo["budi"].employee.id, 1001, 1001, "en", clock.now))
        await uow.commit()
    clock.advance(minutes=1)
    (notice, _group) = sorted(await sched.tick(), key=lambda n: n.audience, reverse=True)
    assert notice.step == "r-2" and notice.late is False
    (text,) = await texts_to(app, 1001)
    assert "Reminder" in text and "due 31 December 2026 (2 days left)" in text


async def test_a_decision_waiting_too_long_reminds_the_decider_then_their_head(app, demo, clock):
    budi = await linked(app, demo, "budi", 1001)
    await linked(app, demo, "kabid_apt", 2001)
    await linked(app, demo, "kadis", 3001)
    clock.now = wib(2026, 11, 23, 10, 15)  # Monday
    await apply(budi)
    sched = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL)  # the registered providers
    clock.now = wib(2026, 11, 26, 10, 0)
    assert await sched.tick() == []
    clock.now = wib(2026, 11, 26, 10, 15)
    (remind,) = await sched.tick()
    assert remind.recipient == demo["kabid_apt"].employee.id
    (text,) = [t for t in await texts_to(app, 2001) if "Menunggu keputusan Anda" in t]
    assert "PS-2026-00001" in text and "Budi Santoso" in text and "3 hari kerja" in text and "/persetujuan" in text
    clock.now = wib(2026, 11, 30, 10, 15)  # 5 working days, over the weekend
    (escalation,) = await sched.tick()
    assert escalation.recipient == demo["kadis"].employee.id
    (told,) = await texts_to(app, 3001)
    assert "menunggu terlalu lama" in told and "Agus Salim" in told and "5 hari kerja" in told
    assert await sched.tick() == []


async def test_a_decided_application_is_not_chased(app, demo, clock):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    clock.now = wib(2026, 11, 23, 10, 15)
    await apply(budi)
    approve = (await outbox(app))[0].payload["keyboard"][0][0]["data"]
    await kabid.presses(approve)
    clock.now = wib(2026, 12, 10, 10, 0)
    sched = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL)
    assert await sched.tick() == []


async def test_group_summaries_cap_their_mentions(app, demo, clock):
    many = [Obligation(MEMBER_REPORT, 7, 10_000 + i, None, GROUP, "2026-Q4", due=DUE) for i in range(70)]
    many.append(Obligation(MEMBER_REPORT, 7, demo["budi"].employee.id, None, GROUP, "2026-Q4", due=DUE))
    await linked(app, demo, "budi", 1001)

    async def provider(uow, profile, now):
        return many

    clock.now = wib(2026, 12, 21, 9, 0)
    settings = dataclasses.replace(ScheduleSettings.for_profile(app.profile), max_mentions=50)
    await ReminderScheduler(app, settings, CAL, providers=[provider]).tick()
    (summary,) = await texts_to(app, GROUP)
    assert "Belum melapor: 71 dari 71" in summary and "…dan 21 lainnya." in summary
    assert summary.count("#100") == 50 and "tg://user?id=1001" not in summary  # Budi is the 71st


async def test_a_broken_provider_does_not_silence_the_others(app, demo, clock, caplog):
    await linked(app, demo, "budi", 1001)

    async def broken(uow, profile, now):
        raise RuntimeError("teams table is being migrated")

    clock.now = wib(2026, 12, 21, 9, 0)
    sched = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL,
                              providers=[broken, reports_of(demo, "budi")])
    assert len(await sched.tick()) == 2
    assert "obligation provider" in caplog.text and "teams table is being migrated" in caplog.text


async def test_the_scheduler_runs_the_tick_on_an_interval_and_stops(app):
    sched = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL, interval_seconds=60)
    sched.start()
    try:
        (job,) = sched._scheduler.get_jobs()
        assert sched.running and job.coalesce and job.max_instances == 1 and job.misfire_grace_time == 60
        assert job.trigger.interval == dt.timedelta(seconds=60)
    finally:
        sched.shutdown()
    assert not sched.running


async def test_providers_see_the_zone_the_scheduler_works_in(app, clock):
    from domain.periods import QUARTERLY, period_of
    from domain.reminders import due_for

    seen = []

    async def provider(uow, profile, now):
        seen.append(due_for(profile, period_of(QUARTERLY, now.date())))
        return []

    clock.now = wib(2026, 12, 21, 9, 0)
    wita = ScheduleSettings.for_profile(app.profile, "Asia/Makassar")
    await ReminderScheduler(app, wita, CAL, providers=[provider]).tick()
    assert seen == [dt.datetime(2026, 12, 31, 23, 59, tzinfo=zone("Asia/Makassar"))] == [wita.due_of(
        period_of(QUARTERLY, dt.date(2026, 12, 21)))]


async def test_the_tick_forgets_handled_updates_after_a_week(app, clock):
    async with app.uow() as uow:
        await uow.updates.record("old", clock.now - dt.timedelta(days=7, minutes=1))
        await uow.updates.record("recent", clock.now - dt.timedelta(days=6))
        await uow.commit()
    await scheduler(app, lambda uow, profile, now: _no_obligations()).tick()
    async with app.uow() as uow:
        assert not await uow.updates.seen("old")
        assert await uow.updates.seen("recent")


async def _no_obligations() -> list[Obligation]:
    return []
