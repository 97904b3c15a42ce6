"""Which teams an applicant may apply to: those of their own unit, and those of other units
the profile's scope allows (rules 17/18: Badung only inside one Perangkat Daerah, the others
anywhere in the Pemda; never another institution, which the bot does not hold)."""
from __future__ import annotations

from dataclasses import dataclass

from domain.deciders import agency_of
from domain.team import Team
from domain.voluntary import check_voluntary_scope
from handlers.core.context import Ctx
from handlers.core.roles import same_unit_ids
from storage.repos.org import OrgSnapshot

OFFERED = 20


@dataclass(frozen=True)
class Reach:
    own: list[Team]
    other: list[tuple[Team, str]]  # a team of another unit, and that unit's name


async def in_reach(ctx: Ctx, team: Team) -> bool | None:
    """True: another unit's team within the scope; False: the applicant's own unit; None: out of reach."""
    if team.unit_id in await same_unit_ids(ctx, ctx.me.unit_id):
        return False
    units = {u.id: u for u in await ctx.uow.org.all_units()}
    org = OrgSnapshot(units, {})
    mine, theirs = agency_of(org, ctx.me.unit_id), agency_of(org, team.unit_id)
    if mine is None or theirs is None:
        return None
    return True if check_voluntary_scope(ctx.profile, mine.id, theirs.id).ok else None


async def reach(ctx: Ctx) -> Reach:
    own_ids = await same_unit_ids(ctx, ctx.me.unit_id)
    units = {u.id: u for u in await ctx.uow.org.all_units()}
    org = OrgSnapshot(units, {})
    mine = agency_of(org, ctx.me.unit_id)
    own = [t for t in await ctx.uow.teams.in_units(own_ids) if t.accepts_members]
    other_ids = [uid for uid in units if uid not in own_ids and mine is not None
                 and (agency := agency_of(org, uid)) is not None
                 and check_voluntary_scope(ctx.profile, mine.id, agency.id).ok]
    other = [(t, units[t.unit_id].name) for t in await ctx.uow.teams.in_units(other_ids) if t.accepts_members]
    return Reach(own[:OFFERED], other[:max(0, OFFERED - len(own))])
