"""Acting officials (Plt/Plh) records."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.acting import ActingOfficial
from storage.repos.batch import chunked


class ActingRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, record_id: int) -> ActingOfficial | None:
        return await self.s.get(ActingOfficial, record_id)

    def add(self, record: ActingOfficial) -> None:
        self.s.add(record)

    async def delete(self, record: ActingOfficial) -> None:
        await self.s.delete(record)

    async def on(self, day: dt.date, official_ids: Iterable[int]) -> list[ActingOfficial]:
        """Records in force on `day` for any of the officials."""
        found: list[ActingOfficial] = []
        for part in chunked(official_ids):
            q = select(ActingOfficial).where(ActingOfficial.official_id.in_(part), ActingOfficial.starts_on <= day,
                                             ActingOfficial.ends_on >= day)
            found += await self.s.scalars(q)
        return found

    async def current_and_future(self, employee_id: int, day: dt.date) -> list[ActingOfficial]:
        """Records not yet over where the employee is the official or the one acting."""
        q = (select(ActingOfficial)
             .where(or_(ActingOfficial.official_id == employee_id, ActingOfficial.acting_id == employee_id),
                    ActingOfficial.ends_on >= day)
             .order_by(ActingOfficial.starts_on, ActingOfficial.id))
        return list(await self.s.scalars(q))

    async def for_official(self, official_id: int) -> list[ActingOfficial]:
        q = select(ActingOfficial).where(ActingOfficial.official_id == official_id).order_by(ActingOfficial.starts_on)
        return list(await self.s.scalars(q))
