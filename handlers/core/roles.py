"""Who may do what, computed from the org structure and the profile (never trusted)."""
from __future__ import annotations

from domain.deciders import OrgView, Resolved, official_for, organisation_unit
from domain.errors import DomainError
from domain.profiles import Profile, Role
from domain.profiles.model import UnitMeaning
from domain.team import Team
from handlers.core.context import Ctx


async def headed_units(ctx: Ctx) -> list:
    """The organisation units I head under the profile (in Banten only a whole Perangkat
    Daerah is one, Ps 1(16), so a Kepala Bidang heads none)."""
    units = await ctx.uow.org.units_headed_by(ctx.me.id)
    if not units or ctx.profile.unit_meaning is not UnitMeaning.WHOLE_AGENCY:
        return units  # where any part of a PD with its own head is a unit, each is its own
    org = await ctx.uow.org.snapshot([u.id for u in units])
    return [u for u in units if (own := organisation_unit(org, ctx.profile, u.id)) is not None and own.id == u.id]


async def same_unit_ids(ctx: Ctx, unit_id: int) -> list[int]:
    """The units in the same organisation unit as `unit_id` under the profile: just itself
    where every part of a PD is a unit, the whole Perangkat Daerah where the PD is the unit."""
    if ctx.profile.unit_meaning is not UnitMeaning.WHOLE_AGENCY:
        return [unit_id]
    own = organisation_unit(await ctx.uow.org.view_for(ctx.me, unit_ids=[unit_id]), ctx.profile, unit_id)
    return await ctx.uow.org.subunit_ids(own.id if own is not None else unit_id)


async def heads_team_unit(ctx: Ctx, team: Team) -> bool:
    """The actor heads the organisation unit owning the team, or a unit above it."""
    org = await ctx.uow.org.snapshot([team.unit_id])  # the unit and every unit above it
    return heads_unit_of(org, ctx.profile, ctx.me.id, team.unit_id)


def heads_unit_of(org: OrgView, profile: Profile, employee_id: int, unit_id: int) -> bool:
    """heads_team_unit on a snapshot already loaded (one for many teams)."""
    unit = organisation_unit(org, profile, unit_id)
    while unit is not None:
        if unit.head_id == employee_id:
            return True
        unit = org.unit(unit.parent_id) if unit.parent_id is not None else None
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
