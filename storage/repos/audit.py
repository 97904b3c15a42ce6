from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import Decision


class DecisionRepo:
    """Append-only: there is no update or delete here on purpose."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, decision: Decision) -> None:
        self.s.add(decision)

    async def for_subject(self, subject_type: str, subject_id: int) -> list[Decision]:
        q = (select(Decision).where(Decision.subject_type == subject_type, Decision.subject_id == subject_id)
             .order_by(Decision.id))
        return list(await self.s.scalars(q))
