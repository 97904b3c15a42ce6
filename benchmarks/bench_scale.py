"""Scale benchmark: what a tick and a command cost in a big Pemda (issue 14).

    .venv/bin/python benchmarks/bench_scale.py [--employees 20000 100000] [--teams 2000] [--out FILE]
        [--database sqlite|postgresql] [--url postgresql://…] [--cache DIR]

Generates a Pemda into a fresh, migrated database (a Sekretariat Daerah and Dinas of
ten Bidang with three Seksi each; `--teams` active teams of six members in the Bidang; every
employee linked; ~20 history rows per employee: handled updates, sent notices, sent reminder
steps, decisions and, for team members, past reports with their versions; a few thousand
applications waiting for a decision) and, with the clock fixed on the morning a quarterly
report window opens, measures:
- the first tick of the window (it queues a notice per member, ketua and group): s, statements,
  and how long a /status sent 0.2 s into it waits;
- a tick a minute later that queues nothing: ms, statements; and one more after forgetting what the
  ticks remember in memory (as after a restart: a full look at the Pemda);
- per command (/rekap, /tim, /laporan, /status, /persetujuan) for an agency head, a unit head
  and an employee: p50/p99 database time (ms) and statements.
Statements and their time are counted with SQLAlchemy cursor-execute event hooks. Prints
the figures and writes them to benchmarks/results/scale.json (scale_postgresql.json; or --out).

SQLite by default. `--database postgresql` runs on the server `--url` names (its user may CREATE
DATABASE) or, without one, on a throw-away cluster started with scripts/pg-cluster. `--cache DIR`
keeps each generated Pemda (an SQLite file in DIR; a template database on PostgreSQL) and every
later run starts from a copy of it: generating 100k employees takes minutes."""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import logging
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bot.scheduler import indonesian_calendar
from domain.profiles import load_profile
from domain.reminders import ScheduleSettings
from handlers.core.app import App, AppConfig
from handlers.core.dispatch import handle
from handlers.core.types import Sender, Update
from handlers.schedule.jobs import run_reminders
from storage.engine import make_engine, session_factory
from storage.migrate import upgrade
from storage.tables import metadata
from storage.uow import UnitOfWorkFactory

WIB = dt.timezone(dt.timedelta(hours=7))
# Q4 2026 ends on 31 December; the window opens ten days before: Monday 21 December, 09:05 WIB.
WINDOW_OPENS = dt.datetime(2026, 12, 21, 9, 5, tzinfo=WIB).astimezone(dt.UTC)
LINK_BASE = 10**9  # telegram user id (and chat id) of employee n: LINK_BASE + n
COMMANDS = ("rekap", "tim", "laporan", "status", "persetujuan")
BIDANG_PER_AGENCY, SEKSI_PER_BIDANG, MEMBERS_PER_TEAM = 10, 3, 7


@dataclass
class Cast:
    agency_head: int
    unit_head: int
    employee: int


