"""Rule 33 (Surakarta Ps 27(2)): "Apabila terjadi kekosongan Ketua Tim Kerja atau Pengendali maka
dilaksanakan pengajuan dan penetapan ... paling lambat di bulan Januari, April, Juli, Oktober".
A post is vacant once a holder has left it (membership history) and nobody holds it; the
scheduler reminds the Sekda (who sets it) and the unit head (who proposes) before the deadline
(product decision 16)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.calendar import at_local
from domain.deciders import official_for
from domain.ids import id_of
from domain.posts import vacancy_deadline
from domain.profiles import Profile, Role
from domain.reminders import Notice, Obligation
from domain.team import MemberRole, Team
from handlers.core import formatting
from handlers.core.citation import citation
from handlers.core.i18n import Html, Translator
from handlers.core.registry import Router
from handlers.schedule.texts import RenderContext, register_renderer
from storage.repos.org import OrgSnapshot
from storage.uow import UnitOfWork

VACANT_POST = "vacant_post"
POSTS = (MemberRole.KETUA, MemberRole.PENGENDALI)
router = Router()


@router.provider
async def vacant_posts(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    """A post is vacant once a holder has left it and nobody holds it now; the leavings of
    every team missing a holder are one load, the deciders one org snapshot."""
    if not profile.teams.vacancy_deadline_months:
        return []
    tz = ZoneInfo(profile.timezone)
    today = now.astimezone(tz).date()
    teams = [t for t in await uow.teams.running() if t.ketua_id is None or t.pengendali_id is None]
    left = await uow.teams.last_left([id_of(t) for t in teams], POSTS)
    vacant = [(team, role, since) for team in teams for role in POSTS
              if _holder(team, role) is None and (since := left.get((id_of(team), role))) is not None]
    if not vacant:
        return []
    org = await uow.org.snapshot({team.unit_id for team, _, _ in vacant}, on=today)
    found: list[Obligation] = []
    for team, role, since in vacant:
        day = since.astimezone(tz).date()
        deadline = vacancy_deadline(profile, day)
        if deadline is None:
            continue
        due = at_local(deadline, dt.time(23, 59), tz)
        for person_id in _deciders(org, team):
            found.append(Obligation(VACANT_POST, id_of(team), person_id, None, None,
                                    f"{role.value}-{day.isoformat()}", due=due, label=team.name))
    return found


def _holder(team: Team, role: MemberRole) -> int | None:
    return team.ketua_id if role is MemberRole.KETUA else team.pengendali_id


def _deciders(org: OrgSnapshot, team: Team) -> list[int]:
    """The Sekda (who sets the post, Ps 15(4), 24(5)) and the unit head (who proposes, Ps 15(3), 24(4))."""
    unit = org.unit(team.unit_id)
    if unit is None or unit.head_id is None or org.employee(unit.head_id) is None:
        return []
    found = [official_for(org, role, team.unit_id) for role in (Role.SEKDA, Role.UNIT_HEAD)]
    return list(dict.fromkeys(r.person.id for r in found if r is not None))


@register_renderer(VACANT_POST)
def render_vacancy(t: Translator, n: Notice, rc: RenderContext) -> str:
    article = (citation(t, rc.profile.teams.source_of("vacancy_deadline_months"), rc.profile.citation_title)
               if rc.profile is not None else citation(t, ""))
    lines = [t("📌 <b>Vacant posts to fill</b> ({article}: proposed and set by January, April, July or October "
               "at the latest):", article=article)]
    for ob in n.items:
        post, since = ob.period_key.split("-", 1)  # "ketua-2026-10-01": the post and the day it fell vacant
        assert ob.due is not None
        lines.append("• " + t("{post} of {team}: vacant since {since}, to be filled by {due}", post=post,
                              team=ob.label, since=formatting.day(t, dt.date.fromisoformat(since)),
                              due=rc.day(t, ob.due)))
    return Html("\n".join(lines))
