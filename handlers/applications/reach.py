"""Which teams an applicant may apply to: those of their own unit, and those of other units
the profile's scope allows (rules 17/18: Badung only inside one Perangkat Daerah, the others
anywhere in the Pemda; never another institution, which the bot does not hold)."""
from __future__ import annotations

from dataclasses import dataclass

from domain.deciders import agency_of
from domain.team import Team
from domain.voluntary import check_voluntary_scope, reaches_other_agencies
from handlers.core.context import Ctx
from handlers.core.roles import same_unit_ids

OFFERED = 20


@dataclass(frozen=True)
class Reach:
    own: list[Team]
    other: list[tuple[Team, str]]  # a team of another unit, and that unit's name


async def in_reach(ctx: Ctx, team: Team) -> bool | None:
    """True: another unit's team within the scope; False: the applicant's own unit; None: out of reach."""
    if team.unit_id in await same_unit_ids(ctx, ctx.me.unit_id):
        return False
    org = await ctx.uow.org.chains([ctx.me.unit_id, team.unit_id])  # the two chains up, not the Pemda
    mine, theirs = agency_of(org, ctx.me.unit_id), agency_of(org, team.unit_id)
    if mine is None or theirs is None:
        return None
    return True if check_voluntary_scope(ctx.profile, mine.id, theirs.id).ok else None


async def reach(ctx: Ctx) -> Reach:
    """The first OFFERED teams by name: the own unit's, then others' within the scope. A few
    statements whatever the size of the Pemda (the other units' teams are asked for with a limit)."""
    own_ids = await same_unit_ids(ctx, ctx.me.unit_id)
    own = await ctx.uow.teams.accepting(own_ids, limit=OFFERED)
    room = OFFERED - len(own)
    if room <= 0:
        return Reach(own, [])
    if reaches_other_agencies(ctx.profile):
        others = await ctx.uow.teams.accepting(outside=own_ids, limit=room)
    else:  # only inside the applicant's own Perangkat Daerah
        mine = agency_of(await ctx.uow.org.chains([ctx.me.unit_id]), ctx.me.unit_id)
        others = [] if mine is None else await ctx.uow.teams.accepting(under=mine.id, outside=own_ids, limit=room)
    names = await ctx.uow.org.unit_names(t.unit_id for t in others)
    return Reach(own, [(t, names[t.unit_id]) for t in others])
