"""Who may do what, computed from the org structure and the profile (never trusted)."""
from __future__ import annotations

from domain.errors import DomainError
from domain.org import Employee, UnitKind
from domain.profiles import Role
from domain.team import Team
from handlers.core.context import Ctx


async def headed_units(ctx: Ctx) -> list:
    return await ctx.uow.org.units_headed_by(ctx.me.id)


async def heads_team_unit(ctx: Ctx, team: Team) -> bool:
    """The actor heads the team's owning unit or a unit above it."""
    unit = await ctx.uow.org.unit(team.unit_id)
    while unit is not None:
        if unit.head_id == ctx.me.id:
            return True
        unit = await ctx.uow.org.unit(unit.parent_id) if unit.parent_id is not None else None
    return False


async def official_for_unit(ctx: Ctx, role: Role, unit_id: int) -> Employee | None:
    """The employee who holds `role` for a unit: the unit head, the head of its Perangkat
    Daerah, or the Sekda (also the default Pejabat yang Berwenang, product decision 4)."""
    org = ctx.uow.org
    if role in (Role.UNIT_HEAD, Role.PERFORMANCE_OWNER):
        unit = await org.unit(unit_id)
        return await org.employee(unit.head_id) if unit and unit.head_id else None
    if role is Role.AGENCY_HEAD:
        return await org.agency_head_over(unit_id)
    if role is Role.SEKDA:
        return await org.head_of_first_unit_of_kind(UnitKind.SETDA)
    if role is Role.AUTHORIZED_OFFICIAL:
        configured = ctx.profile.authorized_official.role
        return None if configured is Role.AUTHORIZED_OFFICIAL else await official_for_unit(ctx, configured, unit_id)
    return None


async def require_official(ctx: Ctx, roles: tuple[Role, ...], unit_id: int) -> tuple[Role, Employee]:
    for role in roles:
        person = await official_for_unit(ctx, role, unit_id)
        if person is not None and person.active:
            return role, person
    raise DomainError("no_official", roles=tuple(roles))
