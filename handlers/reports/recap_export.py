"""A unit's reporting as files people use outside the chat, for /rekap's buttons and
`./scripts/bot rekap export|chart`:

- an XLSX, per team and period (the current one and the one before): who reported, when,
  on time or not, the status and the reviewer, and the data dukung with a link that opens
  them in Telegram (t.me/<bot>?start=dd_<report id>; only the author and the route may);
- the on-time rate per team over its last ended periods (handlers/reports/recap_chart.py).

On time: sent (its latest submission) by the end of the period's last day in the Pemda's
zone (domain.reminders.due_for), as the reminders count it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.ids import id_of
from domain.org import Employee
from domain.periods import Period
from domain.profiles import Profile
from domain.reminders import due_for
from domain.report import Report, ReportKind, ReportStatus
from domain.team import MemberRole, Team
from handlers.core.i18n import Translator
from handlers.org.link_export import local_moment
from handlers.org.workbook import Link, Sheet
from handlers.reports.cards import status_label
from handlers.reports.usecases import periods
from storage.uow import UnitOfWork

MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)
EVIDENCE_PREFIX = "dd_"  # /start dd_<report id>: a recap's link to a report's data dukung
CHART_PERIODS = 4


@dataclass(frozen=True)
class OnTime:
    team: str
    period_key: str
    due: int  # members (and the ketua's team report) owing a report for the period
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def evidence_link(bot_username: str, report_id: int) -> str:
    return f"https://t.me/{bot_username}?start={EVIDENCE_PREFIX}{report_id}"


async def unit_teams(uow: UnitOfWork, unit_ids: list[int]) -> list[Team]:
    below = sorted({i for u in unit_ids for i in await uow.org.subunit_ids(u)})
    return await uow.teams.in_units(below)


def _sent_on_time(profile: Profile, report: Report | None, period: Period) -> bool:
    return (report is not None and report.status is not ReportStatus.DRAFT and report.submitted_at is not None
            and report.submitted_at <= due_for(profile, period))


async def _reports(uow: UnitOfWork, team: Team, period: Period) -> tuple[dict[int, Report], Report | None]:
    """(member reports by author, the team report) of a period, requested ones left out."""
    found = [r for r in await uow.reports.for_team_period(id_of(team), period.key) if r.request_id is None]
    members = {r.author_id: r for r in found if r.kind is ReportKind.MEMBER}
    teams = [r for r in found if r.kind is ReportKind.TEAM and r.status is not ReportStatus.DRAFT]
    return members, (teams[-1] if teams else None)


async def recap_sheet(uow: UnitOfWork, profile: Profile, t: Translator, teams: list[Team], today: dt.date,
                      bot_username: str) -> Sheet:
    rows: list[list[object]] = []
    for team in teams:
        current, before = periods(profile, team, today)
        members = [m for m in await uow.teams.members(id_of(team)) if m.role in MEMBER_ROLES]
        for period in (before, current):
            if team.starts_on is not None and period.end < team.starts_on:
                continue
            by_author, team_report = await _reports(uow, team, period)
            reports = [r for r in [*by_author.values(), team_report] if r is not None]
            people = await uow.org.employees({m.employee_id for m in members} | {i for r in reports for i in r.route}
                                             | ({team.ketua_id} if team.ketua_id else set()))
            for m in members:
                if m.joined_at.date() <= period.end:
                    rows.append(_row(t, profile, team, period, people[m.employee_id], t("member report"),
                                     by_author.get(m.employee_id), people, today, bot_username))
            if team.ketua_id:
                rows.append(_row(t, profile, team, period, people[team.ketua_id], t("team report"), team_report,
                                 people, today, bot_username))
    headers = [t("Team"), t("Period"), t("NIP"), t("Name"), t("Report"), t("Status"), t("Sent"), t("On time"),
               t("Reviewer"), t("Decided"), t("Data dukung"), t("Open data dukung")]
    return Sheet(t("Recap"), headers, rows)


def _row(t: Translator, profile: Profile, team: Team, period: Period, who: Employee, kind: str,
         report: Report | None, people: dict[int, Employee], today: dt.date, bot_username: str) -> list[object]:
    tz = profile.timezone
    sent = report is not None and report.status is not ReportStatus.DRAFT
    if not sent:
        status = t("not reported yet") if today <= period.end else t("not reported (late)")
        return [team.name, period.key, who.nip, who.name, kind, status, "", t("no") if today > period.end else "",
                "", "", "", ""]
    assert report is not None and report.id is not None  # sent, so stored
    reviewer = people.get(report.route[report.hop]) if report.route else None
    files = ", ".join(f.get("name") or t("file") for f in report.files)
    return [team.name, period.key, who.nip, who.name, kind, _plain(status_label(t, report, people)),
            local_moment(report.submitted_at, tz) if report.submitted_at else "",
            t("yes") if _sent_on_time(profile, report, period) else t("no"),
            reviewer.name if reviewer else "", local_moment(report.decided_at, tz) if report.decided_at else "",
            files, Link(t("open"), evidence_link(bot_username, report.id)) if report.files else ""]


def _plain(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


async def on_time_history(uow: UnitOfWork, profile: Profile, teams: list[Team], today: dt.date,
                          count: int = CHART_PERIODS) -> list[list[OnTime]]:
    """Per team, its last `count` ended periods (oldest first) since it started."""
    out = []
    for team in teams:
        _, period = periods(profile, team, today)
        members = [m for m in await uow.teams.members(id_of(team), active_only=False) if m.role in MEMBER_ROLES]
        history: list[OnTime] = []
        for _ in range(count):
            if team.starts_on is not None and period.end < team.starts_on:
                break
            by_author, team_report = await _reports(uow, team, period)
            owing = [m for m in members if m.joined_at.date() <= period.end
                     and (m.left_at is None or m.left_at.date() >= period.end)]
            due = len(owing) + (1 if team.ketua_id else 0)
            on_time = sum(_sent_on_time(profile, by_author.get(m.employee_id), period) for m in owing)
            on_time += int(bool(team.ketua_id) and _sent_on_time(profile, team_report, period))
            history.append(OnTime(team.name, period.key, due, on_time))
            period = period.previous()
        out.append(list(reversed(history)))
    return out
