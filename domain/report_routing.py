"""The route a report travels, per kind and profile (rules 40, 41, 45-47, 51).

`deciders.report_route` reads the profile's route; this adds what the route alone does
not say: a report asked for at any time (rule 41) goes back to whoever asked, and where
the rater evaluates before the unit head decides (rule 51: HSU Lamp. II A.1.3.a, A.2.3.a;
Surakarta Lamp. IV 3.1.1.3.a, 3.1.2.3.a) the author's rater is a hop before the last one; a JF's
credit-point activity for another unit stops first at the JF's own unit head (rule 49: HSU Ps 16(2))."""
from __future__ import annotations

from domain.additional_duty import credit_activity_approver
from domain.deciders import OrgView, report_route, resolve_role
from domain.errors import DomainError
from domain.org import Employee
from domain.profiles import Profile, Role
from domain.report import Report, ReportKind
from domain.team import Team


def route_for(org: OrgView, profile: Profile, kind: ReportKind, author: Employee, *, team: Team | None = None,
              requester_id: int | None = None, credit_activity: bool = False) -> list[int]:
    """The officials a report passes, in order; the last one accepts it. `credit_activity`: the
    author says the report holds credit-point activity (angka kredit)."""
    if requester_id is not None:
        if requester_id == author.id:
            raise DomainError("no_report_route")
        return [requester_id]
    if kind is ReportKind.MEMBER:
        if team is None:
            raise DomainError("team_has_no_ketua")
        route = report_route(org, profile, "member", author, ketua_id=team.ketua_id)
    else:
        route = _upward(org, profile, kind, author, team)
    approver = (credit_activity_approver(org, profile, author, team.unit_id)
                if credit_activity and team is not None else None)
    if approver is not None and approver.id != author.id and approver.id not in route:
        route.insert(len(route) - 1, approver.id)  # approves before the one who accepts
    return route


def _upward(org: OrgView, profile: Profile, kind: ReportKind, author: Employee, team: Team | None) -> list[int]:
    route = report_route(org, profile, kind.value, author,
                         team_unit_id=team.unit_id if team is not None else None,
                         ketua_id=team.ketua_id if team is not None else None,
                         pengendali_id=team.pengendali_id if team is not None else None)
    if profile.reporting.rater_evaluates_first:
        rater = resolve_role(org, author, Role.RATER)
        if rater is not None and rater.id != author.id and rater.id not in route:
            route.insert(len(route) - 1, rater.id)
    return route


def rater_evaluated(report: Report, rater: Employee | None) -> bool:
    """Rule 51 holds at the last hop when the author's rater forwarded the report (or is
    the one deciding), or when no active rater is recorded (no report may hang)."""
    if rater is None or not rater.active:
        return True
    return rater.id in report.route[:report.hop + 1]
