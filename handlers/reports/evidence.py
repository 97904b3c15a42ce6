"""Opening a report's supporting files (data dukung): Telegram keeps the files, we keep
their ids, and only the author and the officials on the report's route may see them."""
from __future__ import annotations

from handlers.core.context import Ctx
from handlers.core.registry import Router
from handlers.core.types import SendFile
from handlers.reports.buttons import ReportFiles

router = Router()


@router.callback(ReportFiles)
async def on_open_files(ctx: Ctx, pressed: ReportFiles) -> None:
    await send_files(ctx, pressed.report_id)


async def send_files(ctx: Ctx, report_id: int) -> None:
    """Also reached by a recap's link, t.me/<bot>?start=dd_<report id> (onboarding/start.py)."""
    report = await ctx.uow.reports.get(report_id)
    if report is None or not report.files:
        _refuse(ctx, ctx.t("This button is not valid any more."))
        return
    if ctx.me.id != report.author_id and ctx.me.id not in report.route:
        _refuse(ctx, ctx.t("Only the author and the officials this report goes to can open its files."))
        return
    ctx.answer()
    for f in report.files:
        ctx.replies.append(SendFile(ctx.update.chat_id, f["file_id"], f.get("kind") or "document",
                                    caption=f.get("name") or None))


def _refuse(ctx: Ctx, text: str) -> None:
    if ctx.update.is_callback:
        ctx.answer(text, alert=True)
    else:
        ctx.reply(text)
