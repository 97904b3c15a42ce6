from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.appointment import Appointment, AppointmentStatus

OPEN = (AppointmentStatus.PENDING, AppointmentStatus.ACCEPTING)


class AppointmentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, appointment_id: int | None) -> Appointment | None:
        return await self.s.get(Appointment, appointment_id) if appointment_id else None

    def add(self, appointment: Appointment) -> None:
        self.s.add(appointment)

    async def open(self, limit: int = 500) -> list[Appointment]:
        """Every appointment still waiting on somebody (a step or an acceptance)."""
        q = select(Appointment).where(Appointment.status.in_(OPEN)).order_by(Appointment.id).limit(limit)
        return list(await self.s.scalars(q))

    async def by_requester(self, employee_id: int, limit: int = 20) -> list[Appointment]:
        q = (select(Appointment).where(Appointment.requester_id == employee_id)
             .order_by(Appointment.id.desc()).limit(limit))
        return list(await self.s.scalars(q))

    async def waiting_on(self, employee_id: int) -> list[Appointment]:
        """Open appointments whose current step, or an acceptance, waits for this employee (the
        step actors live in JSON, so the few open rows are filtered here)."""
        return [a for a in await self.open()
                if a.waiting_on == employee_id or employee_id in a.unaccepted_ids
                or (a.step is not None and employee_id == a.requester_id and a.step["kind"] == "reply")]
