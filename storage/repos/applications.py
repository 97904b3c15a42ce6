from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.application import Application, ApplicationStatus
from domain.assignment import Assignment


class ApplicationRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, application_id: int) -> Application | None:
        return await self.s.get(Application, application_id)

    def add(self, application: Application) -> None:
        self.s.add(application)

    async def by_applicant(self, employee_id: int, limit: int = 20) -> list[Application]:
        q = (select(Application).where(Application.applicant_id == employee_id)
             .order_by(Application.id.desc()).limit(limit))
        return list(await self.s.scalars(q))

    async def pending_for(self, decider_id: int, limit: int = 20) -> list[Application]:
        q = (select(Application)
             .where(Application.decider_id == decider_id, Application.status == ApplicationStatus.SUBMITTED)
             .order_by(Application.submitted_at).limit(limit))
        return list(await self.s.scalars(q))


class AssignmentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def add(self, assignment: Assignment) -> None:
        self.s.add(assignment)

    async def get(self, assignment_id: int | None) -> Assignment | None:
        return await self.s.get(Assignment, assignment_id) if assignment_id else None

    async def for_application(self, application_id: int) -> Assignment | None:
        q = select(Assignment).where(Assignment.application_id == application_id)
        return (await self.s.scalars(q)).first()

    async def tugas_tambahan(self, assignment_ids: Iterable[int | None]) -> set[int]:
        """Which of these assignments are tugas tambahan (rule 49)."""
        ids = {i for i in assignment_ids if i is not None}
        if not ids:
            return set()
        q = select(Assignment.id).where(Assignment.id.in_(ids), Assignment.tugas_tambahan.is_(True))
        return set(await self.s.scalars(q))

    async def of_employee(self, employee_id: int) -> list[Assignment]:
        q = select(Assignment).where(Assignment.employee_id == employee_id).order_by(Assignment.id)
        return list(await self.s.scalars(q))
