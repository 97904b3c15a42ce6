"""Checking an organisation import (units, employees) before anything is written.

Works on plain row dicts keyed by canonical column names (`org_columns.map_headers`),
each with its spreadsheet row number. Returns the typed good rows and every problem with
its row, column and a reason code. What the database already holds comes in as an
`ExistingOrg`, so this stays pure.

Decisions (documented in docs/IMPORT.md):
- A unit without a head is a *warning*: routing walks up to the parent unit's head
  (`deciders.unit_head_of`), so work is not blocked, but someone should name one.
- Duplicate NIPs or unit codes mark *every* occurrence bad: we cannot know which is right.
- A row whose rater (or parent unit) exists only on a bad row is bad too, so `--skip-bad`
  never lands a row pointing at something that did not land.
- An NIP that went through a number cell is refused (`org_columns.parse_nip`), and so is a
  name with control or bidi characters or starting like a formula (`text.check_cell_text`)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from domain.errors import DomainError
from domain.org import Education, Golongan, JabatanKind, Jenjang, UnitKind
from domain.org_columns import (
    Issue,
    IssueSummary,
    Severity,
    parse_jabatan_kind,
    parse_jenjang,
    parse_nip,
    parse_phone,
    parse_unit_code,
    parse_unit_kind,
)
from domain.profiles.model import Profile
from domain.text import check_cell_text

NAME_MAX = 200
RawRow = tuple[int, Mapping[str, str]]  # (spreadsheet row number, {canonical column: text})


@dataclass(frozen=True)
class KnownUnit:
    code: str
    parent_code: str | None = None
    head_nip: str | None = None


@dataclass(frozen=True)
class KnownEmployee:
    nip: str
    kind: JabatanKind
    unit_code: str
    rater_nip: str | None = None
    active: bool = True


@dataclass(frozen=True)
class ExistingOrg:
    """What the database holds: units by upper-case code, employees by NIP, and unit heads
    named by an earlier units import whose employee has not been imported yet."""

    units: Mapping[str, KnownUnit] = field(default_factory=dict)
    employees: Mapping[str, KnownEmployee] = field(default_factory=dict)
    pending_heads: Mapping[str, str] = field(default_factory=dict)  # unit code -> NIP


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    kind: UnitKind
    parent_code: str | None
    head_nip: str | None


@dataclass(frozen=True)
class EmployeeRow:
    row: int
    nip: str
    name: str
    jabatan_name: str
    jabatan_kind: JabatanKind
    jenjang: Jenjang | None
    golongan: Golongan | None
    education: Education | None
    unit_code: str
    rater_nip: str | None
    phone: str | None


R = TypeVar("R", UnitRow, EmployeeRow)
T = TypeVar("T")


@dataclass
class Checked(IssueSummary, Generic[R]):
    rows: list[R]  # the good rows, in file order
    issues: list[Issue]
    total: int
    seen: set[str] = field(default_factory=set)  # every readable key (NIP / code), bad rows too

    @property
    def bad_rows(self) -> set[int]:
        return {i.row for i in self.errors if i.row is not None}


class _Rows:
    """Collects issues per row while a check runs."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.bad: set[int] = set()

    def error(self, row: int | None, column: str | None, code: str, **params: object) -> None:
        self.issues.append(Issue(row, column, code, Severity.ERROR, params))
        if row is not None:
            self.bad.add(row)

    def warn(self, row: int | None, column: str | None, code: str, **params: object) -> None:
        self.issues.append(Issue(row, column, code, Severity.WARNING, params))

    def parse(self, row: int, column: str, text: str, parser: Callable[[str], T]) -> T | None:
        try:
            return parser(text)
        except DomainError as err:
            self.error(row, column, err.code, **err.params)
            return None

    def optional(self, row: int, column: str, text: str, parser: Callable[[str], T]) -> T | None:
        """An empty cell is None; a filled one must parse."""
        return self.parse(row, column, text, parser) if text else None

    def parse_required(self, row: int, column: str, text: str, parser: Callable[[str], T]) -> T | None:
        if not text:
            self.error(row, column, "required")
            return None
        return self.parse(row, column, text, parser)

    def required(self, row: int, column: str, text: str, max_length: int = NAME_MAX) -> str | None:
        if not text:
            self.error(row, column, "required")
            return None
        if len(text) > max_length:
            self.error(row, column, "too_long", length=len(text), max=max_length)
            return None
        return self.parse(row, column, text, check_cell_text)  # no control characters, no formula

    def result(self, parsed: list[R], total: int, seen: set[str]) -> Checked[R]:
        issues = sorted(self.issues, key=lambda i: (i.row or 0, not i.is_error))
        return Checked([r for r in parsed if r.row not in self.bad], issues, total, seen)


def _cell(raw: Mapping[str, str], column: str) -> str:
    value = raw.get(column)
    return "" if value is None else " ".join(str(value).split())


