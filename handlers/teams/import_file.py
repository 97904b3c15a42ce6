"""Forming teams from a CSV/XLSX file (issue 4: "… or by CLI/import"). Columns:
unit_code, name, kind (rutin|insidental), goal, starts_on, ends_on (YYYY-MM-DD),
ketua_nip (optional), ketua_experience (the ketua's relevant experience, where the profile
asks for it: Banten Ps 10(3)(c) for a Pelaksana), penanggung_jawab_nip (optional; Banten
Ps 10(2): a team starts only with one), member_nips (optional; separated by ';' or spaces).

The same rules as in the bot apply: the profile's maximum term, the Pengawas bar (rule 31), the
ketua's eligibility
(with the article), members from the owning unit. All or nothing: any bad row and no
team is created. A team that already exists in its unit (same name) is left alone."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.deciders import organisation_unit
from domain.eligibility import asks_experience, check_ketua, check_term
from domain.errors import DomainError
from domain.ids import id_of
from domain.letters import Numbering
from domain.org import Employee
from domain.org_columns import parse_nip
from domain.profiles import Profile, Role, Scope
from domain.team import MemberRole, Team, TeamKind
from domain.text import REASON_MAX_LENGTH, REASON_MIN_LENGTH, check_cell_text
from handlers.core.citation import citation
from handlers.core.findings import finding_text
from handlers.core.i18n import Translator
from handlers.core.messages import clause, explain
from handlers.core.role_names import role_name
from handlers.org.tabular import Table
from handlers.teams.formation import check_new_team
from handlers.teams.membership import add_member, set_ketua
from storage.records import Decision
from storage.uow import UnitOfWork, UnitOfWorkFactory

REQUIRED = ("unit_code", "name", "starts_on", "ends_on")


@dataclass
class TeamImport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _cells(table: Table) -> list[tuple[int, dict[str, str]]]:
    headers = [re.sub(r"[^0-9a-z]+", "_", h.strip().lower()).strip("_") for h in table.headers]
    return [(n, {h: (c or "").strip() for h, c in zip(headers, cells, strict=False)}) for n, cells in table.rows]


async def import_teams(uows: UnitOfWorkFactory, profile: Profile, table: Table, t: Translator,
                       now: dt.datetime, dry_run: bool = False, numbering: Numbering | None = None) -> TeamImport:
    result = TeamImport()
    missing = [c for c in REQUIRED if c not in {re.sub(r"[^0-9a-z]+", "_", h.strip().lower()).strip("_")
                                               for h in table.headers}]
    if missing:
        result.problems.append(t.ngettext("The file lacks the column: {columns}",
                                          "The file lacks the columns: {columns}", len(missing),
                                          columns=", ".join(missing)))
        return result
    async with uows() as uow:
        for row_no, row in _cells(table):
            try:
                name = await _import_row(uow, profile, row, t, now, result, numbering)
            except DomainError as err:
                result.problems.append(t("Row {row}: {problem}", row=row_no,
                                                   problem=explain(t, err, regulation=profile.citation_title)))
            except _RowProblem as problem:
                result.problems.append(t("Row {row}: {problem}", row=row_no, problem=str(problem)))
            else:
                (result.created if name else result.skipped).append(row.get("name", ""))
        if not result.problems and not dry_run:
            await uow.commit()
    return result


class _RowProblem(Exception):
    pass


def _checked(parse: Callable[[str], str], text: str, t: Translator) -> str:
    """A cell through the import's own parser (an NIP cell, a name): its refusal worded as one."""
    try:
        return parse(text)
    except DomainError as err:
        raise _RowProblem(clause(t, err.code, err.params)) from None


async def _person(uow: UnitOfWork, text: str, unit_ids: list[int], t: Translator) -> Employee:
    nip = _checked(parse_nip, text, t)
    person = await uow.org.employee_by_nip(nip)
    if person is None or not person.active:
        raise _RowProblem(t("no active employee has NIP {nip}", nip=nip))
    if person.unit_id not in unit_ids:
        raise _RowProblem(t("{name} is not in the team's unit", name=person.name))
    return person


