"""/rekap for the unit head: every team of my unit(s) for its current period — who reported
(accepted / waiting / returned), who has not (late once a period has ended), where the team
report is on its route — and what waits for me. Compact for a phone; long answers are paged in one message."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.ids import id_of
from domain.org import Employee, Unit
from domain.report import Report, ReportKind, ReportStatus, RequestStatus
from domain.team import MemberRole, Membership, Team
from domain.text import shorten
from handlers.core.context import Ctx
from handlers.core.formatting import day, period
from handlers.core.lookups import present
from handlers.core.paging import PER_PAGE, TEXT_BUDGET, Entry, PageTurn, joined_fitting, one_page
from handlers.core.registry import Router
from handlers.core.roles import headed_units
from handlers.reports import rekap_export
from handlers.reports.cards import (
    kind_label,
    short,
    status_label,
)
from handlers.reports.usecases import local_today, periods

router = Router()

NAMES_BUDGET = 1200  # characters of names in a team block: a 500-person team stays readable
WAITING_SHOWN = 15  # reports waiting for me named on the last page (all of them are in /laporan)
NAMES_MIN = 60  # ... and when ten big teams share a page, at least this many
MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)


def mark(report: Report | None) -> str:
    return mark_status(report.status if report is not None else None)


def mark_status(status: ReportStatus | None) -> str:
    if status is None or status is ReportStatus.DRAFT:
        return "❌"
    return {ReportStatus.ACCEPTED: "✅", ReportStatus.SUBMITTED: "⏳", ReportStatus.RETURNED: "↩️"}[status]


@router.command("rekap")
async def rekap(ctx: Ctx) -> None:
    t = ctx.t
    units = await headed_units(ctx)
    if not units:
        ctx.reply(t("/rekap is for unit heads: it shows the reports of the teams in your unit. "
                    "Your own reports are in /laporan."))
        return
    await _show(ctx, units, 0)


class RekapPage(PageTurn, prefix="pg:rk"):
    pass


@router.callback(RekapPage)
async def on_page(ctx: Ctx, pressed: RekapPage) -> None:
    ctx.answer()
    units = await headed_units(ctx)
    if units:
        await _show(ctx, units, pressed.page)


async def _show(ctx: Ctx, units: list[Unit], page: int) -> None:
    """One message, ten teams a page in name order, what waits for me closing the last page
    (as page_view pages the team blocks and that block). Paged in SQL: a page loads its ten
    teams only, whatever the size of the Dinas, in a fixed number of statements."""
    t = ctx.t
    roots, index = [u.id for u in units], max(page, 0)
    teams, count = await ctx.uow.teams.page_below(roots, index * PER_PAGE, PER_PAGE)
    if count is None:  # past the last team: the closing page, or a button older than a team's end
        count = await ctx.uow.teams.count_below(roots)
    pages = -(-(max(count, 1) + 1) // PER_PAGE)  # the team blocks (or "no teams yet"), then what waits
    if index >= pages:
        index = pages - 1
        teams, _ = await ctx.uow.teams.page_below(roots, index * PER_PAGE, PER_PAGE)
    header = t("<b>Recap of {units}</b> — {date}", units=joined_fitting(t, [u.name for u in units], 300, ", "),
               date=day(t, ctx.today))
    waiting = [await _waiting_block(ctx)] if index == pages - 1 else []
    texts = _fitted(ctx, teams, await _load(ctx, teams), sum(len(w) + 2 for w in waiting)) if teams else []
    if count == 0:
        texts.append(t("No teams yet (/timbaru forms one)."))
    texts += waiting
    ctx.edit_or_reply(*one_page(t, header, [Entry(text) for text in texts], index, pages, RekapPage,
                                separator="\n\n"))
    if count:  # on every page, since turning a page replaces its buttons
        rekap_export.offer(ctx)


def _fitted(ctx: Ctx, teams: list[Team], loaded: _Loaded, room: int) -> list[str]:
    """The page's team blocks, within the page's character budget: where ten big teams would
    pass it, each names fewer people ("and 480 more") rather than the page dropping a team.
    `room`: what else the page holds."""
    budget = NAMES_BUDGET
    while True:
        blocks = [_team_block(ctx, team, loaded, budget) for team in teams]
        size = sum(len(b) + 2 for b in blocks) + room
        if size <= TEXT_BUDGET or budget <= NAMES_MIN:
            return blocks
        budget = max(NAMES_MIN, budget * TEXT_BUDGET // size - 1)


@dataclass
class _Loaded:
    """Everything the team blocks read, each kind in one batched load whatever the number of teams."""

    today: dt.date
    members: dict[int, list[Membership]]
    people: dict[int, Employee]
    statuses: dict[tuple[int, str, int], ReportStatus]  # (team, period, member): their latest report's
    reports: dict[tuple[int, str, ReportKind], list[Report]]  # periodic team reports, oldest first
    open_kendala: dict[int, int]


async def _load(ctx: Ctx, teams: list[Team]) -> _Loaded:
    today = local_today(ctx.profile, ctx.now)
    team_ids = [id_of(team) for team in teams]
    keys = {p.key for team in teams for p in periods(ctx.profile, team, today)}
    members = {team_id: [m for m in found if m.role in MEMBER_ROLES]
               for team_id, found in (await ctx.uow.teams.members_of(team_ids)).items()}
    reports: dict[tuple[int, str, ReportKind], list[Report]] = {}
    for r in await ctx.uow.reports.for_teams(team_ids, keys, ReportKind.TEAM):
        reports.setdefault((r.team_id or 0, r.period_key, r.kind), []).append(r)
    # Members' reports: only their status shows, read as columns (thousands in an agency).
    statuses = await ctx.uow.reports.member_statuses(team_ids, keys)
    wanted = {m.employee_id for found in members.values() for m in found}
    wanted |= {team.ketua_id for team in teams if team.ketua_id}
    wanted |= {i for (_, _, kind), found in reports.items() if kind is ReportKind.TEAM for r in found for i in r.route}
    return _Loaded(today, members, await ctx.uow.org.employees(wanted), statuses, reports,
                   await ctx.uow.reports.open_kendala_counts(team_ids))


def _team_block(ctx: Ctx, team: Team, loaded: _Loaded, names_budget: int = NAMES_BUDGET) -> str:
    t, today, people = ctx.t, loaded.today, loaded.people
    current, before = periods(ctx.profile, team, today)
    members = loaded.members.get(id_of(team), [])
    ketua = people.get(team.ketua_id) if team.ketua_id else None
    lines = [t("<b>{team}</b> — {period}, ketua: {ketua}", team=shorten(team.name, 120), period=period(t, current.key),
               ketua=ketua.name if ketua else t("none yet"))]
    if members:
        # the ones not yet reported first: who to chase is what a unit head looks for
        marked = sorted(((_mark_of(loaded, team, current.key, m.employee_id), people[m.employee_id].name)
                         for m in members), key=lambda pair: pair[0] != "❌")
        lines.append(joined_fitting(t, [f"{sign} {_esc(name)}" for sign, name in marked], names_budget))
    else:
        lines.append(t("No members besides the ketua."))
    lines.append(t("Team report: {state}", state=_team_report_state(ctx, loaded, team, current.key)))
    if today > before.end:  # the previous period is over: who is late for it
        late = [people[m.employee_id].name for m in members
                if _mark_of(loaded, team, before.key, m.employee_id) == "❌" and m.joined_at.date() <= before.end]
        team_old = _team_report(loaded, team, before.key)
        if late or (team.ketua_id and mark(team_old) == "❌" and team.starts_on and team.starts_on <= before.end):
            parts = [joined_fitting(t, late, names_budget, ", ")] if late else []
            if team.ketua_id and mark(team_old) == "❌" and team.starts_on and team.starts_on <= before.end:
                parts.append(t("the team report"))
            lines.append(t("⚠️ Late for {period}: {who}", period=period(t, before.key), who="; ".join(parts)))
    open_kendala = loaded.open_kendala.get(id_of(team), 0)
    if open_kendala:
        lines.append(t("Open kendala: {count}", count=open_kendala))
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mark_of(loaded: _Loaded, team: Team, period_key: str, member_id: int) -> str:
    return mark_status(loaded.statuses.get((id_of(team), period_key, member_id)))


def _team_report(loaded: _Loaded, team: Team, period_key: str) -> Report | None:
    reports = [r for r in loaded.reports.get((id_of(team), period_key, ReportKind.TEAM), [])
               if r.status is not ReportStatus.DRAFT]
    return reports[-1] if reports else None


def _team_report_state(ctx: Ctx, loaded: _Loaded, team: Team, period_key: str) -> str:
    t = ctx.t
    report = _team_report(loaded, team, period_key)
    if report is None:
        return t("not sent yet")
    return mark(report) + " " + status_label(t, report, loaded.people)


async def _waiting_block(ctx: Ctx) -> str:
    t, me = ctx.t, ctx.me
    lines = [t("<b>Waiting for you</b>")]
    waiting = await ctx.uow.reports.waiting_for(me.id, limit=WAITING_SHOWN)
    kendala = await ctx.uow.reports.open_kendala_for(me.id)
    teams = await ctx.uow.teams.many({r.team_id for r in waiting if r.team_id} | {k.team_id for k in kendala})
    authors = await ctx.uow.org.employees(r.author_id for r in waiting)
    for r in waiting:
        where = " — " + _esc(present(teams.get(r.team_id), "a report's team").name) if r.team_id else ""
        lines.append(t("• {kind} of {name}, {period}", kind=kind_label(t, r), name=authors[r.author_id].name,
                       period=period(t, r.period_key)) + where)
    if waiting:
        lines.append(t("Review them with /laporan."))
    for k in kendala:
        team = present(teams.get(k.team_id), "a kendala's team")
        lines.append(t("• Kendala of {team}: {text}", team=team.name, text=short(k.description, 80)))
    requests = await ctx.uow.reports.requests_by(me.id)
    if requests:
        overdue = sum(1 for r in requests if r.status is RequestStatus.OPEN and ctx.today > r.due_on)
        lines.append(t("• Your requests not answered yet: {count} ({overdue} overdue) — /mintalaporan",
                       count=len(requests), overdue=overdue))
    if len(lines) == 1:
        lines.append(t("Nothing is waiting for you."))
    return "\n".join(lines)