def generate(url: str, employees: int, teams: int, seed: int = 14) -> Cast:
    """Write the Pemda with Core executemany (minutes faster than the ORM at 100k)."""
    rng = random.Random(seed)
    agencies = max(2, teams // 100)
    units: list[dict] = []
    people: list[dict] = []
    ids = itertools.count(1)

    def person(unit_id: int, rater: int | None, jabatan: str, kind: str, gol: str) -> int:
        pid = next(ids)
        people.append({"id": pid, "nip": str(198001012005011000 + pid), "name": f"Pegawai {pid}",
                       "jabatan_name": jabatan, "jabatan_kind": kind, "jenjang": None, "golongan": None,
                       "education": "S1", "unit_id": unit_id, "rater_id": rater, "phone": None, "active": True,
                       "extra": {}})
        return pid

    def unit(code: str, kind: str, parent: int | None) -> dict:
        u = {"id": len(units) + 1, "code": code, "name": code, "kind": kind, "parent_id": parent, "head_id": None}
        units.append(u)
        return u

    from domain.org import JabatanKind as JK
    from domain.org import UnitKind as UK
    setda = unit("SETDA", UK.SETDA, None)
    sekda = person(setda["id"], None, "Sekretaris Daerah", JK.JPT_PRATAMA, "IV/d")
    setda["head_id"] = sekda
    bidang: list[dict] = []
    seksi: list[dict] = []
    for a in range(agencies):
        dinas = unit(f"PD{a:03d}", UK.DINAS, None)
        dinas["head_id"] = person(dinas["id"], sekda, f"Kepala Dinas {a}", JK.JPT_PRATAMA, "IV/c")
        for b in range(BIDANG_PER_AGENCY):
            bd = unit(f"PD{a:03d}.B{b}", UK.BIDANG, dinas["id"])
            bd["head_id"] = person(bd["id"], dinas["head_id"], f"Kepala Bidang {b}", JK.ADMINISTRATOR, "IV/a")
            bidang.append(bd)
            for s in range(SEKSI_PER_BIDANG):
                sk = unit(f"PD{a:03d}.B{b}.S{s}", UK.SEKSI, bd["id"])
                sk["head_id"] = person(sk["id"], bd["head_id"], f"Kepala Seksi {s}", JK.PENGAWAS, "III/d")
                seksi.append(sk)
    staff_units = bidang + seksi
    while len(people) < employees:
        u = rng.choice(staff_units)
        person(u["id"], u["head_id"], "Pranata Komputer Ahli Pertama", JK.FUNGSIONAL, "III/a")
    by_bidang: dict[int, list[int]] = {b["id"]: [] for b in bidang}
    parent_of = {u["id"]: u["parent_id"] for u in units}
    head_ids = {u["head_id"] for u in units}
    for p in people:
        home = p["unit_id"] if p["unit_id"] in by_bidang else parent_of.get(p["unit_id"])
        if home in by_bidang and p["id"] not in head_ids:
            by_bidang[home].append(p["id"])

    now = WINDOW_OPENS
    start = dt.date(2026, 1, 1)
    team_rows: list[dict] = []
    members: list[dict] = []
    reports: list[dict] = []
    versions: list[dict] = []
    for n in range(teams):
        bd = bidang[n % len(bidang)]
        pool = by_bidang[bd["id"]]
        chosen = rng.sample(pool, min(len(pool), MEMBERS_PER_TEAM + 1))
        ketua, crew = chosen[0], chosen[1:]
        tid = n + 1
        team_rows.append({"id": tid, "unit_id": bd["id"], "name": f"Tim {tid:04d}", "kind": "rutin", "status": "active",
                          "goal": "", "ketua_id": ketua, "starts_on": start, "ends_on": dt.date(2027, 12, 31),
                          "target": "", "created_by_id": bd["head_id"], "cadence_months": None,
                          "group_chat_id": -(10**12) - tid, "pengendali_id": None})
        joined = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
        members.append({"team_id": tid, "employee_id": ketua, "role": "ketua", "joined_at": joined})
        for m in crew:
            members.append({"team_id": tid, "employee_id": m, "role": "anggota", "joined_at": joined})
        for key, month in (("2026-Q1", 4), ("2026-Q2", 7), ("2026-Q3", 10)):
            at = dt.datetime(2026, month, 3, 3, 0, tzinfo=dt.UTC)
            for m in crew:
                reports.append(_report(len(reports) + 1, "member", m, tid, key, "accepted", [ketua], at))
            reports.append(_report(len(reports) + 1, "team", ketua, tid, key, "accepted", [bd["head_id"]], at))
        for m in crew[: len(crew) // 3]:  # a third already sent this quarter's: waiting for the ketua
            reports.append(_report(len(reports) + 1, "member", m, tid, "2026-Q4", "submitted", [ketua],
                                   now - dt.timedelta(days=1)))
    for r in reports:
        versions.append({"report_id": r["id"], "version": 1, "text": r["text"], "files": [], "at": r["submitted_at"]})

    apps: list[dict] = []
    history: dict[str, list[dict]] = {"processed_updates": [], "outbox": [], "schedule_sent": [], "decisions": []}
    staff = [p for p in people if p["id"] not in head_ids]
    for i, p in enumerate(rng.sample(staff, min(len(staff), max(20, employees // 10)))):
        waiting = i % 3 == 0
        at = now - dt.timedelta(days=rng.randint(1, 12) if waiting else rng.randint(30, 300))
        apps.append({"id": i + 1, "number": f"APP-{i + 1:06d}", "applicant_id": p["id"], "unit_id": p["unit_id"],
                     "team_id": None, "target_text": "Tim", "motivation": "Ingin berkontribusi.",
                     "scope": "within_unit", "status": "submitted" if waiting else "approved",
                     "decider_id": p["rater_id"], "created_at": at, "submitted_at": at,
                     "decided_at": None if waiting else at + dt.timedelta(days=2), "decision_reason": None,
                     "version": 1, "acting_for_id": None, "tembusan_ids": [], "steps": [], "step_index": 0,
                     "step_since": None, "target_unit_id": None})
        if waiting and i % 2 == 0:  # a cross-unit one, at its home step after the target head's (§2.7)
            target = bidang[0]
            apps[-1] |= {"scope": "cross_unit", "target_unit_id": target["id"], "step_index": 1, "step_since": at,
                         "steps": [{"kind": "target", "role": "unit_head", "person_id": target["head_id"]},
                                   {"kind": "final", "role": "penilai", "person_id": p["rater_id"]}]}
    old = now - dt.timedelta(days=60)
    for p in people:
        pid = p["id"]
        for k in range(6):
            history["processed_updates"].append({"update_key": f"u:{pid}:{k}", "at": old + dt.timedelta(minutes=k)})
            history["outbox"].append({"key": f"old:{pid}:{k}", "chat_id": LINK_BASE + pid, "payload": {"text": "…"},
                                      "status": "sent", "attempts": 1, "created_at": old, "sent_at": old})
        for k in range(4):
            history["schedule_sent"].append({"identity": f"old:{pid}:{k}", "notice_key": f"old:{pid}:{k}", "at": old})
        for _ in range(2):
            history["decisions"].append({"subject_type": "application", "subject_id": pid, "actor_id": pid,
                                         "action": "viewed", "reason": None, "acting_for_id": None, "details": {},
                                         "at": old})
    links = [{"employee_id": p["id"], "telegram_user_id": LINK_BASE + p["id"], "chat_id": LINK_BASE + p["id"],
              "language": "id", "linked_at": old} for p in people]
    def write(conn: sa.Connection) -> None:
        t = metadata.tables
        conn.execute(t["units"].insert(), [{**u, "head_id": None} for u in units])
        _insert(conn, t["employees"], people)
        heads = t["units"].update().where(t["units"].c.id == sa.bindparam("uid")).values(head_id=sa.bindparam("h"))
        conn.execute(heads, [{"uid": u["id"], "h": u["head_id"]} for u in units])
        _insert(conn, t["teams"], team_rows)
        _insert(conn, t["memberships"], members)
        _insert(conn, t["reports"], reports)
        _insert(conn, t["report_versions"], versions)
        _insert(conn, t["applications"], apps)
        _insert(conn, t["telegram_links"], links)
        for name, rows in history.items():
            _insert(conn, t[name], rows)

    if is_postgresql(url):
        asyncio.run(_write_postgresql(url, write))
    else:
        engine = sa.create_engine(url.replace("+aiosqlite", ""))
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            write(conn)
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
        engine.dispose()
    agency = next(u for u in units if u["kind"] == UK.DINAS)
    member = next(m["employee_id"] for m in members if m["role"] == "anggota")
    return Cast(int(agency["head_id"]), int(bidang[0]["head_id"]), int(member))


def is_postgresql(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


async def _write_postgresql(url: str, write: Callable[[sa.Connection], None]) -> None:
    """The same executemany through asyncpg (the only PostgreSQL driver the project has);
    then the id sequences are moved past the ids written, and the planner gets statistics."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql("SET LOCAL session_replication_role = replica")  # no FK triggers
            await conn.run_sync(write)
            for table in metadata.sorted_tables:
                if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
                    await conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)")
        async with engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE")
    finally:
        await engine.dispose()


def _report(rid: int, kind: str, author: int, team: int, period: str, status: str, route: list[int],
            at: dt.datetime) -> dict:
    return {"id": rid, "kind": kind, "author_id": author, "team_id": team, "period_key": period,
            "text": f"Laporan {period}: kegiatan berjalan sesuai rencana.", "status": status, "route": route,
            "hop": 0, "version": 1, "files": [], "request_id": None, "submitted_at": at,
            "decided_at": at + dt.timedelta(days=1) if status == "accepted" else None,
            "reviewed": status == "accepted", "last_note": None, "credit_activity": False, "row_version": 1,
            "current_reviewer_id": route[0] if status == "submitted" else None}


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict], chunk: int = 20000) -> None:
    if rows:  # columns this schema lacks are left out: the same run measures an older checkout
        rows = [{k: v for k, v in row.items() if k in table.c} for row in rows]
    for i in range(0, len(rows), chunk):
        conn.execute(table.insert(), rows[i:i + chunk])


class Meter:
    """Statements, their database time and the rows they returned, counted at the cursor."""

    def __init__(self, engine: Any) -> None:
        self.count, self.seconds, self.rows = 0, 0.0, 0
        self._started: list[float] = []
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, *_: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, _conn: Any, cursor: Any, *_: Any) -> None:
        self.count += 1
        self.seconds += time.perf_counter() - self._started.pop()
        self.rows += len(getattr(cursor, "_rows", None) or ())  # the async adapters fetch every row at execute

    def reset(self) -> tuple[int, float, int]:
        figures = (self.count, self.seconds, self.rows)
        self.count, self.seconds, self.rows = 0, 0.0, 0
        return figures


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


_update_ids = itertools.count(1)


def command(employee_id: int, name: str) -> Update:
    uid = LINK_BASE + employee_id
    n = next(_update_ids)
    return Update(update_id=n, sender=Sender(uid, "Bench", language_code="id"), chat_id=uid, message_id=n,
                  text=f"/{name}")


class Sqlite:
    """Each run on a fresh SQLite file in `workdir` (a copy of the cached Pemda, with --cache)."""

    name = "sqlite"

    def __init__(self, workdir: Path, cache: Path | None) -> None:
        self.workdir, self.cache = workdir, cache

    def prepare(self, employees: int, teams: int) -> tuple[str, float]:
        """A migrated database holding the generated Pemda, and how long generating it took
        (outside the event loop: Alembic runs its own)."""
        file = f"scale-{employees}-{teams}.db"
        run = self.workdir / file
        run.unlink(missing_ok=True)
        if self.cache is None:
            return f"sqlite:///{run}", _generate_into(f"sqlite:///{run}", employees, teams)
        pristine = self.cache / file
        generated_s = 0.0
        if not pristine.exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            partial = pristine.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            generated_s = _generate_into(f"sqlite:///{partial}", employees, teams)
            partial.rename(pristine)
        shutil.copy(pristine, run)
        _catch_up(f"sqlite:///{run}")
        return f"sqlite:///{run}", generated_s

    def done(self, url: str) -> None:
        Path(make_url(url).database or "").unlink(missing_ok=True)


class Postgresql:
    """Each run on a fresh database of the server (a copy of the cached Pemda's template
    database, with --cache)."""

    name = "postgresql"

    def __init__(self, server: str, cache: bool) -> None:
        self.server, self.cache = server, cache

    def _url(self, database: str) -> str:
        return make_url(self.server).set(database=database).render_as_string(hide_password=False)

    def prepare(self, employees: int, teams: int) -> tuple[str, float]:
        base = f"sikerja_scale_{employees}_{teams}"
        name = f"{base}_run{os.getpid()}"  # two runs sharing a server never meet
        run = self._url(name)
        _admin(self.server, f"DROP DATABASE IF EXISTS {name}")
        if not self.cache:
            _admin(self.server, f"CREATE DATABASE {name}")
            return run, _generate_into(run, employees, teams)
        generated_s = 0.0
        if not _admin(self.server, f"SELECT 1 FROM pg_database WHERE datname = '{base}'"):
            _admin(self.server, f"DROP DATABASE IF EXISTS {base}_partial")
            _admin(self.server, f"CREATE DATABASE {base}_partial")
            generated_s = _generate_into(self._url(f"{base}_partial"), employees, teams)
            _admin(self.server, f"ALTER DATABASE {base}_partial RENAME TO {base}")
        _admin(self.server, f"CREATE DATABASE {name} TEMPLATE {base}")
        _catch_up(run)
        return run, generated_s

    def done(self, url: str) -> None:
        _admin(self.server, f"DROP DATABASE IF EXISTS {make_url(url).database}")


def _generate_into(url: str, employees: int, teams: int) -> float:
    upgrade(url)
    began = time.perf_counter()
    generate(url, employees, teams)
    return time.perf_counter() - began


def _catch_up(url: str) -> None:
    """A cached Pemda may predate the newest migration (an index added since): upgrade the
    copy and give the planner statistics for what the migration made."""
    upgrade(url)

    async def analyze() -> None:
        engine = make_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.exec_driver_sql("ANALYZE")
        finally:
            await engine.dispose()

    asyncio.run(analyze())


def _admin(server: str, sql: str) -> list[Any]:
    """One statement on the server's maintenance database, outside a transaction (CREATE
    DATABASE refuses to run in one)."""
    async def run() -> list[Any]:
        engine = make_engine(server)
        try:
            async with engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                result = await conn.exec_driver_sql(sql)
                return list(result.all()) if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(run())


@contextmanager
def postgresql_server(url: str | None) -> Iterator[str]:
    """The server --url names, or a throw-away cluster (scripts/pg-cluster) for this run."""
    if url:
        yield url
        return
    folder = tempfile.mkdtemp(prefix="sikerja-pg-scale.")
    script = str(ROOT / "scripts" / "pg-cluster")
    started = subprocess.run([script, "start", folder], check=True, capture_output=True, text=True)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([script, "stop", folder], check=False)


async def cast_of(session: Any) -> Cast:
    """Who gives the commands, read back from a generated Pemda (the same people `generate`
    returns): the head of the first Dinas and of its first Bidang, and the first anggota."""
    t = metadata.tables
    units, memberships = t["units"], t["memberships"]

    async def first_head(kind: str) -> int:
        q = sa.select(units.c.head_id).where(units.c.kind == kind).order_by(units.c.id).limit(1)
        return int(await session.scalar(q))

    member = await session.scalar(sa.select(memberships.c.employee_id).where(memberships.c.role == "anggota")
                                  .order_by(memberships.c.id).limit(1))
    return Cast(await first_head("dinas"), await first_head("bidang"), int(member))


async def measure(url: str, employees: int, teams: int, repeat: int, generated_s: float) -> dict[str, Any]:
    engine = make_engine(url)
    async with session_factory(engine)() as session:
        cast = await cast_of(session)
    meter = Meter(engine)
    clock = {"now": WINDOW_OPENS}
    app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile("nasional"), config=AppConfig(),
              clock=lambda: clock["now"])
    settings, calendar = ScheduleSettings.for_profile(app.profile), indonesian_calendar()
    figures: dict[str, Any] = {"employees": employees, "teams": teams,  # generate_s None: a cached Pemda
                               "generate_s": round(generated_s, 1) if generated_s else None}
    try:
        await handle(app, command(cast.employee, "status"))  # warm caches (catalogs, mappers)
        meter.reset()
        began, cpu = time.perf_counter(), time.process_time()
        tick = asyncio.create_task(run_reminders(app, settings, calendar, now=clock["now"]))
        await asyncio.sleep(0.2)
        asked, answered = time.perf_counter(), True
        quiet = logging.getLogger("handlers")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)  # a refusal is measured, not news: no traceback in the figures
        try:
            await handle(app, command(cast.employee, "status"))
        except Exception:
            answered = False
        finally:
            quiet.setLevel(level)
        waited = time.perf_counter() - asked
        queued = await tick
        first_s, first_cpu = time.perf_counter() - began, time.process_time() - cpu
        statements, _, _ = meter.reset()
        figures["first_tick"] = {"queued": len(queued), "s": round(first_s, 2), "cpu_s": round(first_cpu, 2),
                                 "statements": statements,
                                 "status_during_tick_ms": round(waited * 1000, 1),
                                 "status_during_tick_answered": answered}
        async def next_minute_tick() -> dict[str, Any]:
            """A tick one minute later: what it queued, its wall and CPU time, its statements."""
            clock["now"] += dt.timedelta(minutes=1)
            began, cpu = time.perf_counter(), time.process_time()
            again = await run_reminders(app, settings, calendar, now=clock["now"])
            ms, cpu_ms = (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000
            statements, _, _ = meter.reset()
            return {"queued": len(again), "ms": round(ms, 1), "cpu_ms": round(cpu_ms, 1), "statements": statements}

        figures["idle_tick"] = await next_minute_tick()
        app.memo.clear()  # as after a restart: the first tick looks at the whole Pemda
        figures["full_look_tick"] = await next_minute_tick()
        per_command: dict[str, Any] = {}
        for who, employee_id in (("agency_head", cast.agency_head), ("unit_head", cast.unit_head),
                                 ("employee", cast.employee)):
            for name in COMMANDS:
                times, counts, rows = [], [], []
                for _ in range(repeat):
                    await handle(app, command(employee_id, name))
                    count, seconds, read = meter.reset()
                    times.append(seconds * 1000)
                    counts.append(count)
                    rows.append(read)
                per_command[f"{who} /{name}"] = {"p50_ms": round(pct(times, 0.5), 2),
                                                 "p99_ms": round(pct(times, 0.99), 2), "statements": max(counts),
                                                 "rows": max(rows)}
        figures["commands"] = per_command
    finally:
        await engine.dispose()
    return figures


def report(figures: dict[str, Any]) -> None:
    made = f"generated in {figures['generate_s']} s" if figures["generate_s"] is not None else "a cached copy"
    print(f"\n{figures['employees']:,} employees, {figures['teams']:,} teams ({made})")
    ft, it = figures["first_tick"], figures["idle_tick"]
    print(f"  first tick of the window: {ft['queued']:,} notices queued in {ft['s']} s (CPU {ft['cpu_s']} s), "
          f"{ft['statements']:,} statements; a /status sent during it waited {ft['status_during_tick_ms']} ms"
          + ("" if ft["status_during_tick_answered"] else " and was refused (database is locked)"))
    print(f"  tick that queues nothing: {it['ms']} ms (CPU {it['cpu_ms']} ms), {it['statements']:,} statements")
    if (fl := figures.get("full_look_tick")) is not None:
        print(f"  the same after a restart (a full look): {fl['ms']} ms (CPU {fl['cpu_ms']} ms), "
              f"{fl['statements']:,} statements")
    print(f"  {'command':<28}{'p50 ms':>10}{'p99 ms':>10}{'statements':>12}{'rows':>8}")
    for name, c in figures["commands"].items():
        print(f"  {name:<28}{c['p50_ms']:>10}{c['p99_ms']:>10}{c['statements']:>12}{c['rows']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each command (p50/p99 over them)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--url", help="PostgreSQL server to use (default: a throw-away cluster)")
    parser.add_argument("--cache", type=Path, help="keep generated Pemdas here (SQLite) / as templates (PostgreSQL)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    suffix = "" if args.database == "sqlite" else f"_{args.database}"
    out = args.out or ROOT / "benchmarks" / "results" / f"scale{suffix}.json"
    runs = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        target: Sqlite | Postgresql
        if args.database == "sqlite":
            target = Sqlite(Path(tmp), args.cache)
        else:
            target = Postgresql(stack.enter_context(postgresql_server(args.url)), args.cache is not None)
        for n in args.employees:
            url, generated_s = target.prepare(n, args.teams)
            try:
                figures = asyncio.run(measure(url, n, args.teams, args.repeat, generated_s))
            finally:
                target.done(url)
            report(figures)
            runs.append(figures)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                               "database": args.database, "load_average": list(os.getloadavg()),
                               "runs": runs}, indent=2) + "\n")
    print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