def find_cycles(links: Mapping[str, str | None]) -> list[list[str]]:
    """Cycles of a graph where every node points to at most one other (rater, parent):
    each cycle once, as the list of its nodes in order."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []
    for start in links:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = links.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(path[path.index(node):])
        for visited in path:
            state[visited] = 2
    return cycles


def _duplicates(rows: _Rows, keys: list[tuple[int, str]], column: str, code: str) -> None:
    seen: dict[str, list[int]] = {}
    for number, key in keys:
        seen.setdefault(key, []).append(number)
    for key, numbers in seen.items():
        if len(numbers) > 1:
            for number in numbers:
                rows.error(number, column, code, value=key, rows=", ".join(map(str, numbers)))


def _cascade(rows: _Rows, parsed: Sequence[R], key: Callable[[R], str], target: Callable[[R], str | None],
             known: Mapping[str, Any], column: str, code: str) -> None:
    """A row pointing at something that exists only on a bad row is bad too (to a fixpoint)."""
    by_key: dict[str, int] = {}
    for r in parsed:
        by_key.setdefault(key(r), r.row)
    changed = True
    while changed:
        changed = False
        for r in parsed:
            ref = target(r)
            if r.row in rows.bad or ref is None or ref in known or ref not in by_key:
                continue
            if by_key[ref] in rows.bad:
                rows.error(r.row, column, code, value=ref, rows=str(by_key[ref]))
                changed = True


def check_units(raw_rows: Sequence[RawRow], existing: ExistingOrg = ExistingOrg()) -> Checked[UnitRow]:
    rows = _Rows()
    parsed: list[UnitRow] = []
    failed: dict[str, int] = {}  # code -> row, for rows that failed but whose code is readable
    for number, raw in raw_rows:
        before = len(rows.bad)
        code = rows.parse_required(number, "code", _cell(raw, "code"), parse_unit_code)
        name = rows.required(number, "name", _cell(raw, "name"))
        kind = rows.parse_required(number, "kind", _cell(raw, "kind"), parse_unit_kind)
        parent = rows.optional(number, "parent_code", _cell(raw, "parent_code"), parse_unit_code)
        head = rows.optional(number, "head_nip", _cell(raw, "head_nip"), parse_nip)
        if len(rows.bad) == before:
            assert code is not None and name is not None and kind is not None  # else a row error above
            parsed.append(UnitRow(number, code, name, kind, parent, head))
        elif code is not None:
            failed.setdefault(code, number)
    _duplicates(rows, [(r.row, r.code) for r in parsed], "code", "duplicate_code")
    in_file = {r.code for r in parsed}
    for r in parsed:
        if r.parent_code is None or r.parent_code in in_file or r.parent_code in existing.units:
            pass
        elif r.parent_code in failed:
            rows.error(r.row, "parent_code", "parent_row_invalid", value=r.parent_code,
                       rows=str(failed[r.parent_code]))
        else:
            rows.error(r.row, "parent_code", "unknown_parent", value=r.parent_code)
        if r.head_nip is None:
            rows.warn(r.row, "head_nip", "no_head", unit=r.code)
        elif r.head_nip not in existing.employees:
            rows.warn(r.row, "head_nip", "head_not_found_yet", value=r.head_nip)
        elif not existing.employees[r.head_nip].active:
            rows.error(r.row, "head_nip", "head_inactive", value=r.head_nip)
    parents = {code: u.parent_code for code, u in existing.units.items()}
    parents.update({r.code: r.parent_code for r in parsed})
    for cycle in find_cycles(parents):
        chain = " → ".join(cycle + cycle[:1])
        for r in parsed:
            if r.code in cycle:
                rows.error(r.row, "parent_code", "parent_cycle", chain=chain)
    _cascade(rows, parsed, lambda r: r.code, lambda r: r.parent_code, existing.units, "parent_code",
             "parent_row_invalid")
    return rows.result(parsed, len(raw_rows), {r.code for r in parsed} | set(failed))


def _employee(rows: _Rows, number: int, raw: Mapping[str, str], failed: dict[str, int]) -> EmployeeRow | None:
    before = len(rows.bad)
    nip = rows.parse_required(number, "nip", _cell(raw, "nip"), parse_nip)
    name = rows.required(number, "name", _cell(raw, "name"))
    jabatan = rows.required(number, "jabatan_name", _cell(raw, "jabatan_name"))
    kind = rows.parse_required(number, "jabatan_kind", _cell(raw, "jabatan_kind"), parse_jabatan_kind)
    jenjang = rows.optional(number, "jenjang", _cell(raw, "jenjang"), parse_jenjang)
    golongan = rows.optional(number, "golongan", _cell(raw, "golongan"), Golongan.parse)
    education = rows.optional(number, "education", _cell(raw, "education"), Education.parse)
    unit = rows.parse_required(number, "unit_code", _cell(raw, "unit_code"), parse_unit_code)
    rater = rows.optional(number, "rater_nip", _cell(raw, "rater_nip"), parse_nip)
    phone = rows.optional(number, "phone", _cell(raw, "phone"), parse_phone)
    if len(rows.bad) != before:
        if nip is not None:
            failed.setdefault(nip, number)
        return None
    assert nip is not None and name is not None and jabatan is not None and kind is not None and unit is not None
    if kind is JabatanKind.FUNGSIONAL and jenjang is None:
        rows.warn(number, "jenjang", "jenjang_missing")
    elif kind is not JabatanKind.FUNGSIONAL and jenjang is not None:
        rows.warn(number, "jenjang", "jenjang_ignored", value=jenjang.value)
        jenjang = None
    return EmployeeRow(number, nip, name, jabatan, kind, jenjang, golongan, education, unit, rater, phone)


def check_employees(raw_rows: Sequence[RawRow], existing: ExistingOrg = ExistingOrg(), *,
                    full: bool = False, profile: Profile | None = None) -> Checked[EmployeeRow]:
    """full: the file lists every employee, so anyone missing from it will be deactivated.
    profile: the deployment's regulation, for the jabatan it no longer allows (rule 56)."""
    rows = _Rows()
    failed: dict[str, int] = {}  # NIP -> row, for rows that failed but whose NIP is readable
    parsed = [r for r in (_employee(rows, n, raw, failed) for n, raw in raw_rows) if r is not None]
    if profile is not None:
        _barred_jabatan(rows, parsed, profile)
    _duplicates(rows, [(r.row, r.nip) for r in parsed], "nip", "duplicate_nip")
    in_file = {r.nip: r for r in parsed}
    known = existing.employees
    for r in parsed:
        if r.unit_code not in existing.units:
            rows.error(r.row, "unit_code", "unknown_unit", value=r.unit_code)
        if r.rater_nip is None:
            continue
        if r.rater_nip == r.nip:
            rows.error(r.row, "rater_nip", "self_rater")
        elif r.rater_nip in in_file:
            rater_kind = in_file[r.rater_nip].jabatan_kind
            _rater_level(rows, r, rater_kind)
        elif r.rater_nip in failed and (full or r.rater_nip not in known):
            rows.error(r.row, "rater_nip", "rater_row_invalid", value=r.rater_nip, rows=str(failed[r.rater_nip]))
        elif r.rater_nip not in known:
            rows.error(r.row, "rater_nip", "unknown_rater", value=r.rater_nip)
        elif full:
            rows.error(r.row, "rater_nip", "rater_not_in_file", value=r.rater_nip)
        elif not known[r.rater_nip].active:
            rows.error(r.row, "rater_nip", "rater_inactive", value=r.rater_nip)
        else:
            _rater_level(rows, r, known[r.rater_nip].kind)
    raters = {} if full else {nip: e.rater_nip for nip, e in known.items()}
    raters.update({r.nip: r.rater_nip for r in parsed if r.rater_nip != r.nip})
    for cycle in find_cycles(raters):
        chain = " → ".join(cycle + cycle[:1])
        for nip in cycle:
            if nip in in_file:
                rows.error(in_file[nip].row, "rater_nip", "rater_cycle", chain=chain)
    _cascade(rows, parsed, lambda r: r.nip, lambda r: r.rater_nip, {} if full else known, "rater_nip",
             "rater_row_invalid")
    _head_warnings(rows, parsed, existing, full)
    return rows.result(parsed, len(raw_rows), set(in_file) | set(failed))


