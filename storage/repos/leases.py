"""Leases among workers sharing one database: one row per lease, held by `holder` until
`expires_at`. Taking one is a single INSERT … ON CONFLICT DO UPDATE that only overwrites
an expired row or the holder's own, so two workers racing for it cannot both win (on
PostgreSQL the row lock of the conflicting insert decides; SQLite writes one at a time).
Works on a session (a unit of work) or on a bare connection: bot/cluster.py takes a chat's
lease around every update and keeps that as cheap as one statement in its own transaction."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.tables.messaging import leases as t
from storage.upsert import insert_for


class LeaseRepo:
    def __init__(self, session: AsyncSession | AsyncConnection) -> None:
        self.s = session

    async def take(self, name: str, holder: str, now: dt.datetime, ttl: dt.timedelta) -> bool:
        """Take or renew `name` for `holder` until now + ttl; False while someone else holds it."""
        ins = insert_for(self.s, t).values(name=name, holder=holder, expires_at=now + ttl)
        stmt = ins.on_conflict_do_update(
            index_elements=[t.c.name], set_={"holder": holder, "expires_at": now + ttl},
            where=(t.c.holder == holder) | (t.c.expires_at <= now))
        result = await self.s.execute(stmt)
        return bool(result.rowcount)

    async def release(self, name: str, holder: str) -> None:
        await self.s.execute(delete(t).where(t.c.name == name, t.c.holder == holder))

    async def holder(self, name: str, now: dt.datetime) -> str | None:
        """Who holds `name` now (None: nobody, or the lease has expired)."""
        row = (await self.s.execute(select(t.c.holder).where(t.c.name == name, t.c.expires_at > now))).first()
        return None if row is None else row[0]
