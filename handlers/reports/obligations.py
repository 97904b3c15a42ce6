"""What the scheduler reminds about for teams (rules 40, 42, 43): every member owes the
ketua a report each period, and the ketua owes the team report up the route. Periods
follow the team's cadence or the profile's (quarterly by default; Surakarta's triwulan
is fixed). The previous period stays listed while it may still be overdue."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.deciders import official_for
from domain.ids import id_of
from domain.periods import Cadence, Period, period_of
from domain.profiles import Profile, Role
from domain.reminders import MEMBER_REPORT, TEAM_REPORT, Obligation, due_for
from domain.report import ReportKind, ReportStatus
from domain.rules import monitoring_period_months
from domain.team import MemberRole, Team
from handlers.core.registry import Router
from storage.uow import UnitOfWork

REPORTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)


def report_periods(profile: Profile, team: Team, today: dt.date) -> list[Period]:
    months = team.cadence_months or monitoring_period_months(profile)
    current = period_of(Cadence(months), today)
    periods = [current.previous(), current]
    # A team that started this period owes nothing for the one before.
    return [p for p in periods if team.starts_on is None or p.end >= team.starts_on]


async def _reported(uow: UnitOfWork, team: Team, period: Period, kind: ReportKind) -> set[int]:
    return {r.author_id for r in await uow.reports.for_team_period(id_of(team), period.key, kind)
            if r.status in REPORTED and r.request_id is None}


router = Router()


@router.provider
async def team_reports(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    found: list[Obligation] = []
    for team in await uow.teams.active():
        ketua_id = team.ketua_id
        ketua = await uow.org.employee(ketua_id) if ketua_id is not None else None
        if ketua_id is None or ketua is None:
            continue
        org = await uow.org.view_for(ketua, unit_ids=[team.unit_id], on=today)
        head = official_for(org, Role.UNIT_HEAD, team.unit_id, exclude=ketua.id, profile=profile)
        head_id = head.person.id if head is not None else None
        team_id = id_of(team)
        members = [m.employee_id for m in await uow.teams.members(team_id) if m.role in MEMBER_ROLES]
        for period in report_periods(profile, team, today):
            due = due_for(profile, period)
            done_members = await _reported(uow, team, period, ReportKind.MEMBER)
            for member_id in members:
                found.append(Obligation(MEMBER_REPORT, team_id, member_id, ketua_id, team.group_chat_id,
                                        period.key, due=due, done=member_id in done_members, label=team.name))
            done_team = ketua_id in await _reported(uow, team, period, ReportKind.TEAM)
            found.append(Obligation(TEAM_REPORT, team_id, ketua_id, head_id, None, period.key, due=due,
                                    done=done_team, label=team.name))
    return found
