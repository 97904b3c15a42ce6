"""What the scheduler remembers: the reminder steps already sent."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.application import Application, ApplicationStatus
from storage.tables.messaging import schedule_sent

CHUNK = 900  # stay well below SQLite's bound-parameter limit


class ScheduleRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def sent_among(self, identities: Iterable[str]) -> set[str]:
        wanted = sorted(set(identities))
        found: set[str] = set()
        for i in range(0, len(wanted), CHUNK):
            q = select(schedule_sent.c.identity).where(schedule_sent.c.identity.in_(wanted[i:i + CHUNK]))
            found.update(await self.s.scalars(q))
        return found

    async def mark_sent(self, identities: Iterable[str], notice_key: str, now: dt.datetime) -> None:
        rows = [{"identity": i, "notice_key": notice_key, "at": now} for i in dict.fromkeys(identities)]
        if rows:
            await self.s.execute(schedule_sent.insert(), rows)

    async def mark_sent_many(self, sent: list[tuple[tuple[str, ...], str]], now: dt.datetime) -> None:
        """mark_sent for many notices in one INSERT: (identities, notice_key) each."""
        rows = {i: {"identity": i, "notice_key": key, "at": now} for identities, key in sent for i in identities}
        if rows:
            await self.s.execute(schedule_sent.insert(), list(rows.values()))

    async def prune(self, older_than: dt.datetime, limit: int = 5000) -> int:
        """Forget up to `limit` steps sent before `older_than` (through the index on `at`)."""
        old = select(schedule_sent.c.identity).where(schedule_sent.c.at < older_than).limit(limit)
        result = await self.s.execute(delete(schedule_sent).where(schedule_sent.c.identity.in_(old.scalar_subquery())))
        return getattr(result, "rowcount", 0) or 0

    async def sent_since(self, since: dt.datetime) -> list[tuple[str, str, dt.datetime]]:
        q = (select(schedule_sent.c.identity, schedule_sent.c.notice_key, schedule_sent.c.at)
             .where(schedule_sent.c.at >= since).order_by(schedule_sent.c.at, schedule_sent.c.identity))
        return [tuple(row) for row in await self.s.execute(q)]

    async def submitted_applications(self, limit: int = 5000) -> list[Application]:
        """Applications waiting for a decision, oldest first."""
        q = (select(Application).where(Application.status == ApplicationStatus.SUBMITTED)
             .order_by(Application.submitted_at, Application.id).limit(limit))
        return list(await self.s.scalars(q))
