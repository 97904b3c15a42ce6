"""Link codes for everyone not linked yet, for HR to hand out: `python -m bot link-codes`
and the /admin button that sends them as an XLSX file."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.core.app import App
from handlers.org.link_codes import new_code
from storage.records import LinkCode
from storage.uow import UnitOfWork

ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@dataclass(frozen=True)
class IssuedCode:
    nip: str
    name: str
    unit: str
    code: str
    expires_at: dt.datetime


def local_moment(value: dt.datetime, timezone: str) -> str:
    """'08-12-2026 14:30 WIB': the Pemda's own clock, to the minute."""
    return f"{value.astimezone(ZoneInfo(timezone)):%d-%m-%Y %H:%M} {ZONES.get(timezone, timezone)}"


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
        issued = await issue_codes(uow, app.clock(), app.config.link_code_ttl_hours, unit_ids)
        await uow.commit()
    return issued


async def issue_codes(uow: UnitOfWork, now: dt.datetime, ttl_hours: int,
                      unit_ids: list[int] | None = None) -> list[IssuedCode]:
    """issue_code, in bulk, in the caller's unit of work: earlier open codes revoked, then
    one fresh code for each active, unlinked employee (of `unit_ids`, when given)."""
    units = {u.id: u for u in await uow.org.all_units()}
    ttl = dt.timedelta(hours=ttl_hours)
    people = await uow.org_admin.unlinked(unit_ids)
    await uow.org_admin.revoke_open_codes([e.id for e in people], now)
    fresh: set[str] = set()
    while len(fresh) < len(people):
        fresh.add(new_code())
    codes = [LinkCode(code, e.id, now, now + ttl) for code, e in zip(fresh, people, strict=True)]
    await uow.org_admin.add_codes(codes)
    issued = []
    for employee, code in zip(people, codes, strict=True):
        unit = units.get(employee.unit_id)
        issued.append(IssuedCode(employee.nip, employee.name, unit.name if unit else "", code.code, code.expires_at))
    return issued
