"""A data version: a number every committed write of business data raises, so a job that
derives something from the whole Pemda (the reminder tick) can tell with one cheap read
that nothing changed since it last looked, in this process or any other.

The engines the application's sessions use are watched (`watch`): a transaction that wrote
to any table outside QUIET_TABLES raises the `data_version` row of `counters` just before it
commits, in the same transaction (a reader that sees the new number sees the new data). The
default is to count a write: a table nobody listed here costs a needless recomputation, never
a missed change. Tables written on every update or by the tick itself are listed as quiet."""
from __future__ import annotations

import re

from sqlalchemy import event, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.tables.applications import counters

DATA_VERSION = "data_version"
# Written per update or by the scheduler and sender themselves; no obligation depends on them.
QUIET_TABLES = frozenset({
    "processed_updates", "outbox", "conversations", "schedule_sent", "unreachable_chats", "link_attempts",
    "link_codes", "group_bind_codes", "counters", "leases", "alembic_version",
})
_WROTE = "sikerja_wrote_data"
_DML = re.compile(r'\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|replace\s+into)\s+"?(\w+)', re.I)
_NOT_WRITES = ("SELECT", "PRAGMA", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "SHOW", "SET",
               "EXPLAIN", "CREATE", "ALTER", "DROP")
# One statement on SQLite (3.24+) and PostgreSQL alike; the row is made by the first write.
_BUMP = (f"INSERT INTO counters (name, value) VALUES ('{DATA_VERSION}', 1) "
         "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1")


def writes_data(statement: str) -> bool:
    """Whether a statement may change business data (conservative: unknown forms count)."""
    found = _DML.match(statement)
    if found is not None:
        return found.group(1).lower() not in QUIET_TABLES
    head = statement.lstrip()[:9].upper()
    return not head.startswith(_NOT_WRITES)


def _after_execute(conn: Connection, cursor, statement: str, parameters, context, executemany: bool) -> None:
    if statement.startswith("SELECT"):  # most statements, at no cost
        return
    if not conn.info.get(_WROTE) and writes_data(statement):
        conn.info[_WROTE] = True


def _forget(conn: Connection) -> None:
    conn.info.pop(_WROTE, None)


def _on_commit(conn: Connection) -> None:
    if conn.info.pop(_WROTE, False):
        # On the driver's cursor, not through SQLAlchemy: no re-entry into the commit under way.
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(_BUMP)
        finally:
            cursor.close()


def watch(engine: AsyncEngine | Engine) -> None:
    """Raise the data version on every commit that wrote business data through `engine` (idempotent)."""
    sync = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    if event.contains(sync, "commit", _on_commit):
        return
    event.listen(sync, "begin", _forget)
    event.listen(sync, "after_cursor_execute", _after_execute)
    event.listen(sync, "rollback", _forget)
    event.listen(sync, "commit", _on_commit)


async def read(session: AsyncSession) -> int:
    """The current data version (0 before the first watched write)."""
    value = (await session.execute(select(counters.c.value).where(counters.c.name == DATA_VERSION))).scalar()
    return value or 0
