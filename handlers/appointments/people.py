"""Who and what a penunjukan names, read for its cards and letters."""
from __future__ import annotations

from domain.appointment import Appointment
from domain.org import Employee
from handlers.core.context import Ctx


def named_ids(ap: Appointment) -> set[int]:
    return {ap.requester_id, *ap.candidate_ids, *ap.released_ids, *ap.tembusan_ids,
            *(int(s["actor_id"]) for s in ap.steps), *(int(s["by"]) for s in ap.steps if "by" in s)}


async def people_of(ctx: Ctx, ap: Appointment) -> dict[int, Employee]:
    return await ctx.uow.org.employees(named_ids(ap))


async def target_name(ctx: Ctx, ap: Appointment) -> str:
    if ap.institution:
        return ap.institution
    unit = await ctx.uow.org.unit(ap.target_unit_id) if ap.target_unit_id else None
    return unit.name if unit is not None else ""
