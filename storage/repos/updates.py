"""Telegram updates already handled: Telegram may deliver one twice (e.g. after a crash
before the offset was confirmed), and each is handled once. Keys are kept long enough to
catch a redelivery, then pruned."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables.messaging import processed_updates as t

# Rows deleted per statement: a prune is many short transactions, never one long write lock.
PRUNE_BATCH = 5000


class UpdateRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def seen(self, key: str) -> bool:
        return (await self.s.execute(select(t.c.update_key).where(t.c.update_key == key))).first() is not None

    async def claim(self, key: str, at: dt.datetime) -> bool:
        """Record the key unless it is there already; whether this call recorded it. One
        statement where seen() and record() take two (the first of every update)."""
        dialect = sqlite if self.s.get_bind().dialect.name == "sqlite" else postgresql
        q = dialect.insert(t).values(update_key=key, at=at).on_conflict_do_nothing().returning(t.c.update_key)
        return (await self.s.execute(q)).first() is not None

    async def record(self, key: str, at: dt.datetime) -> None:
        """Recording a key twice raises IntegrityError (a concurrent duplicate)."""
        await self.s.execute(t.insert().values(update_key=key, at=at))

    async def prune(self, older_than: dt.datetime, limit: int = PRUNE_BATCH) -> int:
        """Forget up to `limit` updates handled before `older_than` (oldest first, through the
        index on `at`); returns how many."""
        oldest = select(t.c.update_key).where(t.c.at < older_than).order_by(t.c.at).limit(limit)
        result = await self.s.execute(delete(t).where(t.c.update_key.in_(oldest.scalar_subquery())))
        return result.rowcount or 0
