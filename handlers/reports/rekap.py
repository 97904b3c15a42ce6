"""/rekap for the unit head: every team of my unit(s) for its current period — who reported
(accepted / waiting / returned), who has not (late once a period has ended), where the team
report is on its route — and what waits for me. Compact for a phone; long answers are split."""
from __future__ import annotations

from domain.ids import id_of
from domain.org import Unit
from domain.report import Report, ReportKind, ReportStatus, RequestStatus
from domain.team import MemberRole, Team
from domain.text import shorten
from handlers.core.context import Ctx
from handlers.core.formatting import day, period
from handlers.core.lookups import present
from handlers.core.paging import Entry, PageTurn, joined_fitting, page_view
from handlers.core.registry import Router
from handlers.core.roles import headed_units
from handlers.reports.cards import (
    kind_label,
    short,
    status_label,
)
from handlers.reports.usecases import local_today, periods

router = Router()

NAMES_BUDGET = 1200  # characters of names in a team block: a 500-person team stays readable
MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)


def mark(report: Report | None) -> str:
    if report is None or report.status is ReportStatus.DRAFT:
        return "❌"
    return {ReportStatus.ACCEPTED: "✅", ReportStatus.SUBMITTED: "⏳", ReportStatus.RETURNED: "↩️"}[report.status]


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
    """One message, paged at team boundaries; what waits for me closes the last page."""
    t = ctx.t
    unit_ids = sorted({i for u in units for i in await ctx.uow.org.subunit_ids(u.id)})
    teams = await ctx.uow.teams.in_units(unit_ids)
    header = t("<b>Recap of {units}</b> — {date}", units=joined_fitting(t, [u.name for u in units], 300, ", "),
               date=day(t, ctx.today))
    entries = [Entry(await _team_block(ctx, team)) for team in teams] \
        or [Entry(t("No teams yet (/timbaru forms one)."))]
    entries.append(Entry(await _waiting_block(ctx)))
    ctx.edit_or_reply(*page_view(t, header, entries, page, RekapPage, separator="\n\n"))


async def _team_block(ctx: Ctx, team: Team) -> str:
    t, today = ctx.t, local_today(ctx.profile, ctx.now)
    current, before = periods(ctx.profile, team, today)
    members = [m for m in await ctx.uow.teams.members(id_of(team)) if m.role in MEMBER_ROLES]
    people = await ctx.uow.org.employees({m.employee_id for m in members}
                                         | ({team.ketua_id} if team.ketua_id else set()))
    ketua = people.get(team.ketua_id) if team.ketua_id else None
    lines = [t("<b>{team}</b> — {period}, ketua: {ketua}", team=shorten(team.name, 120), period=period(t, current.key),
               ketua=ketua.name if ketua else t("none yet"))]
    now_reports = await _by_author(ctx, team, current.key)
    if members:
        # the ones not yet reported first: who to chase is what a unit head looks for
        marked = sorted(((mark(now_reports.get(m.employee_id)), people[m.employee_id].name) for m in members),
                        key=lambda pair: pair[0] != "❌")
        lines.append(joined_fitting(t, [f"{sign} {_esc(name)}" for sign, name in marked], NAMES_BUDGET))
    else:
        lines.append(t("No members besides the ketua."))
    lines.append(t("Team report: {state}", state=await _team_report_state(ctx, team, current.key)))
    if today > before.end:  # the previous period is over: who is late for it
        old = await _by_author(ctx, team, before.key)
        late = [people[m.employee_id].name for m in members if mark(old.get(m.employee_id)) == "❌"
                and m.joined_at.date() <= before.end]
        team_old = await _team_report(ctx, team, before.key)
        if late or (team.ketua_id and mark(team_old) == "❌" and team.starts_on and team.starts_on <= before.end):
            parts = [joined_fitting(t, late, NAMES_BUDGET, ", ")] if late else []
            if team.ketua_id and mark(team_old) == "❌" and team.starts_on and team.starts_on <= before.end:
                parts.append(t("the team report"))
            lines.append(t("⚠️ Late for {period}: {who}", period=period(t, before.key), who="; ".join(parts)))
    open_kendala = [k for k in await ctx.uow.reports.kendala_of_team(id_of(team)) if k.status.value == "open"]
    if open_kendala:
        lines.append(t("Open kendala: {count}", count=len(open_kendala)))
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


async def _by_author(ctx: Ctx, team: Team, period_key: str) -> dict[int, Report]:
    return {r.author_id: r for r in await ctx.uow.reports.for_team_period(id_of(team), period_key, ReportKind.MEMBER)
            if r.request_id is None}


async def _team_report(ctx: Ctx, team: Team, period_key: str) -> Report | None:
    reports = [r for r in await ctx.uow.reports.for_team_period(id_of(team), period_key, ReportKind.TEAM)
               if r.request_id is None and r.status is not ReportStatus.DRAFT]
    return reports[-1] if reports else None


async def _team_report_state(ctx: Ctx, team: Team, period_key: str) -> str:
    t = ctx.t
    report = await _team_report(ctx, team, period_key)
    if report is None:
        return t("not sent yet")
    people = await ctx.uow.org.employees(report.route)
    return mark(report) + " " + status_label(t, report, people)


async def _waiting_block(ctx: Ctx) -> str:
    t, me = ctx.t, ctx.me
    lines = [t("<b>Waiting for you</b>")]
    waiting = await ctx.uow.reports.waiting_for(me.id)
    teams = {r.team_id: present(await ctx.uow.teams.get(r.team_id), "a report's team") for r in waiting if r.team_id}
    authors = await ctx.uow.org.employees(r.author_id for r in waiting)
    for r in waiting[:15]:
        where = f" — {_esc(teams[r.team_id].name)}" if r.team_id else ""
        lines.append(t("• {kind} of {name}, {period}", kind=kind_label(t, r), name=authors[r.author_id].name,
                       period=period(t, r.period_key)) + where)
    if waiting:
        lines.append(t("Review them with /laporan."))
    for k in await ctx.uow.reports.open_kendala_for(me.id):
        team = present(await ctx.uow.teams.get(k.team_id), "a kendala's team")
        lines.append(t("• Kendala of {team}: {text}", team=team.name, text=short(k.description, 80)))
    requests = await ctx.uow.reports.requests_by(me.id)
    if requests:
        overdue = sum(1 for r in requests if r.status is RequestStatus.OPEN and ctx.today > r.due_on)
        lines.append(t("• Your requests not answered yet: {count} ({overdue} overdue) — /mintalaporan",
                       count=len(requests), overdue=overdue))
    if len(lines) == 1:
        lines.append(t("Nothing is waiting for you."))
    return "\n".join(lines)
