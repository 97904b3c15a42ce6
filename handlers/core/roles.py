"""Who may do what, computed from the org structure and the profile (never trusted)."""
from __future__ import annotations

from domain.deciders import Resolved, official_for
from domain.errors import DomainError
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


async def require_official(ctx: Ctx, roles: tuple[Role, ...], unit_id: int) -> tuple[Role, Resolved]:
    """The first of `roles` somebody holds for the unit today, or whoever stands in for
    them (Plt/Plh)."""
    org = await ctx.uow.org.view_for(ctx.me, unit_ids=[unit_id], on=ctx.today)
    for role in roles:
        resolved = official_for(org, role, unit_id, profile=ctx.profile)
        if resolved is not None:
            return role, resolved
    raise DomainError("no_official", roles=tuple(roles))