async def _import_row(uow: UnitOfWork, profile: Profile, row: dict[str, str], t: Translator, now: dt.datetime,
                      result: TeamImport, numbering: Numbering | None) -> bool:
    unit = await uow.org.unit_by_code(row.get("unit_code", ""))
    if unit is None or unit.head_id is None:
        raise _RowProblem(t("unit {code} is unknown or has no head", code=row.get("unit_code", "")))
    head = await uow.org.employee(unit.head_id)
    own = organisation_unit(await uow.org.view_for(head, unit_ids=[unit.id]), profile, unit.id) if head else unit
    if own is not None and own.id != unit.id:  # Banten Ps 1(16): the Perangkat Daerah is the unit
        raise _RowProblem(t("{unit} is part of the unit {own} here; use unit_code {code}", unit=unit.name,
                            own=own.name, code=own.code))
    name = _checked(check_cell_text, row.get("name", ""), t)
    if not 3 <= len(name) <= 120:
        raise _RowProblem(t("the team name must have 3–120 characters"))
    goal = _checked(check_cell_text, row.get("goal", ""), t)
    if any(team.name == name for team in await uow.teams.in_units([unit.id])):
        return False
    try:
        kind = TeamKind(row.get("kind") or "rutin")
        start, end = dt.date.fromisoformat(row["starts_on"]), dt.date.fromisoformat(row["ends_on"])
    except ValueError:
        raise _RowProblem(t("kind must be rutin or insidental, and dates YYYY-MM-DD")) from None
    check_term(profile, start, end).raise_failure()
    allowed = await check_new_team(uow, profile, unit)
    if not allowed.ok:
        raise _RowProblem("; ".join(finding_text(t, f, profile.citation_title) for f in allowed.failures))
    unit_ids = await uow.org.subunit_ids(unit.id)
    team = Team(None, unit.id, name, kind, goal=goal, starts_on=start, ends_on=end,
                created_by_id=unit.head_id)
    uow.teams.add(team)
    await uow.flush()
    uow.decisions.add(Decision("team", id_of(team), unit.head_id, "formed", now, details={"via": "import"}))
    ketua = None
    if row.get("ketua_nip"):
        ketua = await _person(uow, row["ketua_nip"], unit_ids, t)
        appointers = profile.teams.ketua.appointer.for_scope(Scope.WITHIN_UNIT) or (Role.UNIT_HEAD,)
        if Role.UNIT_HEAD not in appointers and Role.PERFORMANCE_OWNER not in appointers:
            raise _RowProblem(t("here the ketua is set by {roles} ({article}); propose them in the bot with /tim",
                                roles=", ".join(role_name(t, r) for r in appointers),
                                article=citation(t, profile.teams.ketua.source_of("appointer"),
                                                 profile.citation_title)))
        experience = row.get("ketua_experience", "")
        ask = asks_experience(profile, ketua)
        verdict = check_ketua(profile, ketua, ketua.unit_id, relevant_experience=ask)
        if not verdict.ok:
            raise _RowProblem("; ".join(finding_text(t, f, profile.citation_title) for f in verdict.failures))
        if ask:
            if len(experience) < REASON_MIN_LENGTH:
                raise _RowProblem(t("describe {name}'s relevant experience in the column ketua_experience "
                                    "(at least {min} characters; {article})", name=ketua.name, min=REASON_MIN_LENGTH,
                                    article=citation(t, profile.teams.ketua.source_of("experience_required"),
                                                     profile.citation_title)))
            uow.decisions.add(Decision("team", id_of(team), unit.head_id, "ketua_experience_attested", now,
                                       details={"candidate_id": ketua.id, "experience": experience[:REASON_MAX_LENGTH],
                                                "source": profile.teams.ketua.source_of("experience_required"),
                                                "via": "import"}))
    if row.get("penanggung_jawab_nip"):
        pj = await _person(uow, row["penanggung_jawab_nip"], unit_ids, t)
        await add_member(uow, team, pj.id, MemberRole.PENANGGUNG_JAWAB, unit.head_id, now, profile=profile,
                         numbering=numbering)
    if ketua is not None:
        await set_ketua(uow, team, ketua.id, unit.head_id, now, profile=profile, numbering=numbering)
    for nip in re.split(r"[;,\s]+", row.get("member_nips", "")):
        if nip:
            member = await _person(uow, nip, unit_ids, t)
            await add_member(uow, team, member.id, MemberRole.ANGGOTA, unit.head_id, now, profile=profile,
                             numbering=numbering)
    return True
