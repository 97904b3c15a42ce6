"""/laporan for everyone: my reports (with [Correct] / [Revise] / [Continue]) and the
reports waiting for my review, with their buttons."""
from __future__ import annotations

from domain.org import Employee
from domain.report import ReportStatus
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.i18n import Html
from handlers.core.registry import Router
from handlers.reports.buttons import ReportAction
from handlers.reports.cards import (
    kind_label,
    report_card,
    review_keyboard,
    status_label,
)

router = Router()


@router.command("laporan")
async def my_reports(ctx: Ctx) -> None:
    t, me = ctx.t, ctx.me
    mine = list(await ctx.uow.reports.by_author(me.id, limit=10))
    waiting = await ctx.uow.reports.waiting_for(me.id)
    shown = waiting[:10]
    # Everyone and every team the answer names, in two loads (not two per report).
    people: dict[int, Employee] = await ctx.uow.org.employees(
        {i for r in mine for i in r.route} | {i for r in shown for i in (r.author_id, *r.route)})
    teams = await ctx.uow.teams.many(r.team_id for r in (*mine, *shown) if r.team_id)
    if mine:
        lines, rows = [t("<b>Your reports</b> (newest first):")], []
        for r in mine:
            team = teams.get(r.team_id) if r.team_id else None
            label = f"{r.period_key} " + (team.name[:30] if team else kind_label(t, r))
            lines.append(t("• {label}: {status}", label=label, status=status_label(t, r, people)))
            if r.status is ReportStatus.SUBMITTED and not r.reviewed:
                rows.append([button(t("✏️ Correct") + " " + label[:40], ReportAction("fix", r.id))])
            elif r.status is ReportStatus.RETURNED:
                rows.append([button(t("✏️ Revise") + " " + label[:40], ReportAction("fix", r.id))])
            elif r.status is ReportStatus.DRAFT:
                rows.append([button(t("▶️ Continue") + " " + label[:40], ReportAction("fix", r.id))])
        ctx.reply(Html("\n".join(lines)), keyboard(*rows))
    else:
        ctx.reply(t("You have sent no reports yet. Send /lapor to write one."))
    if waiting:
        ctx.reply(t("{count} report(s) wait for your review:", count=len(waiting)))
    for r in shown:
        team = teams.get(r.team_id) if r.team_id else None
        ctx.reply(report_card(t, r, people[r.author_id], team, people), review_keyboard(t, r))
