"""Cost that does not grow with the Pemda (issue 14): the reminder tick and the commands of a
unit head, an agency head and an employee issue the same number of statements whether their
scope holds a few teams or four times as many, and the commands read about as many rows (a
page's worth: the lists page in SQL). A per-team or per-report loop, or a list loaded whole to
show one page, coming back fails here. The org is bench_scale's generator
(benchmarks/bench_scale.py) at test size."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bot.scheduler import indonesian_calendar
from domain.profiles import load_profile
from domain.reminders import ScheduleSettings
from handlers.applications.reach import OFFERED
from handlers.core.app import App, AppConfig
from handlers.core.dispatch import handle
from handlers.schedule.jobs import run_reminders
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory
from tests.test_benchmarks_smoke import load

bench = load("bench_scale")
COMMANDS = ("rekap", "tim", "laporan", "status", "persetujuan", "ajukan")
CAP = 30  # statements any one of these commands may take
ROW_CAP = 400  # rows any one of them may read: ten teams' blocks on a /rekap page
TICK_CAP = 32  # a tick reads once per reminder provider; the penunjukan's provider added one (h10b)


async def _counts(db_template: Path, tmp_path: Path, teams: int) -> tuple[dict[str, int], dict[str, int]]:
    path = tmp_path / f"org-{teams}.db"
    shutil.copy(db_template, path)
    url = f"sqlite:///{path}"
    cast = bench.generate(url, employees=600, teams=teams)  # the same people, more or fewer teams
    engine = make_engine(url)
    meter = bench.Meter(engine)
    app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile("nasional"), config=AppConfig(),
              clock=lambda: bench.WINDOW_OPENS)
    settings, calendar = ScheduleSettings.for_profile(app.profile), indonesian_calendar()
    counts: dict[str, int] = {}
    rows: dict[str, int] = {}
    try:
        for who, employee_id in (("agency_head", cast.agency_head), ("unit_head", cast.unit_head),
                                 ("employee", cast.employee)):
            for name in COMMANDS:
                meter.reset()
                await handle(app, bench.command(employee_id, name))
                counts[f"{who} /{name}"], _, rows[f"{who} /{name}"] = meter.reset()
        queued = await run_reminders(app, settings, calendar, now=bench.WINDOW_OPENS)
        counts["first tick"] = meter.reset()[0]
        assert len(queued) > teams  # a notice per member, ketua and group: the tick did its work
        assert await run_reminders(app, settings, calendar, now=bench.WINDOW_OPENS + dt.timedelta(minutes=1)) == []
        counts["idle tick"] = meter.reset()[0]
    finally:
        await engine.dispose()
    return counts, rows


async def test_statements_do_not_grow_with_the_number_of_teams(db_template, tmp_path):
    small, small_rows = await _counts(db_template, tmp_path, teams=10)
    big, big_rows = await _counts(db_template, tmp_path, teams=40)
    ticks = ("first tick", "idle tick")
    assert {k: v for k, v in big.items() if k not in ticks} == {k: v for k, v in small.items() if k not in ticks}
    for tick in ticks:  # ids go in IN lists of 900: four times the teams may take one list more
        assert abs(big[tick] - small[tick]) <= 2, (tick, small[tick], big[tick])
    assert max(v for k, v in big.items() if k not in ticks) <= CAP, big
    assert max(big[tick] for tick in ticks) <= TICK_CAP, big
    # The Kepala Dinas sees 10 teams, then 20: /rekap and /tim read one page of them either way
    # (a Kepala Bidang's 1 and 2 teams fit a page both times: those may grow).
    for command, read in big_rows.items():
        if command.startswith("agency_head"):
            assert read <= small_rows[command] * 1.25 + 10, (command, small_rows[command], read)
    assert max(big_rows.values()) <= ROW_CAP, big_rows
    # /ajukan offers the first teams by name (and their units' names): those, not every unit and team.
    for who in ("agency_head", "unit_head", "employee"):
        read = big_rows[f"{who} /ajukan"]
        assert read <= 2 * OFFERED + 12, (who, small_rows[f"{who} /ajukan"], read)
