"""Link codes for everyone not linked yet (`python -m bot link-codes`), for HR to hand out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.core.app import App
from handlers.org.link_codes import new_code
from storage.records import LinkCode


@dataclass(frozen=True)
class IssuedCode:
    nip: str
    name: str
    unit: str
    code: str
    expires_at: dt.datetime


async def issue_for_unlinked(app: App, unit_code: str | None = None) -> list[IssuedCode] | None:
    """A fresh code (earlier open ones revoked, as issue_code does) for each active, unlinked
    employee, in the unit and the units below it when `unit_code` is given; None for an
    unknown unit. Written in bulk: 10,000 codes take seconds."""
    async with app.uow() as uow:
        unit_ids = None
        if unit_code:
            unit = await uow.org.unit_by_code(unit_code.strip().upper()) or await uow.org.unit_by_code(unit_code)
            if unit is None:
                return None
            unit_ids = await uow.org_admin.unit_and_below(unit.id)
        units = {u.id: u for u in await uow.org.all_units()}
        now, ttl = app.clock(), dt.timedelta(hours=app.config.link_code_ttl_hours)
        people = await uow.org_admin.unlinked(unit_ids)
        # issue_code, in bulk: earlier open codes revoked, then one fresh code each.
        await uow.org_admin.revoke_open_codes([e.id for e in people], now)
        fresh: set[str] = set()
        while len(fresh) < len(people):
            fresh.add(new_code())
        codes = [LinkCode(code, e.id, now, now + ttl) for code, e in zip(fresh, people, strict=True)]
        await uow.org_admin.add_codes(codes)
        await uow.commit()
    issued = []
    for employee, code in zip(people, codes, strict=True):
        unit = units.get(employee.unit_id)
        issued.append(IssuedCode(employee.nip, employee.name, unit.name if unit else "", code.code, code.expires_at))
    return issued
