from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.team_decree import DecreeStatus, TeamDecree
from storage.repos.batch import chunked


class DecreeRepo:
    """Team decrees (domain.team_decree)."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, decree: TeamDecree) -> None:
        self.s.add(decree)

    async def get(self, decree_id: int) -> TeamDecree | None:
        return await self.s.get(TeamDecree, decree_id)

    async def latest(self, team_id: int) -> TeamDecree | None:
        """The team's newest decree that is not rejected (issued or waiting)."""
        rows = await self.s.scalars(select(TeamDecree).where(
            TeamDecree.team_id == team_id, TeamDecree.status != DecreeStatus.REJECTED)
            .order_by(TeamDecree.id.desc()).limit(1))
        return rows.first()

    async def latest_of(self, team_ids: Iterable[int]) -> dict[int, TeamDecree]:
        """latest() for many teams at once."""
        found: dict[int, TeamDecree] = {}
        for part in chunked(team_ids):
            rows = await self.s.scalars(select(TeamDecree).where(
                TeamDecree.team_id.in_(part), TeamDecree.status != DecreeStatus.REJECTED).order_by(TeamDecree.id))
            found.update((d.team_id, d) for d in rows)  # the newest last: it wins
        return found

    async def issued_for(self, team_ids: Iterable[int]) -> list[TeamDecree]:
        ids = list(team_ids)
        if not ids:
            return []
        rows = await self.s.scalars(select(TeamDecree).where(
            TeamDecree.team_id.in_(ids), TeamDecree.status == DecreeStatus.ISSUED)
            .order_by(TeamDecree.id))
        return list(rows)
