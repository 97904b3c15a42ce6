"""Engine construction. SQLite gets WAL, foreign keys, IMMEDIATE write transactions so
concurrent updates queue for the lock instead of failing with 'database is locked', and a
driver that runs statements inline on the event loop (storage/sqlite_driver.py)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from storage.data_version import watch
from storage.sqlite_driver import Driver

# How long a statement waits for another writer before "database is locked".
LOCK_WAIT_SECONDS = 30.0

# An execution option marking a transaction that only reads (see UnitOfWorkFactory.read_only).
READ_ONLY = "sikerja_read_only"


def normalise_url(url: str) -> str:
    """Accept plain 'sqlite:///x.db' / 'postgresql://…' and pick the async driver."""
    parsed = make_url(url)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, echo: bool = False, *, foreign_keys: bool = True) -> AsyncEngine:
    """foreign_keys=False only for migrations: SQLite rebuilds a table to alter it, and the
    DROP of a table others refer to fails while the keys are enforced (env.py checks them
    all once the migrations ran)."""
    url = normalise_url(url)
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    if not is_sqlite:
        return create_async_engine(url, echo=echo)
    # The driver waits for locks itself, off the event loop (storage/sqlite_driver.py).
    engine = create_async_engine(url, echo=echo, module=Driver(LOCK_WAIT_SECONDS))
    _tune_sqlite(engine, foreign_keys)
    return engine


def _tune_sqlite(engine: AsyncEngine, foreign_keys: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy, not the driver, decide when transactions begin (see "begin").
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=0")  # a lock wait moves off the loop (storage/sqlite_driver.py)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        # A read-only transaction begins DEFERRED: under WAL it neither takes nor waits for the write lock.
        # On the driver's cursor: a whole SQLAlchemy execution per update would cost more than the BEGIN.
        begin = "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
        try:
            conn.connection.dbapi_connection.cursor().execute(begin)
        except sqlite3.Error as error:  # raised as any statement's would be
            raise DBAPIError.instance(begin, (), error, sqlite3.Error) from error


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    """The application's sessions; their commits keep the data version (storage/data_version.py)."""
    watch(engine)
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
