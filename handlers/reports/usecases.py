"""Sending a report on its way: route, version row, audit row and the notices, all in the
caller's transaction (rules 40, 41, 44-47, 51)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.additional_duty import credit_activity_approver
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.periods import Cadence, Period, period_of
from domain.profiles import Profile
from domain.report import Report, ReportKind, ReportRequest, ReportStatus
from domain.report_routing import route_for
from domain.rules import check_report_evidence, monitoring_period_months
from domain.team import Team
from handlers.core.context import Ctx
from handlers.core.i18n import Translator
from handlers.core.lookups import present
from handlers.core.types import Keyboard
from handlers.reports.cards import report_card, review_keyboard
from handlers.teams.dialog import expectations_for
from storage.records import Decision, ReportVersion
from storage.uow import UnitOfWork


def cadence_months(profile: Profile, team: Team | None) -> int:
    """The team's own period where it has one (rule 42), else the profile's (rule 43)."""
    if team is not None and team.cadence_months is not None:
        return team.cadence_months
    return monitoring_period_months(profile)


def local_today(profile: Profile, now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(profile.timezone)).date()


def periods(profile: Profile, team: Team | None, today: dt.date) -> tuple[Period, Period]:
    months = cadence_months(profile, team)
    current = period_of(Cadence(months), today)
    return current, current.previous()


async def people_of(uow: UnitOfWork, report: Report, *extra: int) -> dict[int, Employee]:
    return await uow.org.employees({report.author_id, *report.route, *extra})


async def card(uow: UnitOfWork, t: Translator, report: Report, *, with_text: bool = True) -> str:
    people = await people_of(uow, report)
    team = await uow.teams.get(report.team_id) if report.team_id else None
    return report_card(t, report, people[report.author_id], team, people, with_text=with_text)


def check_evidence_rule(profile: Profile, files: list) -> None:
    """Rule 44 (Surakarta Ps 26(1)): refused with the rule and the article."""
    res = check_report_evidence(profile, len(files))
    if not res.ok:
        finding = res.failures[0]
        raise DomainError("report_evidence_missing", rule=finding.rule_id, article=finding.article,
                          regulation=profile.citation_title)


async def compute_route(ctx: Ctx, report: Report, team: Team | None, request: ReportRequest | None) -> list[int]:
    me = present(await ctx.uow.org.employee(report.author_id), "the report's author")
    extra = [i for i in (team.pengendali_id if team else None, team.ketua_id if team else None) if i]
    org = await ctx.uow.org.view_for(me, unit_ids=[team.unit_id] if team else [], employee_ids=extra, on=ctx.today)
    return route_for(org, ctx.profile, report.kind, me, team=team,
                     requester_id=request.requester_id if request is not None else None,
                     credit_activity=report.credit_activity)


async def credit_approver(ctx: Ctx, team_id: int | None) -> Employee | None:
    """Who approves my credit-point activity in this team's report (rule 49; HSU Ps 16(2)), or None
    where the question does not arise."""
    team = await ctx.uow.teams.get(team_id) if team_id else None
    if team is None or not ctx.profile.reporting.credit_activity_needs_unit_head_approval:
        return None
    org = await ctx.uow.org.view_for(ctx.me, unit_ids=[team.unit_id], on=ctx.today)
    return credit_activity_approver(org, ctx.profile, ctx.me, team.unit_id)


def record_version(uow: UnitOfWork, report: Report, now: dt.datetime) -> None:
    uow.reports.add(ReportVersion(id_of(report), report.version, report.text, list(report.files), now))


async def submit(ctx: Ctx, report: Report, team: Team | None, request: ReportRequest | None) -> None:
    """First submission or resubmission after a return: the whole route again."""
    check_evidence_rule(ctx.profile, report.files)
    route = await compute_route(ctx, report, team, request)
    resubmitted = report.status is ReportStatus.RETURNED
    report.submit(route, ctx.now, evidence_required=ctx.profile.reporting.evidence_required)
    if report.id is None:
        ctx.uow.reports.add(report)
    await ctx.uow.flush()
    if request is not None and request.report_id is None:
        request.answer(id_of(report))
    record_version(ctx.uow, report, ctx.now)
    ctx.uow.decisions.add(Decision("report", id_of(report), report.author_id,
                                   "resubmitted" if resubmitted else "submitted", ctx.now,
                                   details={"version": report.version, "route": route,
                                            "source": ctx.profile.reporting.source_of("team_route")
                                            if report.kind is ReportKind.TEAM else ctx.profile.reporting.source}))
    await notify_reviewer(ctx, report, "h0")


async def correct(ctx: Ctx, report: Report, text: str, files: list) -> None:
    """Before anyone has reviewed it, the author replaces text and files: a new version."""
    check_evidence_rule(ctx.profile, files)
    report.correct(ctx.me.id, text, ctx.now, files, evidence_required=ctx.profile.reporting.evidence_required)
    record_version(ctx.uow, report, ctx.now)
    ctx.uow.decisions.add(Decision("report", id_of(report), report.author_id, "corrected", ctx.now,
                                   details={"version": report.version}))
    await notify_reviewer(ctx, report, "corr", corrected=True)


async def notify_reviewer(ctx: Ctx, report: Report, event: str, corrected: bool = False, note_by: str | None = None
                          ) -> None:
    reviewer = report.current_reviewer
    if reviewer is None:
        return
    people = await people_of(ctx.uow, report)
    team = await ctx.uow.teams.get(report.team_id) if report.team_id else None
    author = people[report.author_id]
    expectations = await expectations_for(ctx.uow, report)

    def render(t: Translator) -> tuple[str, Keyboard | None]:
        if corrected:
            first = t("{name} corrected the report before review; this is the new version:", name=author.name)
        elif note_by:
            first = t("{name} forwarded this report to you:", name=note_by)
        else:
            first = t("A report waits for your review:")
        return (first + "\n\n" + report_card(t, report, author, team, people, expectations=expectations),
                review_keyboard(t, report))

    await ctx.notify(reviewer, f"rep:{report.id}:v{report.version}:{event}", render, card=review_card(report))


def review_card(report: Report) -> str:
    """The card of the report's review at its current hop (every version sent to that reviewer)."""
    return f"rep:{id_of(report)}:h{report.hop}"
