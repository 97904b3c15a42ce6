"""/laporan for everyone: my reports (with [Correct] / [Revise] / [Continue]) and the
reports waiting for my review, with their buttons."""
from __future__ import annotations

from domain.org import Employee
from domain.report import ReportStatus
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import period
from handlers.core.i18n import Html
from handlers.core.paging import Entry, PageTurn, nav_row, page_view
from handlers.core.registry import Router
from handlers.reports.buttons import ReportAction
from handlers.reports.cards import (
    kind_label,
    report_card,
    review_keyboard,
    status_label,
)

router = Router()
MINE_MAX = 200  # the newest; older ones are in the recap and the archive


class MinePage(PageTurn, prefix="pg:lp"):
    pass


class WaitingPage(PageTurn, prefix="pg:lw"):
    pass


@router.command("laporan")
async def my_reports(ctx: Ctx) -> None:
    """Two messages, each paged in place: my reports, and the reports waiting for my review."""
    await _mine(ctx, 0)
    await _waiting(ctx, 0, first=True)


@router.callback(MinePage)
async def on_mine_page(ctx: Ctx, pressed: MinePage) -> None:
    ctx.answer()
    await _mine(ctx, pressed.page)


@router.callback(WaitingPage)
async def on_waiting_page(ctx: Ctx, pressed: WaitingPage) -> None:
    ctx.answer()
    await _waiting(ctx, pressed.page)


async def _mine(ctx: Ctx, page: int) -> None:
    t, me = ctx.t, ctx.me
    mine = list(await ctx.uow.reports.by_author(me.id, limit=MINE_MAX))
    if not mine:
        ctx.edit_or_reply(t("You have sent no reports yet. Send /lapor to write one."))
        return
    people: dict[int, Employee] = await ctx.uow.org.employees({i for r in mine for i in r.route})
    teams = await ctx.uow.teams.many(r.team_id for r in mine if r.team_id)  # one load, not one per team
    entries = []
    for r in mine:
        team = teams.get(r.team_id) if r.team_id else None
        label = period(t, r.period_key) + " · " + (shorten(team.name, 40) if team else kind_label(t, r))
        line = t("• {label}: {status}", label=label, status=status_label(t, r, people))
        action = t("✏️ Correct") if r.status is ReportStatus.SUBMITTED and not r.reviewed \
            else t("✏️ Revise") if r.status is ReportStatus.RETURNED \
            else t("▶️ Continue") if r.status is ReportStatus.DRAFT else None
        rows = keyboard([button(shorten(f"{action} {label}", 60), ReportAction("fix", r.id))]) if action else ()
        entries.append(Entry(line, rows))
    ctx.edit_or_reply(*page_view(t, t("<b>Your reports</b> (newest first):"), entries, page, MinePage))


async def _waiting(ctx: Ctx, page: int, first: bool = False) -> None:
    """One report card a page, with the reviewer's buttons (a card is up to a screenful); only
    the shown report is loaded (paged in SQL)."""
    t = ctx.t
    count = await ctx.uow.reports.count_waiting_for(ctx.me.id)
    index = min(max(page, 0), count - 1)
    shown = await ctx.uow.reports.waiting_for(ctx.me.id, offset=index, limit=1) if count else []
    if not shown:
        if not first:
            ctx.edit_or_reply(t("Nothing is waiting for your review."))
        return
    r = shown[0]
    everyone = await ctx.uow.org.employees({r.author_id, *r.route})
    team = await ctx.uow.teams.get(r.team_id) if r.team_id else None
    head = t.ngettext("{count} report waits for your review:", "{count} reports wait for your review:", count)
    text = head + "\n\n" + report_card(t, r, everyone[r.author_id], team, everyone)
    rows = review_keyboard(t, r)
    if count > 1:
        text += "\n\n" + t("Report {number} of {count}", number=index + 1, count=count)
        rows = (*rows, nav_row(t, index, count, WaitingPage))
    if first:
        ctx.reply(Html(text), rows)
    else:
        ctx.edit_or_reply(Html(text), rows)
