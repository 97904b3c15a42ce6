"""CLI for the organisation: `import units|employees FILE`, `link-codes`, `admin add|remove|list`."""
from __future__ import annotations

import argparse
import asyncio
import html
import sys
from pathlib import Path

from bot.settings import Settings

PROGRESS_FROM = 500  # rows: smaller files need no progress bar


def add_commands(sub) -> dict:
    imp = sub.add_parser("import", help="import units or employees from CSV/XLSX (see docs/IMPORT.md)")
    imp.add_argument("kind", choices=["units", "employees", "teams"])
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    imp.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")
    imp.add_argument("--full", action="store_true",
                     help="employees: the file lists everyone; deactivate whoever is missing")
    codes = sub.add_parser("link-codes", help="issue link codes for active employees not yet linked")
    codes.add_argument("--unit", help="only this unit (and the units below it)")
    codes.add_argument("--out", type=Path, help="write a .csv or .xlsx file instead of printing")
    adm = sub.add_parser("admin", help="HR admins who may use /admin in Telegram")
    adm.add_argument("action", choices=["add", "remove", "list"])
    adm.add_argument("telegram_id", nargs="?", type=int)
    adm.add_argument("--note", help="who this is, e.g. 'BKPSDM - Rina'")
    return {"import": cmd_import, "link-codes": cmd_link_codes, "admin": cmd_admin}


class _Bar:
    """A progress bar on stderr: redrawn in place on a terminal, a few lines otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.tty = total, sys.stderr.isatty()
        self.last: tuple[str | None, int] = (None, -1)

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.total < PROGRESS_FROM or total <= 0:
            return
        step = int(20 * done / total)
        if (phase, step) == self.last:
            return
        self.last = (phase, step)
        line = f"{phase:<6} [{'#' * step}{'.' * (20 - step)}] {done}/{total}"
        if self.tty:
            sys.stderr.write("\r" + line + ("\n" if done >= total else ""))
        elif step in (0, 10, 20):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _migrate(settings: Settings) -> None:
    from storage.migrate import upgrade

    upgrade(settings.database_url)


def _app(settings: Settings):
    from bot.wiring import build_app

    return build_app(settings)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.core.i18n import translator
    from handlers.org.import_report import describe, summary
    from handlers.org.org_import import run_import
    from handlers.org.tabular import UnreadableFile, read_table

    t = translator(settings.language)
    try:
        table = read_table(args.file)
    except UnreadableFile as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.kind == "teams":
        return _import_teams(args, settings, table, t)
    progress = _Bar(len(table.rows))

    async def _run():
        app, engine = _app(settings)
        try:
            return await run_import(app.uow, args.kind, table, full=args.full, dry_run=args.dry_run,
                                    skip_bad=args.skip_bad, progress=progress,
                                    profile=app.profile)
        finally:
            await engine.dispose()

    _migrate(settings)
    result = asyncio.run(_run())
    for issue in result.issues:
        print(describe(t, issue))
    print("\n".join(summary(t, result)))
    return 1 if result.errors else 0


def _import_teams(args: argparse.Namespace, settings: Settings, table, t) -> int:
    from handlers.teams.import_file import import_teams

    async def _run():
        app, engine = _app(settings)
        try:
            return await import_teams(app.uow, app.profile, table, t, app.clock(), dry_run=args.dry_run,
                                      numbering=app.config.letters.numbering)
        finally:
            await engine.dispose()

    _migrate(settings)
    result = asyncio.run(_run())
    print("\n".join(result.problems))
    problems = t.ngettext("{count} problem", "{count} problems", len(result.problems))
    print(html.unescape(t("Teams: {created} new, {skipped} already there, {problems}{dry}.",
                          created=len(result.created), skipped=len(result.skipped), problems=problems,
                          dry=t(" (dry run: nothing written)") if args.dry_run or result.problems else "")))
    return 1 if result.problems else 0


def cmd_link_codes(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli_text import codes_issued, local_time
    from handlers.core.i18n import translator
    from handlers.org.link_codes import deep_link
    from handlers.org.link_export import issue_for_unlinked
    from handlers.org.tabular import write_table

    async def _run():
        app, engine = _app(settings)
        try:
            return await issue_for_unlinked(app, args.unit), settings.timezone or app.profile.timezone
        finally:
            await engine.dispose()

    _migrate(settings)
    t = translator(settings.language)
    rows, timezone = asyncio.run(_run())
    if rows is None:
        print(t("Unknown unit code {code}.", code=args.unit), file=sys.stderr)
        return 2
    headers = ["nip", "name", "unit", "code", "deep_link", "expires_at"]
    table = [[r.nip, r.name, r.unit, r.code, deep_link(settings.bot_username, r.code),
              local_time(r.expires_at, timezone)] for r in rows]
    if args.out:
        write_table(args.out, headers, table)
        print(html.unescape(codes_issued(t, len(table), str(args.out))))
    else:
        for row in table:
            print("  ".join(str(v) for v in row[:5]))
        if table:
            print(t("Valid until {until}.", until=table[0][5]), file=sys.stderr)
        print(html.unescape(codes_issued(t, len(table), None)), file=sys.stderr)
    return 0


def cmd_admin(args: argparse.Namespace, settings: Settings) -> int:
    if args.action != "list" and args.telegram_id is None:
        print("Give the admin's Telegram user id (a number; they can get it from @userinfobot).",
              file=sys.stderr)
        return 2

    async def _run() -> int:
        app, engine = _app(settings)
        try:
            async with app.uow() as uow:
                if args.action == "add":
                    added = await uow.admins.add(args.telegram_id, app.clock(), args.note)
                    print(f"Admin {args.telegram_id} added." if added else f"{args.telegram_id} is already an admin.")
                elif args.action == "remove":
                    removed = await uow.admins.remove(args.telegram_id)
                    print(f"Admin {args.telegram_id} removed." if removed else f"{args.telegram_id} is not an admin "
                          "in the database (admins from SIKERJA_ADMINS are removed there).")
                else:
                    for tid in sorted(settings.admins):
                        print(f"{tid}  (SIKERJA_ADMINS)")
                    for entry in await uow.admins.all():
                        print(f"{entry.telegram_user_id}  added {entry.added_at:%Y-%m-%d}  {entry.note or ''}".rstrip())
                await uow.commit()
            return 0
        finally:
            await engine.dispose()

    _migrate(settings)
    return asyncio.run(_run())
