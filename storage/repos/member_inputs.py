"""The Ketua's inputs on members (rule 48)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.member_input import MemberInput
from storage.repos.batch import chunked


class MemberInputRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, item: MemberInput) -> None:
        self.s.add(item)

    async def for_team_period(self, team_id: int, period_key: str) -> list[MemberInput]:
        q = select(MemberInput).where(MemberInput.team_id == team_id, MemberInput.period_key == period_key)
        return list(await self.s.scalars(q.order_by(MemberInput.id)))

    async def given(self, team_id: int, period_key: str) -> set[int]:
        """The members the team's Ketua has given input on for the period."""
        return {i.member_id for i in await self.for_team_period(team_id, period_key)}

    async def given_many(self, team_ids: Iterable[int], period_keys: Iterable[str]) -> set[tuple[int, str, int]]:
        """(team, period, member) of every input given, for many teams at once."""
        keys, found = sorted(set(period_keys)), set[tuple[int, str, int]]()
        for part in chunked(team_ids):
            q = select(MemberInput.team_id, MemberInput.period_key, MemberInput.member_id).where(
                MemberInput.team_id.in_(part), MemberInput.period_key.in_(keys))
            found.update(tuple(row) for row in await self.s.execute(q))
        return found
