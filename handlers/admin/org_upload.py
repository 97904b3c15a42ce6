"""HR imports the organisation in Telegram: /admin → [Import] → the admin sends a CSV/XLSX
of units or employees (the columns of docs/IMPORT.md; which kind is told by the header) →
a dry run reports every problem by row and column → [Terapkan] writes it.

The same importer as `python -m bot import` (handlers/org/org_import.py), run inside this
update's transaction through a savepoint (SQLite lets one writer at a time). Between the
dry run and [Terapkan] nothing is kept but the form (in the database) with Telegram's
file_id: apply downloads the file again, so a restart in between loses nothing. The
button carries a token of that upload: a stale or repeated press finds no matching form."""
from __future__ import annotations

import secrets
from enum import StrEnum
from typing import Any, cast

from domain.org_columns import Issue, map_headers
from handlers.admin.buttons import AdminAction, ImportChoice
from handlers.admin.panel import admin_only, audit
from handlers.core.app import DownloadFailed, FileTooBig
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, Translator, escape
from handlers.core.messages import clause
from handlers.core.registry import Router
from handlers.core.types import SendDocument
from handlers.org.import_report import summary
from handlers.org.org_import import ImportResult, run_import
from handlers.org.tabular import Table, UnreadableFile, readable_name, table_from_bytes
from handlers.org.workbook import Sheet, xlsx_bytes
from storage.uow import UnitOfWork, UnitOfWorkFactory

router = Router()

MAX_BYTES = 5 * 1024 * 1024  # ~50,000 employee rows; bigger files go through the CLI
SHOWN_ISSUES = 15  # in the message; all of them go in the attached report beyond this


class ImportStep(StrEnum):
    FILE = "file"
    CONFIRM = "confirm"


UPLOAD = Form("admin_import", ImportStep)