def is_sub_koordinator(jabatan_name: str) -> bool:
    return "subkoordinator" in "".join(jabatan_name.lower().split())


def _barred_jabatan(rows: _Rows, parsed: list[EmployeeRow], profile: Profile) -> None:
    """HSU Ps 26 revoked the sub koordinator assignments of equalised JF: such a jabatan is a row error."""
    if not profile.teams.sub_koordinator_barred:
        return
    for r in parsed:
        if is_sub_koordinator(r.jabatan_name):
            rows.error(r.row, "jabatan_name", "sub_koordinator_barred", value=r.jabatan_name,
                       article=profile.teams.source_of("sub_koordinator_barred"), regulation=profile.citation_title)


def _rater_level(rows: _Rows, r: EmployeeRow, rater_kind: JabatanKind) -> None:
    """A Penilai is normally at least a Pengawas (glossary: performance_rater); a JF may rate
    with delegated authority (e.g. a Kepala Puskesmas), a Pelaksana may not."""
    if rater_kind is JabatanKind.PELAKSANA:
        rows.warn(r.row, "rater_nip", "rater_is_pelaksana", value=r.rater_nip)


def _head_warnings(rows: _Rows, parsed: list[EmployeeRow], existing: ExistingOrg, full: bool) -> None:
    heads: dict[str, str] = {u.head_nip: code for code, u in existing.units.items() if u.head_nip}
    heads.update({nip: code for code, nip in existing.pending_heads.items()})
    in_file = {r.nip for r in parsed}
    for r in parsed:
        unit = heads.get(r.nip)
        if unit is not None and unit != r.unit_code:
            rows.warn(r.row, "unit_code", "head_in_other_unit", unit=unit, value=r.unit_code)
    if full:
        for nip, unit in sorted(heads.items(), key=lambda item: item[1]):
            if nip not in in_file and nip in existing.employees:
                rows.warn(None, "head_nip", "head_deactivated", unit=unit, value=nip)
