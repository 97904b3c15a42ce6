"""Bulk writes of an organisation import: upsert units by code and employees by NIP with
executemany (Core), so 10,000 rows take seconds; deactivate, never delete."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.org_import import (
    EmployeeRow,
    ExistingOrg,
    KnownEmployee,
    KnownUnit,
    UnitRow,
)
from storage.tables.org import employees, pending_unit_heads, units

CHUNK = 500  # ids per IN (...) list
WRITE_CHUNK = 1000  # rows per executemany, so a progress bar moves


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    reactivated: int = 0
    heads_set: int = 0
    heads_pending: int = 0


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class OrgImportRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def _unit_ids(self) -> dict[str, int]:
        return {code.upper(): uid for uid, code in await self.s.execute(select(units.c.id, units.c.code))}

    async def _employee_ids(self, active_only: bool = False) -> dict[str, int]:
        q = select(employees.c.nip, employees.c.id)
        if active_only:
            q = q.where(employees.c.active.is_(True))
        return dict((await self.s.execute(q)).all())

    async def existing(self) -> ExistingOrg:
        unit_rows = (await self.s.execute(select(units.c.id, units.c.code, units.c.parent_id, units.c.head_id))).all()
        people = (await self.s.execute(select(employees.c.id, employees.c.nip, employees.c.jabatan_kind,
                                              employees.c.unit_id, employees.c.rater_id, employees.c.active))).all()
        code_of = {u.id: u.code.upper() for u in unit_rows}
        nip_of = {e.id: e.nip for e in people}
        pending = (await self.s.execute(select(pending_unit_heads.c.unit_id, pending_unit_heads.c.head_nip))).all()
        return ExistingOrg(
            units={code_of[u.id]: KnownUnit(code_of[u.id], code_of.get(u.parent_id), nip_of.get(u.head_id))
                   for u in unit_rows},
            employees={e.nip: KnownEmployee(e.nip, e.jabatan_kind, code_of.get(e.unit_id, ""), nip_of.get(e.rater_id),
                                            e.active) for e in people},
            pending_heads={code_of[unit_id]: nip for unit_id, nip in pending if unit_id in code_of})

    async def upsert_units(self, rows: list[UnitRow], columns: set[str]) -> Counts:
        """Columns absent from the file (parent_code, head_nip) are left as they are."""
        c = units.c
        old = {r.code.upper(): r for r in await self.s.execute(select(c.id, c.code, c.name, c.kind, c.parent_id,
                                                                          c.head_id))}
        counts, changed = Counts(), set[str]()
        new = [{"code": r.code, "name": r.name, "kind": r.kind} for r in rows if r.code not in old]
        edits = [{"code": r.code, "name": r.name, "kind": r.kind, "b_id": old[r.code].id} for r in rows
                 if r.code in old and tuple(old[r.code])[1:4] != (r.code, r.name, r.kind)]
        if new:
            await self.s.execute(insert(units), new)
        if edits:
            await self.s.execute(update(units).where(c.id == bindparam("b_id")), edits)
        changed.update(e["code"] for e in edits)
        ids = await self._unit_ids()
        if "parent_code" in columns:
            moves = []
            for r in rows:
                parent_id = ids[r.parent_code] if r.parent_code else None
                if parent_id != (old[r.code].parent_id if r.code in old else None):
                    moves.append({"parent_id": parent_id, "b_id": ids[r.code]})
                    changed.add(r.code)
            if moves:
                await self.s.execute(update(units).where(c.id == bindparam("b_id")), moves)
        if "head_nip" in columns:
            changed.update(await self._set_heads(rows, old, ids, counts))
        counts.added = len(new)
        counts.updated = len(changed - {r.code for r in rows if r.code not in old})
        counts.unchanged = len(rows) - counts.added - counts.updated
        return counts

    async def _set_heads(self, rows: list[UnitRow], old: dict, ids: dict[str, int], counts: Counts) -> set[str]:
        people = await self._employee_ids(active_only=True)
        heads, pending, changed = [], [], set()
        for r in rows:
            head_id = people.get(r.head_nip) if r.head_nip else None
            if r.head_nip and head_id is None:
                pending.append({"unit_id": ids[r.code], "head_nip": r.head_nip})
            current = old[r.code].head_id if r.code in old else None
            # A head named but not imported yet leaves the current head until they are.
            if head_id != current and not (head_id is None and r.head_nip):
                heads.append({"head_id": head_id, "b_id": ids[r.code]})
                changed.add(r.code)
                counts.heads_set += head_id is not None
        counts.heads_pending = len(pending)
        await self.s.execute(delete(pending_unit_heads).where(pending_unit_heads.c.unit_id.in_(
            [ids[r.code] for r in rows])))
        if pending:
            await self.s.execute(insert(pending_unit_heads), pending)
        if heads:
            await self.s.execute(update(units).where(units.c.id == bindparam("b_id")), heads)
        return changed

    async def upsert_employees(self, rows: list[EmployeeRow], columns: set[str], full: bool = False,
                               keep: AbstractSet[str] = frozenset(), progress: Callable[[int], None] | None = None
                               ) -> Counts:
        """Insert new NIPs, update changed ones, set raters in a second pass (a rater may be
        a new row), deactivate the missing on a full import (except NIPs in `keep`: on the
        file but on a bad row), then fill pending unit heads."""
        tick = progress or (lambda _: None)
        c = employees.c
        fields = ["name", "jabatan_name", "jabatan_kind", "jenjang", "golongan", "education", "unit_id"]
        fields += ["phone"] if "phone" in columns else []
        old = {r.nip: r for r in await self.s.execute(select(c.id, c.nip, c.rater_id, c.active,
                                                              *[c[f] for f in fields]))}
        unit_ids = await self._unit_ids()
        counts, changed = Counts(), set[str]()
        new: list[dict[str, Any]] = []
        edits: list[dict[str, Any]] = []
        for r in rows:
            values = {"name": r.name, "jabatan_name": r.jabatan_name, "jabatan_kind": r.jabatan_kind,
                      "jenjang": r.jenjang, "golongan": r.golongan, "education": r.education,
                      "unit_id": unit_ids[r.unit_code], "phone": r.phone}
            was = old.get(r.nip)
            if was is None:
                new.append({**values, "nip": r.nip, "active": True, "extra": {}, "rater_id": None})
            elif not was.active or any(getattr(was, f) != values[f] for f in fields):
                edits.append({**{f: values[f] for f in fields}, "active": True, "b_id": was.id})
                changed.add(r.nip)
                counts.reactivated += not was.active
        done = len(rows) - len(new) - len(edits)
        for chunk in _chunks(new, WRITE_CHUNK):
            await self.s.execute(insert(employees), chunk)
            done += len(chunk)
            tick(done)
        for chunk in _chunks(edits, WRITE_CHUNK):
            await self.s.execute(update(employees).where(c.id == bindparam("b_id")), chunk)
            done += len(chunk)
            tick(done)
        ids = await self._employee_ids() if new else {nip: r.id for nip, r in old.items()}
        raters = []
        for r in rows:
            rater_id = ids[r.rater_nip] if r.rater_nip else None
            if rater_id != (old[r.nip].rater_id if r.nip in old else None):
                raters.append({"rater_id": rater_id, "b_id": ids[r.nip]})
                if r.nip in old:
                    changed.add(r.nip)
        if raters:
            await self.s.execute(update(employees).where(c.id == bindparam("b_id")), raters)
        if full:
            in_file = {r.nip for r in rows} | set(keep)
            gone = [was.id for nip, was in old.items() if was.active and nip not in in_file]
            for chunk in _chunks(gone):
                await self.s.execute(update(employees).where(c.id.in_(chunk)).values(active=False))
            counts.deactivated = len(gone)
        counts.heads_set = await self.fill_pending_heads()
        counts.added, counts.updated = len(new), len(changed)
        counts.unchanged = len(rows) - counts.added - counts.updated
        return counts

    async def fill_pending_heads(self) -> int:
        """Unit heads named by a units import whose employee now exists: set them."""
        p = pending_unit_heads.c
        rows = (await self.s.execute(select(p.unit_id, employees.c.id).join(employees, employees.c.nip == p.head_nip)
                                     .where(employees.c.active.is_(True)))).all()
        if rows:
            await self.s.execute(update(units).where(units.c.id == bindparam("b_id")),
                                 [{"head_id": emp_id, "b_id": unit_id} for unit_id, emp_id in rows])
            await self.s.execute(delete(pending_unit_heads).where(p.unit_id.in_([u for u, _ in rows])))
        return len(rows)
