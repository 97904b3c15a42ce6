"""The SQLite driver (storage/sqlite_driver.py): statements inline on the event loop, lock
waits and long reads on aiosqlite's thread, one process's writers queued in order."""
from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import sqlite_driver
from storage.engine import make_engine, session_factory
from storage.failures import storage_unavailable
from storage.sqlite_driver import Driver
from storage.uow import UnitOfWorkFactory


@pytest.fixture
async def db(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"))
        await conn.execute(text("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER)"))
    yield engine, tmp_path / "d.db"
    await engine.dispose()


class ThreadCalls:
    """Counts the calls sent to aiosqlite's thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = sqlite_driver.aiosqlite.Connection._execute

        async def counted(connection, fn, *args, **kwargs):
            self.count += 1
            return await original(connection, fn, *args, **kwargs)

        monkeypatch.setattr(sqlite_driver.aiosqlite.Connection, "_execute", counted)


async def _write(engine: AsyncEngine, k: int, v: str = "x") -> None:
    async with session_factory(engine)() as s:
        await s.execute(text("INSERT INTO t (k, v) VALUES (:k, :v)"), {"k": k, "v": v})
        await s.commit()


async def _values(engine: AsyncEngine) -> list[tuple[int, str]]:
    async with session_factory(engine)() as s:
        return [tuple(r) for r in (await s.execute(text("SELECT k, v FROM t ORDER BY k"))).all()]


async def test_a_short_write_transaction_never_leaves_the_event_loop(db, monkeypatch) -> None:
    engine, _ = db
    await _write(engine, 0)  # the pool's connection exists now
    calls = ThreadCalls(monkeypatch)
    for k in range(1, 6):
        await _write(engine, k, f"v{k}")
    assert await _values(engine) == [(0, "x")] + [(k, f"v{k}") for k in range(1, 6)]
    assert calls.count == 0


async def test_results_rowcounts_and_executemany_are_the_drivers(db) -> None:
    engine, _ = db
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t (k, v) VALUES (:k, :v)"), [{"k": k, "v": str(k)} for k in range(10)])
        updated = await conn.execute(text("UPDATE t SET v = 'even' WHERE k % 2 = 0"))
        assert updated.rowcount == 5
        rows = (await conn.execute(text("SELECT k FROM t WHERE v = 'even' ORDER BY k"))).scalars().all()
        assert rows == [0, 2, 4, 6, 8]
    with pytest.raises(Exception, match="UNIQUE"):
        await _write(engine, 3)
    assert len(await _values(engine)) == 10  # the failed write took nothing with it


async def test_a_long_read_transaction_runs_on_the_thread(db, tmp_path, monkeypatch) -> None:
    """The reminder tick's look at the whole Pemda (a read-only unit of work) must not hold the loop."""
    engine, _ = db
    await _write(engine, 1)
    calls = ThreadCalls(monkeypatch)
    async with UnitOfWorkFactory(session_factory(engine)).read_only() as uow:
        assert (await uow.session.execute(text("SELECT count(*) FROM t"))).scalar() == 1
    assert calls.count >= 2  # BEGIN and the statement at least


async def test_after_a_slow_statement_the_rest_of_the_transaction_runs_on_the_thread(db, monkeypatch) -> None:
    engine, _ = db
    await _write(engine, 0)
    calls = ThreadCalls(monkeypatch)
    monkeypatch.setattr(sqlite_driver, "SLOW", 0.0)  # every statement counts as slow
    async with session_factory(engine)() as s:
        await s.execute(text("INSERT INTO t (k, v) VALUES (1, 'a')"))
        assert calls.count == 0  # the first ran inline
        await s.execute(text("INSERT INTO t (k, v) VALUES (2, 'b')"))
        await s.commit()
    assert calls.count == 3  # the second, the data version's raise and the commit
    monkeypatch.setattr(sqlite_driver, "SLOW", 1.0)
    await _write(engine, 3)  # a new transaction starts inline again
    assert calls.count == 3


async def test_waiting_for_another_processs_write_lock_does_not_hold_the_loop(db) -> None:
    engine, path = db
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t (k, v) VALUES (100, 'other')")
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(ticking())
    asyncio.get_running_loop().call_later(0.3, other.commit)
    started = time.monotonic()
    await _write(engine, 1)
    waited = time.monotonic() - started
    ticker.cancel()
    other.close()
    assert waited >= 0.25  # it did wait for the other writer...
    assert ticks >= 15  # ...while the loop went on serving others
    assert await _values(engine) == [(1, "x"), (100, "other")]


async def test_a_lock_held_too_long_is_database_is_locked(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"))
        await conn.execute(text("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER)"))
    engine.sync_engine.dialect.loaded_dbapi.wait_seconds = 0.2  # type: ignore[attr-defined]
    await engine.dispose()  # connections made from now on wait 0.2 s
    other = sqlite3.connect(tmp_path / "d.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError, match="locked") as caught:
            await _write(engine, 1)
        assert storage_unavailable(caught.value)  # the user is told nothing was saved
    finally:
        other.rollback()
        other.close()
    await _write(engine, 1)  # and the writer's turn was given back
    assert await _values(engine) == [(1, "x")]
    await engine.dispose()


async def test_one_processs_writers_take_turns_in_order(db) -> None:
    """Concurrent write transactions queue for their turn (no busy polling, no lock error)
    and get it in the order they asked."""
    engine, _ = db
    order: list[int] = []

    async def connected() -> None:  # four connections in the pool: none is opened (a thread hop) below
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            await asyncio.sleep(0.01)

    await asyncio.gather(*(connected() for _ in range(4)))

    async def writer(k: int, hold: float) -> None:
        async with session_factory(engine)() as s:
            await s.execute(text("INSERT INTO t (k, v) VALUES (:k, 'w')"), {"k": k})
            order.append(k)
            await asyncio.sleep(hold)  # e.g. awaiting something mid-transaction
            await s.commit()

    started = time.monotonic()
    await asyncio.gather(writer(1, 0.1), writer(2, 0.0), writer(3, 0.0), writer(4, 0.0))
    assert order == [1, 2, 3, 4]
    assert time.monotonic() - started < 1.0  # SQLite's busy handler would poll in 100 ms sleeps
    assert [k for k, _ in await _values(engine)] == [1, 2, 3, 4]


async def test_a_writer_that_gives_up_waiting_passes_the_turn_on(db) -> None:
    engine, _ = db
    holder_has_it, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with session_factory(engine)() as s:
            await s.execute(text("INSERT INTO t (k, v) VALUES (1, 'h')"))
            holder_has_it.set()
            await release.wait()
            await s.commit()

    holding = asyncio.create_task(holder())
    await holder_has_it.wait()
    impatient = asyncio.create_task(_write(engine, 2))
    patient = asyncio.create_task(_write(engine, 3))
    await asyncio.sleep(0.05)
    impatient.cancel()  # e.g. the bot stops while it waits
    await asyncio.sleep(0.01)
    release.set()
    await asyncio.wait_for(asyncio.gather(holding, patient), 5)
    assert [k for k, _ in await _values(engine)] == [1, 3]
    await asyncio.wait_for(_write(engine, 4), 5)  # nobody is left holding a turn


async def test_a_session_closed_without_commit_gives_its_turn_back(db) -> None:
    engine, _ = db
    async with session_factory(engine)() as s:
        await s.execute(text("INSERT INTO t (k, v) VALUES (1, 'gone')"))
    await asyncio.wait_for(_write(engine, 2), 5)
    assert await _values(engine) == [(2, "x")]


def test_each_engine_has_its_own_queue_of_writers(tmp_path) -> None:
    a, b = make_engine(f"sqlite:///{tmp_path / 'a.db'}"), make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    driver_a, driver_b = a.sync_engine.dialect.loaded_dbapi, b.sync_engine.dialect.loaded_dbapi
    assert isinstance(driver_a, Driver) and isinstance(driver_b, Driver)
    assert driver_a.writers is not driver_b.writers
