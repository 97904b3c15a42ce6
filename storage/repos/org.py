"""Units and employees. Also a synchronous OrgView snapshot for the domain's routing rules."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.org import Employee, Unit


class OrgRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def employee(self, employee_id: int) -> Employee | None:
        return await self.s.get(Employee, employee_id)

    async def employee_by_nip(self, nip: str) -> Employee | None:
        return (await self.s.scalars(select(Employee).where(Employee.nip == nip))).first()

    async def employees(self, ids: Iterable[int]) -> dict[int, Employee]:
        ids = set(ids)
        if not ids:
            return {}
        rows = await self.s.scalars(select(Employee).where(Employee.id.in_(ids)))
        return {e.id: e for e in rows}

    async def unit(self, unit_id: int) -> Unit | None:
        return await self.s.get(Unit, unit_id)

    async def unit_by_code(self, code: str) -> Unit | None:
        return (await self.s.scalars(select(Unit).where(Unit.code == code))).first()

    async def all_units(self) -> list[Unit]:
        return list(await self.s.scalars(select(Unit).order_by(Unit.code)))

    async def employees_in_unit(self, unit_id: int) -> list[Employee]:
        rows = await self.s.scalars(select(Employee).where(Employee.unit_id == unit_id).order_by(Employee.name))
        return list(rows)

    def add(self, obj: Unit | Employee) -> None:
        self.s.add(obj)

    async def view_for(self, employee: Employee, unit_ids: Iterable[int] = (),
                       employee_ids: Iterable[int] = ()) -> "OrgSnapshot":
        """Load the chains above an employee and any extra units (units up to the root,
        their heads, the rater), plus extra people, so pure domain code can walk them."""
        units: dict[int, Unit] = {}
        people: dict[int, Employee] = {employee.id: employee}
        for start in (employee.unit_id, *unit_ids):
            unit_id: int | None = start
            while unit_id is not None and unit_id not in units:
                unit = await self.unit(unit_id)
                if unit is None:
                    break
                units[unit.id] = unit
                if unit.head_id is not None:
                    people.update(await self.employees([unit.head_id]))
                unit_id = unit.parent_id
        people.update(await self.employees(i for i in (employee.rater_id, *employee_ids) if i is not None))
        return OrgSnapshot(units, people)


class OrgSnapshot:
    def __init__(self, units: dict[int, Unit], people: dict[int, Employee]) -> None:
        self._units, self._people = units, people

    def employee(self, employee_id: int) -> Employee | None:
        return self._people.get(employee_id)

    def unit(self, unit_id: int) -> Unit | None:
        return self._units.get(unit_id)
