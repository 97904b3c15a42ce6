from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.team import Team, TeamStatus


class TeamRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, team_id: int) -> Team | None:
        return await self.s.get(Team, team_id)

    async def open_in_unit(self, unit_id: int) -> list[Team]:
        q = (select(Team).where(Team.unit_id == unit_id,
                                Team.status.in_([TeamStatus.OPEN, TeamStatus.ACTIVE]))
             .order_by(Team.name))
        return list(await self.s.scalars(q))

    def add(self, team: Team) -> None:
        self.s.add(team)