class Savepoint:
    """run_import's unit of work inside the handler's own transaction: commit releases the
    savepoint (the update's commit makes it durable), rollback undoes only the import."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow, self.org_import = uow, uow.org_import

    async def __aenter__(self) -> Savepoint:
        self._nested = await self.uow.session.begin_nested()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._nested.is_active:
            await self._nested.rollback()

    async def commit(self) -> None:
        await self._nested.commit()

    async def rollback(self) -> None:
        await self._nested.rollback()


def _in_transaction(ctx: Ctx) -> UnitOfWorkFactory:
    return cast(UnitOfWorkFactory, lambda: Savepoint(ctx.uow))  # what run_import uses of a unit of work


def detect_kind(headers: list[str]) -> str:
    """'units' or 'employees': whichever the header fits better (an NIP column: employees)."""
    misses = {kind: sum(i.is_error for i in map_headers(kind, headers)[1]) for kind in ("employees", "units")}
    return "units" if misses["units"] < misses["employees"] else "employees"


def issue_line(t: Translator, issue: Issue) -> str:
    where = t("row {row}", row=issue.row) if issue.row is not None else t("whole file")
    if issue.column:
        where += f", {escape(issue.column)}"
    return f"{'❌' if issue.is_error else '⚠️'} {where}: {clause(t, issue.code, issue.params)}"


def issues_sheet(t: Translator, issues: list[Issue]) -> bytes:
    plain = str.maketrans({"<": "", ">": ""})
    rows: list[list[object]] = [[i.row or "", i.column or "", t("error") if i.is_error else t("warning"),
                                 _unescape(clause(t, i.code, i.params)).translate(plain)] for i in issues]
    return xlsx_bytes(Sheet(t("Problems"), [t("Row"), t("Column"), t("Kind"), t("Reason")], rows))


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@router.callback(ImportChoice, public=True)
async def on_choice(ctx: Ctx, pressed: ImportChoice) -> None:
    if not await admin_only(ctx):
        return
    state = await UPLOAD.read(ctx)
    current = state is not None and (pressed.action == "cancel" or (
        state.step is ImportStep.CONFIRM and state.data.get("token") == pressed.token))
    if state is None or not current:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    await close(ctx)
    ctx.answer()
    if pressed.action == "cancel":
        ctx.edit_or_reply(ctx.t("Import cancelled. Nothing was written."))
        return
    ctx.edit_or_reply(ctx.t("Importing…"))  # the buttons go at once: a second press finds nothing
    await _apply(ctx, state.data)


async def ask_for_file(ctx: Ctx) -> None:
    t = ctx.t
    await UPLOAD.open(ctx, ImportStep.FILE)
    ctx.answer()
    ctx.reply(t("Send the file of <b>units</b> or <b>employees</b> as a document (CSV or XLSX, the columns of "
                "the import guide). I will check it first and show what would change; nothing is written until "
                "you press [Apply]."),
              keyboard([button(t("Cancel"), ImportChoice("cancel", "-"))]))


@router.conversation(UPLOAD, public=True)
async def on_file(ctx: Ctx, conv: FormState[ImportStep]) -> None:
    t = ctx.t
    if not await admin_only(ctx):
        await close(ctx)
        return
    f = ctx.update.file
    if f is None:  # a file at either step is a (new) upload; the earlier report's buttons go stale
        ctx.reply(t("Please press [Apply] or [Cancel] on the report above, or send another file.")
                  if conv.step is ImportStep.CONFIRM else t("Please send the import file as a document (CSV or XLSX)."))
        return
    if f.kind != "document" or not readable_name(f.file_name or ""):
        ctx.reply(t("I can read .csv and .xlsx files only. Please send the file as a document."))
        return
    table = await _fetch_table(ctx, f.file_id, f.file_name or "", f.size)
    if table is None:
        return
    kind = detect_kind(table.headers)
    result = await run_import(_in_transaction(ctx), kind, table, dry_run=True, skip_bad=True, profile=ctx.profile)
    token = secrets.token_hex(4)
    good = result.counts is not None and result.total > result.bad_rows
    if good:
        await UPLOAD.advance(ctx, ImportStep.CONFIRM, {"token": token, "file_id": f.file_id,
                                                      "name": f.file_name, "kind": kind,
                                                      "skip_bad": bool(result.errors)})
    else:
        await UPLOAD.advance(ctx, ImportStep.FILE, {})
    _report(ctx, result, f.file_name or "", applied=False)
    if good:
        apply = (t.ngettext("✅ Apply: import the {count} good row", "✅ Apply: import the {count} good rows",
                              result.total - result.bad_rows)
                 if result.errors else t("✅ Apply"))
        ctx.reply(t("Apply this import?"), keyboard([button(apply, ImportChoice("apply", token))],
                                                    [button(t("Cancel"), ImportChoice("cancel", token))]))
    else:
        ctx.reply(t("Nothing can be imported from this file. Please fix it and send it again."),
                  keyboard([button(t("Cancel"), ImportChoice("cancel", "-"))]))


async def _fetch_table(ctx: Ctx, file_id: str, name: str, size: int | None = None) -> Table | None:
    """The file's table, or None once the admin has been told why not. `size`: what Telegram
    said when it was sent, so a file too big is refused without fetching it."""
    t = ctx.t
    try:
        if size is not None and size > MAX_BYTES:
            raise FileTooBig(f"{size} bytes")
        content = await ctx.download(file_id, MAX_BYTES)
    except FileTooBig:
        ctx.reply(t("This file is too big for the chat (more than {mb} MB). Please split it, or ask the server "
                    "administrator to import it with the command line.", mb=MAX_BYTES // (1024 * 1024)))
        return None
    except DownloadFailed:
        ctx.reply(t("I could not fetch the file from Telegram. Please send it again."))
        return None
    try:
        return table_from_bytes(name, content)
    except UnreadableFile:
        ctx.reply(t("I cannot read this file: it is not a valid CSV or XLSX file, or it is empty."))
        return None


async def _apply(ctx: Ctx, data: dict[str, Any]) -> None:
    t = ctx.t
    table = await _fetch_table(ctx, data["file_id"], data.get("name") or "")
    if table is None:
        await UPLOAD.open(ctx, ImportStep.FILE)  # what it said: send the file again
        return
    result = await run_import(_in_transaction(ctx), data["kind"], table, skip_bad=data.get("skip_bad", False),
                              profile=ctx.profile)
    if result.written:
        c = result.counts
        audit(ctx, "org_import", 0, "imported", kind=data["kind"], file=data.get("name"),
              added=c.added if c else 0, updated=c.updated if c else 0, errors=len(result.errors))
    _report(ctx, result, data.get("name") or "", applied=True)
    ctx.reply(t("Done."), keyboard([button(t("⬅ Menu"), AdminAction("menu"))]))


def _report(ctx: Ctx, result: ImportResult, name: str, applied: bool) -> None:
    t = ctx.t
    heading = (t("<b>Import applied</b>: {file}", file=name) if applied
               else t("<b>Check of {file}</b> (nothing written yet)", file=name))
    lines = [heading]
    lines += [issue_line(t, i) for i in result.issues[:SHOWN_ISSUES]]
    if len(result.issues) > SHOWN_ISSUES:
        lines.append(t("… and {count} more: all of them are in the attached file.",
                       count=len(result.issues) - SHOWN_ISSUES))
    told = summary(t, result) if result.counts is not None else summary(t, result)[:1]
    # summary() is plain text for a terminal; its lines about the CLI's dry run and flags do not apply here
    cli_only = {t("Dry run: nothing was written."), t("Nothing was changed: fix the errors above, or use --skip-bad "
                                                     "to import only the good rows.")}
    lines += [escape(line) for line in told if line not in cli_only]
    ctx.reply(Html("\n".join(lines)))
    if len(result.issues) > SHOWN_ISSUES:
        ctx.replies.append(SendDocument(ctx.update.chat_id, "import-problems.xlsx", issues_sheet(t, result.issues),
                                        caption=t("Problems found in {file}", file=name)))
