"""Units and employees. Also a synchronous OrgView snapshot for the domain's routing rules."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from domain.acting import MAX_CHAIN
from domain.org import Employee, Unit, UnitKind
from storage.repos.acting import ActingRepo
from storage.repos.batch import chunked
from storage.tables.org import employees, units


def subtree(unit_ids: Iterable[int] | BindParameter[Any]) -> Select[tuple[int]]:
    """The ids of the units and every unit below them, as one recursive query (a subquery for
    `IN`: the teams of a Kepala Dinas's whole Dinas in one statement). UNION, not UNION ALL,
    so a cycle in a badly imported tree ends instead of looping. `unit_ids` may be an
    expanding bind parameter, for a statement built once."""
    tree = select(units.c.id).where(_among(unit_ids)).cte("tree", recursive=True)
    tree = tree.union(select(units.c.id).where(units.c.parent_id == tree.c.id))
    return select(tree.c.id)


def _up_from(seed: ColumnElement[bool]) -> Select[tuple[int]]:
    """The ids of the units `seed` picks and every unit above them, as one recursive query."""
    up = select(units.c.id, units.c.parent_id).where(seed).cte("up", recursive=True)
    up = up.union(select(units.c.id, units.c.parent_id).where(units.c.id == up.c.parent_id))
    return select(up.c.id)


def _among(unit_ids: Iterable[int] | BindParameter[Any]) -> ColumnElement[bool]:
    return units.c.id.in_(unit_ids if isinstance(unit_ids, BindParameter) else list(unit_ids))


def _upward(unit_ids: list[int]) -> Select[tuple[int]]:
    """The ids of the units, every unit above them and the (first) Sekretariat Daerah, as one
    recursive query: a snapshot's units in one statement, not one per level."""
    setda = select(units.c.id).where(units.c.kind == UnitKind.SETDA).order_by(units.c.id).limit(1)
    return _up_from(units.c.id.in_([*unit_ids, setda.scalar_subquery()]))  # one IN list, not an OR: an index search


@cache
def _chains() -> Any:
    """OrgRepo.chains' statement, built once (after the mapping started)."""
    return select(Unit).where(Unit.id.in_(_up_from(_among(bindparam("ids", expanding=True)))))


class OrgRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def employee(self, employee_id: int) -> Employee | None:
        return await self.s.get(Employee, employee_id)

    async def employee_by_nip(self, nip: str) -> Employee | None:
        return (await self.s.scalars(select(Employee).where(Employee.nip == nip))).first()

    async def employees(self, ids: Iterable[int]) -> dict[int, Employee]:
        found: dict[int, Employee] = {}
        for part in chunked(ids):
            found.update((e.id, e) for e in await self.s.scalars(select(Employee).where(Employee.id.in_(part))))
        return found

    async def names(self, ids: Iterable[int]) -> dict[int, str]:
        """Just the names (columns, no objects): the reminder tick names thousands of people."""
        found: dict[int, str] = {}
        for part in chunked(ids):
            found.update((i, name) for i, name in await self.s.execute(
                select(employees.c.id, employees.c.name).where(employees.c.id.in_(part))))
        return found

    async def unit(self, unit_id: int) -> Unit | None:
        return await self.s.get(Unit, unit_id)

    async def unit_by_code(self, code: str) -> Unit | None:
        return (await self.s.scalars(select(Unit).where(Unit.code == code))).first()

    async def unit_names(self, unit_ids: Iterable[int]) -> dict[int, str]:
        ids = list(set(unit_ids))
        if not ids:
            return {}
        rows = await self.s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids)))
        return {unit_id: name for unit_id, name in rows}  # noqa: C416 (rows are Row objects)

    async def all_units(self) -> list[Unit]:
        return list(await self.s.scalars(select(Unit).order_by(Unit.code)))

    async def employees_in_unit(self, unit_id: int) -> list[Employee]:
        rows = await self.s.scalars(select(Employee).where(Employee.unit_id == unit_id).order_by(Employee.name))
        return list(rows)

    async def units_headed_by(self, employee_id: int) -> list[Unit]:
        return list(await self.s.scalars(select(Unit).where(Unit.head_id == employee_id).order_by(Unit.code)))

    async def units_rated_by(self, employee_id: int) -> list[Unit]:
        """The units of the active employees whose Penilai this employee is."""
        rated = select(Employee.unit_id).where(Employee.rater_id == employee_id, Employee.active.is_(True))
        return list(await self.s.scalars(select(Unit).where(Unit.id.in_(rated)).order_by(Unit.code)))

    async def chains(self, unit_ids: Iterable[int]) -> OrgSnapshot:
        """The units and every unit above them, in one statement (a recursive query), and
        nothing else: enough to find the Perangkat Daerah a unit lies in."""
        ids = list(set(unit_ids))
        found: Iterable[Unit] = await self.s.scalars(_chains(), {"ids": ids}) if ids else []
        return OrgSnapshot({u.id: u for u in found}, {})

    async def subunit_ids(self, unit_id: int) -> list[int]:
        """The unit and every unit below it."""
        return await self.subtree_ids([unit_id])

    async def subtree_ids(self, unit_ids: Iterable[int]) -> list[int]:
        """The units and every unit below them (the given ones first): one statement."""
        roots = list(dict.fromkeys(unit_ids))
        if not roots:
            return []
        below = await self.s.scalars(subtree(roots))
        return list(dict.fromkeys([*roots, *below]))

    async def employees_in_units(self, unit_ids: list[int], limit: int = 200) -> list[Employee]:
        q = (select(Employee).where(Employee.unit_id.in_(unit_ids), Employee.active.is_(True))
             .order_by(Employee.name).limit(limit))
        return list(await self.s.scalars(q))

    def add(self, obj: Unit | Employee) -> None:
        self.s.add(obj)

    async def view_for(self, employee: Employee, unit_ids: Iterable[int] = (),
                       employee_ids: Iterable[int] = (), on: dt.date | None = None) -> OrgSnapshot:
        """Load the chains above an employee and any extra units (units up to the root,
        their heads, the rater), the Sekretariat Daerah and its head (the Sekda), plus extra
        people, so pure domain code (domain.deciders.official_for) can walk them."""
        units: dict[int, Unit] = {}
        people: dict[int, Employee] = {employee.id: employee}
        setda_id = await self.s.scalar(select(Unit.id).where(Unit.kind == UnitKind.SETDA).order_by(Unit.id).limit(1))
        for start in (employee.unit_id, *unit_ids, *([setda_id] if setda_id is not None else [])):
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
        if on is None:
            return OrgSnapshot(units, people, setda_id=setda_id)
        return OrgSnapshot(units, people, await self._acting_on(on, people), on, setda_id)

    async def snapshot(self, unit_ids: Iterable[int], employee_ids: Iterable[int] = (),
                       on: dt.date | None = None) -> OrgSnapshot:
        """One view over many units at once (the reminder tick, /rekap): the units and every
        unit above them, their heads, the Sekretariat Daerah, extra people and, given `on`,
        the Plt/Plh in force. What `view_for` gives for each of them, in two statements (one
        more per 900 units), however deep the tree and however many units or people."""
        found: dict[int, Unit] = {}
        for part in list(chunked(unit_ids)) or [[]]:  # no units: the Sekretariat Daerah still
            found.update((u.id, u) for u in await self.s.scalars(select(Unit).where(units.c.id.in_(_upward(part)))))
        setdas = [u.id for u in found.values() if u.kind == UnitKind.SETDA]  # the Pemda's first is among them
        setda_id = min(setdas) if setdas else None
        people = await self.employees({u.head_id for u in found.values() if u.head_id is not None}
                                      | set(employee_ids))
        if on is None:
            return OrgSnapshot(found, people, setda_id=setda_id)
        return OrgSnapshot(found, people, await self._acting_on(on, people), on, setda_id)

    async def _acting_on(self, day: dt.date, people: dict[int, Employee]) -> tuple:
        """Plt/Plh records in force on `day` for anyone in the snapshot, and the people
        acting (who may be away too: a short chain is followed)."""
        records: dict[int, object] = {}
        wanted = set(people)
        for _ in range(MAX_CHAIN):
            found = [r for r in await ActingRepo(self.s).on(day, wanted) if r.id not in records]
            if not found:
                break
            records.update((r.id, r) for r in found)
            wanted = {r.acting_id for r in found} - set(people)
            people.update(await self.employees(wanted))
        return tuple(records.values())


class OrgSnapshot:
    """`acting` and `day`: the Plt/Plh records in force on that (Pemda) day, read by
    domain.deciders so decisions reach whoever stands in; `setda_id`: where the Sekda sits."""

    def __init__(self, units: dict[int, Unit], people: dict[int, Employee], acting: tuple = (),
                 day: dt.date | None = None, setda_id: int | None = None) -> None:
        self._units, self._people = units, people
        self.acting, self.day, self.setda_id = acting, day, setda_id

    def employee(self, employee_id: int) -> Employee | None:
        return self._people.get(employee_id)

    def unit(self, unit_id: int) -> Unit | None:
        return self._units.get(unit_id)
