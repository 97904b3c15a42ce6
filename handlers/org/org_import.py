"""Importing units and employees from a table: check everything first (domain.org_import),
then write in one transaction, or nothing at all.

- errors and no `skip_bad`: nothing is written;
- `skip_bad`: the good rows are written, the bad ones reported;
- `dry_run`: the same writes run and are rolled back, so the counts are exact;
- `full` (employees): whoever is not in the file is deactivated, never deleted."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.org_columns import Issue, IssueSummary, map_headers
from domain.org_import import Checked, EmployeeRow, UnitRow, check_employees, check_units
from domain.profiles import Profile
from handlers.org.tabular import Table
from storage.repos.org_import import Counts
from storage.uow import UnitOfWorkFactory

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class ImportResult(IssueSummary):
    kind: str
    total: int
    header_issues: list[Issue] = field(default_factory=list)
    checked: Checked | None = None
    counts: Counts | None = None
    written: bool = False
    dry_run: bool = False

    @property
    def issues(self) -> list[Issue]:
        return self.header_issues + (self.checked.issues if self.checked else [])

    @property
    def bad_rows(self) -> int:
        return len(self.checked.bad_rows) if self.checked else self.total


def _rows(table: Table, columns: dict[int, str]) -> list[tuple[int, dict[str, str]]]:
    return [(number, {name: cells[i] for i, name in columns.items() if i < len(cells)})
            for number, cells in table.rows]


async def run_import(uow: UnitOfWorkFactory, kind: str, table: Table, *, full: bool = False,
                     dry_run: bool = False, skip_bad: bool = False, progress: Progress | None = None,
                     profile: Profile | None = None) -> ImportResult:
    if kind not in ("units", "employees"):
        raise ValueError(f"unknown import kind {kind!r}")
    tick = progress or (lambda *_: None)
    result = ImportResult(kind, len(table.rows), dry_run=dry_run)
    columns, result.header_issues = map_headers(kind, table.headers)
    if result.errors:
        return result
    rows = _rows(table, columns)
    async with uow() as work:
        tick("check", 0, len(rows))
        existing = await work.org_import.existing()
        # One typed check per kind, so each reaches its own upsert with its own row type.
        units: Checked[UnitRow] | None = None
        employees: Checked[EmployeeRow] | None = None
        if kind == "units":
            result.checked = units = check_units(rows, existing)
        else:
            result.checked = employees = check_employees(rows, existing, full=full, profile=profile)
        tick("check", len(rows), len(rows))
        if result.checked.errors and not skip_bad:
            return result
        present = set(columns.values())
        good = len(result.checked.rows)
        if units is not None:
            result.counts = await work.org_import.upsert_units(units.rows, present)
        elif employees is not None:
            result.counts = await work.org_import.upsert_employees(
                employees.rows, present, full=full, keep=employees.seen,
                progress=lambda done: tick("write", done, good))
        tick("write", good, good)
        if dry_run:
            await work.rollback()
        else:
            await work.commit()
            result.written = True
    return result
