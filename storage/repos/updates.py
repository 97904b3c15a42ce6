"""Telegram updates already handled: Telegram may deliver one twice (e.g. after a crash
before the offset was confirmed), and each is handled once. Keys are kept long enough to
catch a redelivery, then pruned."""
from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables.messaging import processed_updates as t
from storage.upsert import dialect_of, insert_in

# Rows deleted per statement: a prune is many short transactions, never one long write lock.
PRUNE_BATCH = 5000


@cache
def _claim(dialect: str) -> Any:
    """Built once: every update runs it, and building it costs as much as running it."""
    return insert_in(dialect, t).values(update_key=bindparam("key"), at=bindparam("at")).on_conflict_do_nothing(
        index_elements=[t.c.update_key])


class UpdateRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def seen(self, key: str) -> bool:
        return (await self.s.execute(select(t.c.update_key).where(t.c.update_key == key))).first() is not None

    async def claim(self, key: str, at: dt.datetime) -> bool:
        """Record `key` unless it is recorded already; True when this call recorded it. Atomic
        across workers: of two transactions claiming one key, the second waits for the first
        (PostgreSQL: the unique index; SQLite: one writer at a time) and gets False if it
        committed, True if it rolled back."""
        return bool((await self.s.execute(_claim(dialect_of(self.s)), {"key": key, "at": at})).rowcount)

    async def record(self, key: str, at: dt.datetime) -> None:
        """Recording a key twice raises IntegrityError (a concurrent duplicate)."""
        await self.s.execute(t.insert().values(update_key=key, at=at))

    async def prune(self, older_than: dt.datetime, limit: int = PRUNE_BATCH) -> int:
        """Forget up to `limit` updates handled before `older_than` (oldest first, through the
        index on `at`); returns how many."""
        oldest = select(t.c.update_key).where(t.c.at < older_than).order_by(t.c.at).limit(limit)
        result = await self.s.execute(delete(t).where(t.c.update_key.in_(oldest.scalar_subquery())))
        return result.rowcount or 0
