"""Reports with their versions, report requests (sewaktu-waktu) and kendala."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.report import (
    Kendala,
    KendalaStatus,
    Report,
    ReportKind,
    ReportRequest,
    ReportStatus,
    RequestStatus,
)
from storage.records import ReportVersion
from storage.repos.batch import chunked
from storage.tables.reports import reports


class ReportRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, obj: Report | ReportRequest | Kendala | ReportVersion) -> None:
        self.s.add(obj)

    async def get(self, report_id: int) -> Report | None:
        return await self.s.get(Report, report_id)

    async def find(self, author_id: int, kind: ReportKind, period_key: str, team_id: int | None,
                   request_id: int | None = None) -> Report | None:
        q = select(Report).where(Report.author_id == author_id, Report.kind == kind,
                                 Report.period_key == period_key, Report.team_id.is_(team_id)
                                 if team_id is None else Report.team_id == team_id)
        q = q.where(Report.request_id.is_(None) if request_id is None else Report.request_id == request_id)
        return (await self.s.scalars(q)).first()

    async def for_team_period(self, team_id: int, period_key: str, kind: ReportKind | None = None) -> list[Report]:
        q = select(Report).where(Report.team_id == team_id, Report.period_key == period_key)
        if kind is not None:
            q = q.where(Report.kind == kind)
        return list(await self.s.scalars(q.order_by(Report.id)))

    async def for_teams(self, team_ids: Iterable[int], period_keys: Iterable[str],
                        kind: ReportKind | None = None) -> list[Report]:
        """The periodic reports (not answers to a request) of many teams for some periods (of
        one kind, when given), oldest first."""
        keys, found = sorted(set(period_keys)), list[Report]()
        for part in chunked(team_ids):
            q = select(Report).where(Report.team_id.in_(part), Report.period_key.in_(keys),
                                     Report.request_id.is_(None))
            if kind is not None:
                q = q.where(Report.kind == kind)
            found += await self.s.scalars(q)
        return sorted(found, key=lambda r: r.id or 0)

    async def member_statuses(self, team_ids: Iterable[int], period_keys: Iterable[str]
                              ) -> dict[tuple[int, str, int], ReportStatus]:
        """(team, period, author) -> status of the latest periodic member report: columns only,
        so /rekap over hundreds of teams builds no report objects."""
        keys, found = sorted(set(period_keys)), dict[tuple[int, str, int], ReportStatus]()
        for part in chunked(team_ids):
            q = (select(Report.team_id, Report.period_key, Report.author_id, Report.status)
                 .where(Report.team_id.in_(part), Report.period_key.in_(keys), Report.request_id.is_(None),
                        Report.kind == ReportKind.MEMBER)
                 .order_by(Report.id))
            found.update({(team_id, key, author): status for team_id, key, author, status in await self.s.execute(q)})
        return found

    async def reported(self, team_ids: Iterable[int], period_keys: Iterable[str]
                       ) -> set[tuple[int, str, ReportKind, int]]:
        """(team, period, kind, author) of every periodic report sent or accepted: columns only,
        so the tick reads thousands without building objects."""
        keys, found = sorted(set(period_keys)), set[tuple[int, str, ReportKind, int]]()
        r = reports.c  # the table's columns: a Core select skips the ORM's row machinery
        for part in chunked(team_ids):
            q = select(r.team_id, r.period_key, r.kind, r.author_id).where(
                r.team_id.in_(part), r.period_key.in_(keys), r.request_id.is_(None),
                r.status.in_([ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]))
            found.update(tuple(row) for row in await self.s.execute(q))
        return found

    async def by_author(self, author_id: int, limit: int = 20) -> list[Report]:
        q = select(Report).where(Report.author_id == author_id).order_by(Report.id.desc()).limit(limit)
        return list(await self.s.scalars(q))

    async def waiting_for(self, reviewer_id: int, offset: int = 0, limit: int | None = None) -> list[Report]:
        """Submitted reports whose current hop is this reviewer, oldest first (an index
        lookup on the current-reviewer column the mapping keeps; checked again in Python),
        or a slice of them (paged in SQL)."""
        q = (select(Report).where(*_waiting(reviewer_id))
             .order_by(reports.c.submitted_at, reports.c.id).offset(offset).limit(limit))
        return [r for r in await self.s.scalars(q) if r.current_reviewer == reviewer_id]

    async def count_waiting_for(self, reviewer_id: int) -> int:
        return int(await self.s.scalar(select(func.count()).select_from(reports).where(*_waiting(reviewer_id))) or 0)

    async def versions(self, report_id: int) -> list[ReportVersion]:
        q = select(ReportVersion).where(ReportVersion.report_id == report_id).order_by(ReportVersion.version)
        return list(await self.s.scalars(q))

    async def request(self, request_id: int) -> ReportRequest | None:
        return await self.s.get(ReportRequest, request_id)

    async def open_requests_for(self, addressee_id: int) -> list[ReportRequest]:
        q = select(ReportRequest).where(ReportRequest.addressee_id == addressee_id,
                                        ReportRequest.status == RequestStatus.OPEN)
        return list(await self.s.scalars(q.order_by(ReportRequest.due_on)))

    async def requests_by(self, requester_id: int, open_only: bool = True) -> list[ReportRequest]:
        q = select(ReportRequest).where(ReportRequest.requester_id == requester_id)
        if open_only:
            q = q.where(ReportRequest.status == RequestStatus.OPEN)
        return list(await self.s.scalars(q.order_by(ReportRequest.due_on)))

    async def kendala(self, kendala_id: int) -> Kendala | None:
        return await self.s.get(Kendala, kendala_id)

    async def open_kendala_for(self, decider_id: int) -> list[Kendala]:
        q = select(Kendala).where(Kendala.decider_id == decider_id, Kendala.status == KendalaStatus.OPEN)
        return list(await self.s.scalars(q.order_by(Kendala.id)))

    async def open_kendala_counts(self, team_ids: Iterable[int]) -> dict[int, int]:
        """How many kendala are open in each team (teams with none are absent)."""
        found: dict[int, int] = {}
        for part in chunked(team_ids):
            q = (select(Kendala.team_id, func.count()).where(Kendala.team_id.in_(part),
                                                              Kendala.status == KendalaStatus.OPEN)
                 .group_by(Kendala.team_id))
            found.update((team_id, count) for team_id, count in await self.s.execute(q))
        return found

    async def kendala_of_team(self, team_id: int) -> list[Kendala]:
        q = select(Kendala).where(Kendala.team_id == team_id)
        return list(await self.s.scalars(q.order_by(Kendala.id)))


def _waiting(reviewer_id: int) -> tuple[ColumnElement[bool], ...]:
    return reports.c.current_reviewer_id == reviewer_id, reports.c.status == ReportStatus.SUBMITTED
