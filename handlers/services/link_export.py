"""Link codes for everyone not linked yet (`python -m bot link-codes`), for HR to hand out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.app import App
from handlers.services.link_codes import issue_code


@dataclass(frozen=True)
class IssuedCode:
    nip: str
    name: str
    unit: str
    code: str
    expires_at: dt.datetime


async def issue_for_unlinked(app: App, unit_code: str | None = None) -> list[IssuedCode] | None:
    """A fresh code (earlier open ones revoked) for each active, unlinked employee, in the
    unit and the units below it when `unit_code` is given; None for an unknown unit."""
    async with app.uow() as uow:
        unit_ids = None
        if unit_code:
            unit = await uow.org.unit_by_code(unit_code.strip().upper()) or await uow.org.unit_by_code(unit_code)
            if unit is None:
                return None
            unit_ids = await uow.org_admin.unit_and_below(unit.id)
        units = {u.id: u for u in await uow.org.all_units()}
        now, issued = app.clock(), []
        # Each issue_code looks up the employee's open codes; without autoflush that query
        # does not flush the growing batch every time (10,000 codes: seconds, not minutes).
        with uow.session.no_autoflush:
            for employee in await uow.org_admin.unlinked(unit_ids):
                code = await issue_code(uow, employee.id, now, app.config.link_code_ttl_hours)
                unit = units.get(employee.unit_id)
                issued.append(IssuedCode(employee.nip, employee.name, unit.name if unit else "", code.code,
                                         code.expires_at))
        await uow.commit()
    return issued
