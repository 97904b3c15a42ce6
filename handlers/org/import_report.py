"""An import's issues and outcome in the reader's language (Indonesian or English)."""
from __future__ import annotations

from domain.org import UnitKind
from domain.org_columns import Issue
from handlers.core.i18n import Translator
from handlers.org.org_import import ImportResult


def _reason(t: Translator, issue: Issue) -> str:
    p = {"value": "", "rows": "", "unit": "", "chain": "", "header": "", **issue.params}
    v, rows = p["value"], p["rows"]
    reasons = {
        "missing_column": lambda: t("the column is missing"),
        "unknown_column": lambda: t("unknown column “{header}”; it is ignored", header=p["header"]),
        "duplicate_column": lambda: t("the column appears twice (“{header}”)", header=p["header"]),
        "required": lambda: t("a value is required"),
        "too_long": lambda: t("too long ({length} characters, at most {max})", length=p.get("length", 0),
                              max=p.get("max", 0)),
        "invalid_nip": lambda: t("“{value}” is not a valid NIP (18 digits: birth date, appointment month, "
                                 "sex 1 or 2, sequence number)", value=v),
        "invalid_golongan": lambda: t("“{value}” is not a golongan (I/a … IV/e)", value=v),
        "invalid_education": lambda: t("“{value}” is not an education level (SD, SMP, SMA, D1–D4, S1–S3)",
                                       value=v),
        "invalid_jenjang": lambda: t("“{value}” is not a jenjang (Ahli Pertama, Ahli Muda, Ahli Madya, "
                                     "Ahli Utama, Pemula, Terampil, Mahir, Penyelia)", value=v),
        "invalid_jabatan_kind": lambda: t("“{value}” is not a kind of jabatan (JPT Madya, JPT Pratama, "
                                          "Administrator, Pengawas, Fungsional, Pelaksana)", value=v),
        "invalid_unit_kind": lambda: t("“{value}” is not a unit kind ({kinds})", value=v,
                                       kinds=", ".join(k.value for k in UnitKind)),
        "invalid_unit_code": lambda: t("“{value}” is not a usable unit code (letters, digits and . - _ /, "
                                       "at most 40)", value=v),
        "invalid_phone": lambda: t("“{value}” is not a phone number", value=v),
        "duplicate_nip": lambda: t("NIP {value} appears more than once (rows {rows})", value=v, rows=rows),
        "duplicate_code": lambda: t("unit code {value} appears more than once (rows {rows})", value=v, rows=rows),
        "unknown_unit": lambda: t("unit {value} is not in the database; import the units first", value=v),
        "unknown_parent": lambda: t("parent unit {value} is neither in this file nor in the database", value=v),
        "parent_cycle": lambda: t("the parent units form a cycle: {chain}", chain=p["chain"]),
        "parent_row_invalid": lambda: t("parent unit {value} is on row {rows}, which has errors", value=v,
                                        rows=rows),
        "no_head": lambda: t("the unit has no head; its decisions go to the head of the parent unit"),
        "head_not_found_yet": lambda: t("no employee with NIP {value} yet; they become the head when the "
                                        "employees are imported", value=v),
        "head_inactive": lambda: t("the head {value} is no longer active", value=v),
        "self_rater": lambda: t("an employee cannot be their own Penilai"),
        "unknown_rater": lambda: t("Penilai {value} is neither in this file nor in the database", value=v),
        "rater_not_in_file": lambda: t("Penilai {value} is not in this full import and would be deactivated",
                                       value=v),
        "rater_inactive": lambda: t("Penilai {value} is no longer active", value=v),
        "rater_cycle": lambda: t("the Penilai chain forms a cycle: {chain}", chain=p["chain"]),
        "rater_row_invalid": lambda: t("Penilai {value} is on row {rows}, which has errors", value=v, rows=rows),
        "rater_is_pelaksana": lambda: t("Penilai {value} is a Pelaksana; a Penilai is normally at least "
                                        "a Pengawas", value=v),
        "jenjang_missing": lambda: t("a Fungsional should have a jenjang (e.g. Ahli Pertama)"),
        "jenjang_ignored": lambda: t("jenjang {value} applies only to a Fungsional; it is ignored", value=v),
        "head_in_other_unit": lambda: t("this employee heads unit {unit} but is placed in unit {value}",
                                        unit=p["unit"], value=v),
        "head_deactivated": lambda: t("the head of unit {unit} (NIP {value}) is not in this full import and "
                                      "will be deactivated", unit=p["unit"], value=v),
    }
    wording = reasons.get(issue.code)
    return wording() if wording else t("problem “{code}”", code=issue.code)


def describe(t: Translator, issue: Issue) -> str:
    """'row 7, rater_nip: …' — plain text (for a terminal), not HTML."""
    kind = t("error") if issue.is_error else t("warning")
    where = t("row {row}", row=issue.row) if issue.row is not None else t("whole file")
    if issue.column:
        where += f", {issue.column}"
    return _plain(f"{kind:<10} {where}: {_reason(t, issue)}")


def _plain(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def summary(t: Translator, result: ImportResult) -> list[str]:
    lines = [t("{kind}: {total} row(s) read, {errors} error(s), {warnings} warning(s).",
               kind=t("units") if result.kind == "units" else t("employees"), total=result.total,
               errors=len(result.errors), warnings=len(result.warnings))]
    c = result.counts
    if c is not None:
        lines.append(t("Added {added}, updated {updated}, unchanged {unchanged}.", added=c.added,
                       updated=c.updated, unchanged=c.unchanged))
        if result.kind == "employees":
            lines.append(t("Deactivated {deactivated}, reactivated {reactivated}; unit heads filled in: {heads}.",
                           deactivated=c.deactivated, reactivated=c.reactivated, heads=c.heads_set))
        elif c.heads_pending:
            lines.append(t("{count} unit head(s) will be set when their employees are imported.",
                           count=c.heads_pending))
    if result.errors and result.counts is not None:
        lines.append(t("{count} bad row(s) were skipped.", count=result.bad_rows))
    if result.dry_run and result.counts is not None:
        lines.append(t("Dry run: nothing was written."))
    elif not result.written:
        lines.append(t("Nothing was changed: fix the errors above, or use --skip-bad to import only the good "
                       "rows."))
    return [_plain(line) for line in lines]
