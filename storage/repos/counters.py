from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables.applications import counters


class CounterRepo:
    """Gap-free register numbers (PS-2026-00001…), allocated inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def next(self, name: str) -> int:
        result = await self.s.execute(
            update(counters).where(counters.c.name == name).values(value=counters.c.value + 1)
            .returning(counters.c.value))
        value = result.scalar_one_or_none()
        if value is None:
            await self.s.execute(counters.insert().values(name=name, value=1))
            return 1
        return value

    async def peek(self, name: str) -> int:
        value = (await self.s.execute(select(counters.c.value).where(counters.c.name == name))).scalar()
        return value or 0
