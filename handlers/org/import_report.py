"""An import's issues and outcome in the reader's language (Indonesian or English)."""
from __future__ import annotations

from domain.org_columns import Issue
from handlers.core.i18n import Translator
from handlers.core.messages import clause
from handlers.org.org_import import ImportResult


def describe(t: Translator, issue: Issue) -> str:
    """'row 7, rater_nip: …' — plain text (for a terminal), not HTML."""
    kind = t("error") if issue.is_error else t("warning")
    where = t("row {row}", row=issue.row) if issue.row is not None else t("whole file")
    if issue.column:
        where += f", {issue.column}"
    return _plain(f"{kind:<10} {where}: {clause(t, issue.code, issue.params)}")


def _plain(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def summary(t: Translator, result: ImportResult) -> list[str]:
    lines = [t("{kind}: {rows}, {errors}, {warnings}.", kind=t("units") if result.kind == "units" else t("employees"),
               rows=t.ngettext("{count} row read", "{count} rows read", result.total),
               errors=t.ngettext("{count} error", "{count} errors", len(result.errors)),
               warnings=t.ngettext("{count} warning", "{count} warnings", len(result.warnings)))]
    c = result.counts
    if c is not None:
        lines.append(t("Added {added}, updated {updated}, unchanged {unchanged}.", added=c.added,
                       updated=c.updated, unchanged=c.unchanged))
        if result.kind == "employees":
            lines.append(t("Deactivated {deactivated}, reactivated {reactivated}; unit heads filled in: {heads}.",
                           deactivated=c.deactivated, reactivated=c.reactivated, heads=c.heads_set))
        elif c.heads_pending:
            lines.append(t.ngettext("{count} unit head will be set when their employees are imported.",
                             "{count} unit heads will be set when their employees are imported.", c.heads_pending))
    if result.errors and result.counts is not None:
        lines.append(t.ngettext("{count} bad row was skipped.", "{count} bad rows were skipped.", result.bad_rows))
    if result.dry_run and result.counts is not None:
        lines.append(t("Dry run: nothing was written."))
    elif not result.written:
        lines.append(t("Nothing was changed: fix the errors above, or use --skip-bad to import only the good "
                       "rows."))
    return [_plain(line) for line in lines]
