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
from domain.report import ReportKind
from domain.rules import monitoring_period_months
from domain.team import MemberRole, Team
from handlers.core.registry import Router
from storage.uow import UnitOfWork

MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)


def report_periods(profile: Profile, team: Team, today: dt.date) -> list[Period]:
    months = team.cadence_months or monitoring_period_months(profile)
    current = period_of(Cadence(months), today)
    periods = [current.previous(), current]
    # A team that started this period owes nothing for the one before.
    return [p for p in periods if team.starts_on is None or p.end >= team.starts_on]


router = Router()


@router.provider
async def team_reports(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    """Every active team at once: its members, the reports sent and the unit heads are each
    one batched load, however many teams the Pemda has."""
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    teams = await uow.teams.active()
    ketuas = await uow.org.employees(t.ketua_id for t in teams if t.ketua_id is not None)
    teams = [t for t in teams if t.ketua_id in ketuas]
    periods = {id_of(t): report_periods(profile, t, today) for t in teams}
    team_ids = list(periods)
    org = await uow.org.snapshot({t.unit_id for t in teams}, ketuas, on=today)
    members = await uow.teams.member_roles(team_ids)
    reported = await uow.reports.reported(team_ids, {p.key for ps in periods.values() for p in ps})
    found: list[Obligation] = []
    for team in teams:
        ketua_id, team_id = team.ketua_id, id_of(team)
        assert ketua_id is not None  # active() teams have one
        head = official_for(org, Role.UNIT_HEAD, team.unit_id, exclude=ketua_id, profile=profile)
        head_id = head.person.id if head is not None else None
        crew = [employee_id for employee_id, role in members.get(team_id, []) if role in MEMBER_ROLES]
        for period in periods[team_id]:
            due = due_for(profile, period)
            for member_id in crew:
                done = (team_id, period.key, ReportKind.MEMBER, member_id) in reported
                found.append(Obligation(MEMBER_REPORT, team_id, member_id, ketua_id, team.group_chat_id,
                                        period.key, due=due, done=done, label=team.name))
            done_team = (team_id, period.key, ReportKind.TEAM, ketua_id) in reported
            found.append(Obligation(TEAM_REPORT, team_id, ketua_id, head_id, None, period.key, due=due,
                                    done=done_team, label=team.name))
    return found
