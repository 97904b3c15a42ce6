"""Teams, their members (with history), ketua candidacies and group bind codes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.candidacy import Candidacy, CandidacyStatus
from domain.team import MemberRole, Membership, Team, TeamStatus
from storage.records import GroupBindCode
from storage.repos.batch import chunked
from storage.repos.org import subtree
from storage.tables.teams import memberships, teams


@cache
def _accepting(where: str) -> Any:
    """TeamRepo.accepting's statement for `where` in ("in", "under", "all")."""
    q = select(Team).where(Team.status.in_((TeamStatus.OPEN, TeamStatus.ACTIVE)),
                           Team.unit_id.not_in(bindparam("outside", expanding=True)))
    if where == "in":
        q = q.where(Team.unit_id.in_(bindparam("ids", expanding=True)))
    elif where == "under":
        q = q.where(Team.unit_id.in_(subtree(bindparam("under", expanding=True))))
    return q.order_by(Team.name, Team.id).limit(bindparam("limit"))


class TeamRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, team_id: int) -> Team | None:
        return await self.s.get(Team, team_id)

    async def many(self, team_ids: Iterable[int]) -> dict[int, Team]:
        found: dict[int, Team] = {}
        for part in chunked(team_ids):
            found.update((t.id, t) for t in await self.s.scalars(select(Team).where(Team.id.in_(part))))
        return found

    def add(self, obj: Team | Membership | Candidacy | GroupBindCode) -> None:
        self.s.add(obj)

    async def open_in_unit(self, unit_id: int) -> list[Team]:
        q = (select(Team).where(Team.unit_id == unit_id,
                                Team.status.in_([TeamStatus.OPEN, TeamStatus.ACTIVE]))
             .order_by(Team.name))
        return list(await self.s.scalars(q))

    async def in_units(self, unit_ids: list[int], include_ended: bool = False) -> list[Team]:
        q = select(Team).where(Team.unit_id.in_(unit_ids))
        if not include_ended:
            q = q.where(Team.status != TeamStatus.ENDED)
        return list(await self.s.scalars(q.order_by(Team.name)))

    async def accepting(self, unit_ids: Iterable[int] | None = None, *, under: int | None = None,
                        outside: Iterable[int] = (), limit: int) -> list[Team]:
        """Teams taking members (open or active), by name, at most `limit`: of `unit_ids`,
        or of the unit `under` and every unit below it (a recursive query), or of every unit
        when neither is given; never of the units in `outside`. Statements built once."""
        where = "in" if unit_ids is not None else "under" if under is not None else "all"
        params = {"ids": list(unit_ids or ()), "under": [] if under is None else [under], "outside": list(outside),
                  "limit": limit}
        return list(await self.s.scalars(_accepting(where), params))
    async def count_below(self, unit_ids: Iterable[int]) -> int:
        """How many teams that have not ended the units and every unit below them hold."""
        q = select(func.count()).select_from(Team).where(*_below(unit_ids))
        return int(await self.s.scalar(q) or 0)

    async def page_below(self, unit_ids: Iterable[int], offset: int, limit: int) -> tuple[list[Team], int | None]:
        """One page of those teams, by name (what `in_units` over the whole subtree gives,
        sliced in SQL: a Kepala Dinas's /rekap reads ten teams, not the Dinas), and how many
        there are in all, counted by the same statement (None when the page is past the last)."""
        q = (select(Team, func.count().over()).where(*_below(unit_ids))
             .order_by(Team.name, Team.id).offset(offset).limit(limit))
        found = (await self.s.execute(q)).all()
        return [team for team, _ in found], (found[0][1] if found else None)

    async def count_mine_or_below(self, employee_id: int, unit_ids: Iterable[int]) -> int:
        """How many teams that have not ended I belong to or the units (and below) hold."""
        q = select(func.count()).select_from(Team).where(*_mine_or_below(employee_id, unit_ids))
        return int(await self.s.scalar(q) or 0)

    async def nth_mine_or_below(self, employee_id: int, unit_ids: Iterable[int], index: int
                                ) -> tuple[Team | None, int | None]:
        """The `index`-th of those teams, the newest first (/tim shows one a page), and how many
        there are, counted by the same statement (None, None past the last)."""
        q = (select(Team, func.count().over()).where(*_mine_or_below(employee_id, unit_ids))
             .order_by(Team.id.desc()).offset(index).limit(1))
        found = (await self.s.execute(q)).first()
        return (found[0], found[1]) if found else (None, None)

    async def active(self) -> list[Team]:
        """Teams that have a ketua and have not ended: the ones that owe reports."""
        q = select(Team).where(Team.status == TeamStatus.ACTIVE, Team.ketua_id.is_not(None))
        return list(await self.s.scalars(q.order_by(Team.id)))

    async def running(self) -> list[Team]:
        """Teams that have not ended, with or without a ketua."""
        return list(await self.s.scalars(select(Team).where(Team.status != TeamStatus.ENDED).order_by(Team.id)))

    async def by_group(self, chat_id: int) -> Team | None:
        return (await self.s.scalars(select(Team).where(Team.group_chat_id == chat_id))).first()

    async def group_threads(self, chat_ids: Iterable[int]) -> dict[int, int]:
        """The forum topic each of these group chats' teams is bound to, where it is one."""
        found: dict[int, int] = {}
        for part in chunked(chat_ids):
            q = select(Team.group_chat_id, Team.group_thread_id).where(
                Team.group_chat_id.in_(part), Team.group_thread_id.is_not(None))
            found.update({chat: thread for chat, thread in (await self.s.execute(q)).all() if chat is not None})
        return found

    async def members(self, team_id: int, active_only: bool = True) -> list[Membership]:
        q = select(Membership).where(Membership.team_id == team_id)
        if active_only:
            q = q.where(Membership.left_at.is_(None))
        return list(await self.s.scalars(q.order_by(Membership.id)))

    async def members_of(self, team_ids: Iterable[int]) -> dict[int, list[Membership]]:
        """The current members of many teams at once, each team's in joining order."""
        found: dict[int, list[Membership]] = {}
        for part in chunked(team_ids):
            q = select(Membership).where(Membership.team_id.in_(part), Membership.left_at.is_(None))
            for m in await self.s.scalars(q.order_by(Membership.id)):
                found.setdefault(m.team_id, []).append(m)
        return found

    async def member_roles(self, team_ids: Iterable[int]) -> dict[int, list[tuple[int, MemberRole]]]:
        """(employee, role) of the current members of many teams, in joining order: columns
        only, for the reminder tick that reads every team of the Pemda each minute."""
        found: dict[int, list[tuple[int, MemberRole]]] = {}
        m = memberships.c  # the table's columns: a Core select skips the ORM's row machinery
        for part in chunked(team_ids):
            q = (select(m.team_id, m.employee_id, m.role)
                 .where(m.team_id.in_(part), m.left_at.is_(None)).order_by(m.id))
            for team_id, employee_id, role in await self.s.execute(q):
                found.setdefault(team_id, []).append((employee_id, role))
        return found

    async def last_left(self, team_ids: Iterable[int], roles: Iterable[MemberRole]
                        ) -> dict[tuple[int, MemberRole], dt.datetime]:
        """When the last holder of each of `roles` left each team (teams nobody left are absent)."""
        found: dict[tuple[int, MemberRole], dt.datetime] = {}
        for part in chunked(team_ids):
            q = (select(Membership.team_id, Membership.role, func.max(Membership.left_at))
                 .where(Membership.team_id.in_(part), Membership.role.in_(list(roles)),
                        Membership.left_at.is_not(None))
                 .group_by(Membership.team_id, Membership.role))
            found.update(((team_id, role), left) for team_id, role, left in await self.s.execute(q))
        return found

    async def membership(self, team_id: int, employee_id: int) -> Membership | None:
        q = select(Membership).where(Membership.team_id == team_id, Membership.employee_id == employee_id,
                                     Membership.left_at.is_(None))
        return (await self.s.scalars(q)).first()

    async def by_assignment(self, assignment_id: int) -> Membership | None:
        """The membership an assignment letter made (a role change keeps it, so the latest)."""
        q = select(Membership).where(Membership.assignment_id == assignment_id).order_by(Membership.id.desc())
        return (await self.s.scalars(q)).first()

    async def teams_of(self, employee_id: int) -> list[tuple[Team, Membership]]:
        """Active teams an employee belongs to (any role), with the membership."""
        q = (select(Team, Membership).join(Membership, Membership.team_id == Team.id)
             .where(Membership.employee_id == employee_id, Membership.left_at.is_(None),
                    Team.status != TeamStatus.ENDED)
             .order_by(Team.name))
        return [(t, m) for t, m in (await self.s.execute(q)).all()]

    async def led_by(self, employee_id: int) -> list[Team]:
        q = select(Team).where(Team.ketua_id == employee_id, Team.status != TeamStatus.ENDED)
        return list(await self.s.scalars(q.order_by(Team.name)))

    async def candidacy(self, candidacy_id: int) -> Candidacy | None:
        return await self.s.get(Candidacy, candidacy_id)

    async def open_candidacies(self, team_id: int) -> list[Candidacy]:
        q = select(Candidacy).where(Candidacy.team_id == team_id, Candidacy.status == CandidacyStatus.PROPOSED)
        return list(await self.s.scalars(q))

    async def candidacies_for(self, decider_id: int) -> list[Candidacy]:
        q = select(Candidacy).where(Candidacy.decider_id == decider_id,
                                         Candidacy.status == CandidacyStatus.PROPOSED)
        return list(await self.s.scalars(q.order_by(Candidacy.id)))

    async def bind_code(self, code: str) -> GroupBindCode | None:
        return (await self.s.scalars(select(GroupBindCode).where(GroupBindCode.code == code))).first()


def _below(unit_ids: Iterable[int]) -> tuple[ColumnElement[bool], ...]:
    return teams.c.status != TeamStatus.ENDED, teams.c.unit_id.in_(subtree(unit_ids))


def _mine_or_below(employee_id: int, unit_ids: Iterable[int]) -> tuple[ColumnElement[bool], ...]:
    m = memberships.c
    mine = teams.c.id.in_(select(m.team_id).where(m.employee_id == employee_id, m.left_at.is_(None)))
    roots = list(unit_ids)
    return teams.c.status != TeamStatus.ENDED, or_(mine, teams.c.unit_id.in_(subtree(roots))) if roots else mine


ROLE_ORDER = {MemberRole.KETUA: 0, MemberRole.PENANGGUNG_JAWAB: 1, MemberRole.PENGENDALI: 2,
              MemberRole.SEKRETARIAT: 3, MemberRole.ANGGOTA: 4}
