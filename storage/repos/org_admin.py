"""Queries for HR admins: find employees, who has not linked Telegram yet, teams led."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.org import Employee, Unit
from domain.team import Team
from storage.records import LinkCode, TelegramLink
from storage.tables.links import link_codes


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _unlinked():
    linked = select(TelegramLink.employee_id)
    return (Employee.active.is_(True), Employee.id.not_in(linked))


class OrgAdminRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def search(self, text: str, limit: int = 10) -> list[Employee]:
        """By NIP prefix (digits) or by words of the name (all must appear, any case),
        active employees first."""
        words = text.split()
        digits = "".join(words)
        if not words:
            return []
        if digits.isdigit():
            conds = [Employee.nip.startswith(digits)]
        else:
            conds = [Employee.name.ilike(f"%{_escape_like(word)}%", escape="\\") for word in words]
        q = select(Employee).where(*conds).order_by(Employee.active.desc(), Employee.name).limit(limit)
        return list(await self.s.scalars(q))

    async def unlinked_by_unit(self, offset: int = 0, limit: int = 10) -> tuple[list[tuple[Unit, int]], int]:
        """(unit, number of active employees without a Telegram link) for one page of
        units that have any, by unit code; and how many such units there are."""
        counts = (select(Employee.unit_id, func.count().label("n")).where(*_unlinked())
                  .group_by(Employee.unit_id).subquery())
        total = (await self.s.execute(select(func.count()).select_from(counts))).scalar_one()
        q = (select(Unit, counts.c.n).join(counts, counts.c.unit_id == Unit.id).order_by(Unit.code)
             .offset(offset).limit(limit))
        return [(unit, n) for unit, n in await self.s.execute(q)], total

    async def unlinked_in_unit(self, unit_id: int, offset: int = 0, limit: int = 10) -> tuple[list[Employee], int]:
        where = (*_unlinked(), Employee.unit_id == unit_id)
        total = (await self.s.execute(select(func.count()).select_from(Employee).where(*where))).scalar_one()
        q = select(Employee).where(*where).order_by(Employee.name).offset(offset).limit(limit)
        return list(await self.s.scalars(q)), total

    async def unlinked(self, unit_ids: list[int] | None = None) -> list[Employee]:
        q = select(Employee).where(*_unlinked())
        if unit_ids is not None:
            q = q.where(Employee.unit_id.in_(unit_ids))
        return list(await self.s.scalars(q.order_by(Employee.unit_id, Employee.name)))

    async def everyone(self) -> list[Employee]:
        """Every employee, active or not, by unit then name (HR's employee list)."""
        return list(await self.s.scalars(select(Employee).order_by(Employee.unit_id, Employee.name)))

    async def linked_ids(self) -> set[int]:
        return set(await self.s.scalars(select(TelegramLink.employee_id)))

    async def unit_and_below(self, unit_id: int) -> list[int]:
        found, frontier = [unit_id], [unit_id]
        while frontier:
            frontier = [u for u in await self.s.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier)))
                        if u not in found]
            found += frontier
        return found

    async def revoke_open_codes(self, employee_ids: list[int], now: dt.datetime) -> None:
        for start in range(0, len(employee_ids), 500):
            await self.s.execute(update(link_codes).where(
                link_codes.c.employee_id.in_(employee_ids[start:start + 500]), link_codes.c.used_at.is_(None),
                link_codes.c.revoked_at.is_(None)).values(revoked_at=now))

    async def add_codes(self, codes: list[LinkCode]) -> None:
        """Many new link codes at once (executemany, not one ORM object each)."""
        if codes:
            await self.s.execute(insert(link_codes), [
                {"code": c.code, "employee_id": c.employee_id, "created_at": c.created_at, "expires_at": c.expires_at}
                for c in codes])

    async def teams_led_by(self, employee_id: int) -> list[Team]:
        q = select(Team).where(Team.ketua_id == employee_id).order_by(Team.name)
        return list(await self.s.scalars(q))
