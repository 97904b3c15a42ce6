"""A tick that cannot find anything new stops after reading the data version (issue 14): it
still sees, at the very next tick, a report submitted, a link made, a step whose moment came,
a new day, a restart; a broken provider is asked again."""
from __future__ import annotations

from sqlalchemy import event

from bot.scheduler import ReminderScheduler
from domain.reminders import ScheduleSettings
from domain.report import Report, ReportKind
from handlers.core.app import App
from handlers.reports.obligations import team_reports
from handlers.schedule.jobs import run_reminders
from storage.engine import make_engine, session_factory
from storage.records import TelegramLink
from storage.uow import UnitOfWorkFactory
from tests.handlers.test_reminders import CAL, reports_of, wib
from tests.handlers.test_report_obligations import _team
from tests.handlers.test_voluntary_application import linked


class Counted:
    """A provider that counts how often the tick asked it."""

    def __init__(self, provider) -> None:
        self.provider, self.calls = provider, 0

    async def __call__(self, uow, profile, now):
        self.calls += 1
        return await self.provider(uow, profile, now)


def scheduler(app, *providers) -> ReminderScheduler:
    return ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL, providers=providers)


async def test_an_idle_tick_reads_the_version_only_and_a_submitted_report_is_seen_next(app, demo, clock, db_url):
    team = await _team(app, demo)
    for key, tid in (("budi", 1001), ("dewi", 1004), ("yoga", 1005)):
        await linked(app, demo, key, tid)
    provider = Counted(team_reports)
    sched = scheduler(app, provider)
    clock.now = wib(2026, 12, 28, 9, 0)  # r-5 of Q4
    assert {n.step for n in await sched.tick()} == {"r-5"}
    assert provider.calls == 1

    statements: list[str] = []
    engine = app.uow.sessions.kw["bind"].sync_engine
    listener = lambda conn, cursor, statement, *rest: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        clock.advance(minutes=1)
        assert await run_reminders(app, sched.settings, CAL, now=clock.now, providers=[provider]) == []
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert provider.calls == 1
    assert [s for s in statements if s.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE"))] \
        == [s for s in statements if "counters" in s]  # the data version, nothing else

    async with app.uow() as uow:  # Dewi reports: Q4's r-2 must not chase her
        sent = Report(None, ReportKind.MEMBER, demo["dewi"].employee.id, "2026-Q4", text="Modul SSO selesai diuji.",
                      team_id=team.id)
        sent.submit([demo["budi"].employee.id], clock.now)
        uow.reports.add(sent)
        await uow.commit()
    clock.advance(minutes=1)
    assert await sched.tick() == [] and provider.calls == 2  # looked again, nothing new to send yet
    clock.now = wib(2026, 12, 29, 9, 0)
    r2 = [n for n in await sched.tick() if n.audience == "person" and n.kind == "member_report"]
    assert [ob.person_id for n in r2 for ob in n.items] == [demo["yoga"].employee.id]

    # A restart (a new App on the same database) looks at everything once.
    engine2 = make_engine(db_url)
    try:
        again = App(uow=UnitOfWorkFactory(session_factory(engine2)), profile=app.profile, config=app.config,
                    clock=clock)
        clock.advance(minutes=1)
        calls = provider.calls
        assert await scheduler(again, provider).tick() == []
        assert provider.calls == calls + 1
    finally:
        await engine2.dispose()


async def test_the_next_step_a_new_day_and_the_full_look_wake_the_tick(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    provider = Counted(reports_of(demo, "budi"))
    sched = scheduler(app, provider)
    clock.now = wib(2026, 12, 21, 9, 0)
    assert len(await sched.tick()) == 2  # the window opens
    for minutes in (1, 5, 59):
        clock.now = wib(2026, 12, 21, 9, minutes)
        assert await sched.tick() == []
    assert provider.calls == 1
    clock.now = wib(2026, 12, 21, 10, 0)  # a full look every hour, whatever happens
    assert await sched.tick() == [] and provider.calls == 2
    clock.now = wib(2026, 12, 22, 0, 0)  # a new day: providers list obligations by the day
    assert await sched.tick() == [] and provider.calls == 3
    clock.now = wib(2026, 12, 22, 0, 1)
    assert await sched.tick() == [] and provider.calls == 3
    clock.now = wib(2026, 12, 28, 9, 0)  # r-5 is due: seen at its moment
    assert {n.step for n in await sched.tick()} == {"r-5"}


async def test_a_link_made_behind_a_quiet_tick_reaches_the_next_one(app, demo, clock):
    sched = scheduler(app, Counted(reports_of(demo, "budi")))
    clock.now = wib(2026, 12, 21, 9, 0)
    assert [n.audience for n in await sched.tick()] == ["group"]  # Budi is not on Telegram yet
    clock.advance(minutes=1)
    assert await sched.tick() == []
    async with app.uow() as uow:  # Budi links (with a fresh code from HR)
        uow.links.add(TelegramLink(demo["budi"].employee.id, 1001, 1001, "id", clock.now))
        await uow.commit()
    clock.advance(minutes=1)
    assert [(n.audience, n.step) for n in await sched.tick()] == [("person", "open")]


async def test_prompts_held_back_by_quiet_hours_go_when_they_end(app, demo, clock):
    await linked(app, demo, "budi", 1001)
    provider = Counted(reports_of(demo, "budi"))
    sched = scheduler(app, provider)
    clock.now = wib(2026, 12, 27, 23, 0)  # Sunday night: the opening (Monday 21st) waits
    assert await sched.tick() == []
    clock.now = wib(2026, 12, 28, 0, 30)
    assert await sched.tick() == []
    clock.now = wib(2026, 12, 28, 7, 0)  # the quiet hours end: the catch-up goes at once
    assert {n.step for n in await sched.tick()} == {"open"}


async def test_a_broken_provider_is_asked_again_next_tick(app, demo, clock):
    calls = []

    async def broken(uow, profile, now):
        calls.append(now)
        raise RuntimeError("teams table is being migrated")

    sched = scheduler(app, broken, reports_of(demo, "budi"))
    clock.now = wib(2026, 12, 21, 9, 0)
    await sched.tick()
    clock.advance(minutes=1)
    await sched.tick()
    assert len(calls) == 2


async def test_only_writes_of_business_data_raise_the_data_version(app, demo, clock):
    from storage import data_version

    async def version() -> int:
        async with app.uow() as uow:
            return await data_version.read(uow.session)

    before = await version()
    async with app.uow() as uow:  # the tick's own writes and per-update bookkeeping are quiet
        await uow.outbox.enqueue_many([("k1", 5, {"text": "x"})], clock.now)
        await uow.schedule.mark_sent_many([(("s1",), "k1")], clock.now)
        await uow.commit()
    assert await version() == before
    async with app.uow() as uow:  # a write rolled back changes nothing
        demo_employee = await uow.org.employee(demo["budi"].employee.id)
        demo_employee.name = "Budi S."
        await uow.flush()
        await uow.rollback()
    assert await version() == before
    async with app.uow() as uow:
        (await uow.org.employee(demo["budi"].employee.id)).name = "Budi S."
        await uow.commit()
    assert await version() == before + 1
    assert data_version.writes_data("WITH x AS (SELECT 1) INSERT INTO teams SELECT * FROM x")  # unknown: counted
    assert not data_version.writes_data('DELETE FROM "processed_updates" WHERE at < ?')
    assert not data_version.writes_data("CREATE INDEX ix ON teams (id)")
