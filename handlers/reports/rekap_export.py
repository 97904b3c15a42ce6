"""/rekap's [Unduh Excel] and [Grafik]: the unit head's recap as an XLSX document and the
on-time chart as a photo (handlers/reports/recap_export.py, recap_chart.py). The buttons
come as one short message after the recap, so the recap's own layout stays its own."""
from __future__ import annotations

import asyncio
import dataclasses
from typing import Literal

from handlers.core.buttons import CallbackData, button
from handlers.core.context import Ctx, keyboard
from handlers.core.registry import Router
from handlers.core.roles import headed_units
from handlers.core.types import EditMessage, SendDocument, SendMessage
from handlers.org.workbook import xlsx_bytes
from handlers.reports.recap_chart import chart_png
from handlers.reports.recap_export import on_time_history, recap_sheet, unit_teams

router = Router()


class RekapFile(CallbackData, prefix="rkx"):
    kind: Literal["xlsx", "chart"]


def offer(ctx: Ctx) -> None:
    """[Unduh Excel] [Grafik] under the recap's last message (after any buttons it has)."""
    t = ctx.t
    row = (button(t("📥 Download Excel"), RekapFile("xlsx")), button(t("📈 Chart"), RekapFile("chart")))
    for i in range(len(ctx.replies) - 1, -1, -1):
        reply = ctx.replies[i]
        if isinstance(reply, SendMessage | EditMessage) and reply.chat_id == ctx.update.chat_id:
            ctx.replies[i] = dataclasses.replace(reply, keyboard=(reply.keyboard or ()) + (row,))
            return
    ctx.reply(t("Take this recap with you:"), keyboard(row))


@router.callback(RekapFile)
async def on_file(ctx: Ctx, pressed: RekapFile) -> None:
    t = ctx.t
    units = await headed_units(ctx)
    if not units:
        ctx.answer(t("/rekap is for unit heads: it shows the reports of the teams in your unit. "
                     "Your own reports are in /laporan."), alert=True)
        return
    teams = await unit_teams(ctx.uow, [u.id for u in units])
    names = ", ".join(u.name for u in units)
    ctx.answer(t("Preparing the file…"))
    if pressed.kind == "xlsx":
        sheet = await recap_sheet(ctx.uow, ctx.profile, t, teams, ctx.today, ctx.app.config.bot_username)
        content = await asyncio.to_thread(xlsx_bytes, sheet)
        caption = t.ngettext("Recap of {units} — {count} row", "Recap of {units} — {count} rows", len(sheet.rows),
                             units=names)
        ctx.replies.append(SendDocument(ctx.update.chat_id, f"rekap-{ctx.today:%Y-%m-%d}.xlsx", content,
                                        caption=caption))
        return
    history = await on_time_history(ctx.uow, ctx.profile, teams, ctx.today)
    png = await asyncio.to_thread(chart_png, history, t("Reports sent on time — {units}", units=names),
                                  t("No ended periods yet."), t("% on time"))
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"rekap-{ctx.today:%Y-%m-%d}.png", png, as_photo=True,
                                    caption=t("Reports sent on time, per team, over the last periods.")))
