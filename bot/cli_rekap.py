"""`python -m bot rekap export|chart --unit CODE --out FILE`: /rekap's Excel file and on-time
chart from the command line (handlers/reports/recap_export.py, recap_chart.py), for a unit
and the units below it, in SIKERJA_LANGUAGE."""
from __future__ import annotations

import asyncio
import html
import sys
from pathlib import Path

from bot.settings import Settings


def add_commands(sub) -> dict:
    p = sub.add_parser("rekap", help="a unit's report recap as an Excel file, or its on-time chart as a PNG")
    p.add_argument("action", choices=["export", "chart"])
    p.add_argument("--unit", required=True, help="unit code (its units below are included)")
    p.add_argument("--out", type=Path, required=True, help="export: a .xlsx file; chart: a .png file")
    return {"rekap": cmd_rekap}


def cmd_rekap(args, settings: Settings) -> int:
    from bot.wiring import build_app
    from handlers.core.i18n import translator
    from handlers.org.workbook import xlsx_bytes
    from handlers.reports.recap_chart import chart_png
    from handlers.reports.recap_export import on_time_history, recap_sheet, unit_teams
    from handlers.reports.usecases import local_today
    from storage.migrate import upgrade

    wanted = ".xlsx" if args.action == "export" else ".png"
    t = translator(settings.language)
    if args.out.suffix.lower() != wanted:
        print(html.unescape(t("rekap {action}: --out must be a {wanted} file", action=args.action, wanted=wanted)),
              file=sys.stderr)
        return 2
    upgrade(settings.database_url)

    async def _run() -> tuple[int, str]:
        app, engine = build_app(settings)
        try:
            async with app.uow() as uow:
                unit = await uow.org.unit_by_code(args.unit.strip().upper())
                if unit is None:
                    return 2, t("Unknown unit code {code}.", code=args.unit)
                teams = await unit_teams(uow, [unit.id])
                today = local_today(app.profile, app.clock())
                if args.action == "export":
                    sheet = await recap_sheet(uow, app.profile, t, teams, today, app.config.bot_username)
                    args.out.write_bytes(xlsx_bytes(sheet))
                    return 0, t.ngettext("Recap of {count} team written to {out}.",
                                         "Recap of {count} teams written to {out}.", len(teams), out=str(args.out))
                history = await on_time_history(uow, app.profile, teams, today)
                args.out.write_bytes(chart_png(history, t("Reports sent on time — {units}", units=unit.name),
                                               t("No ended periods yet."), t("% on time")))
                return 0, t.ngettext("Chart of {count} team written to {out}.",
                                     "Chart of {count} teams written to {out}.", len(teams), out=str(args.out))
        finally:
            await engine.dispose()

    code, message = asyncio.run(_run())
    print(html.unescape(message), file=sys.stderr if code else sys.stdout)
    return code
