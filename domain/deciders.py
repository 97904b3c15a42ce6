"""Who decides and who gets a copy (tembusan), computed from the org structure and the
regulation profile — never trusted from the request."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.acting import stand_in
from domain.errors import DomainError
from domain.org import Employee, JabatanKind, Jenjang, Unit, UnitKind
from domain.profiles import Profile, Role
from domain.profiles.model import UnitMeaning
from domain.rules import ReportPathKind as RuleKind
from domain.rules import report_path


class OrgView(Protocol):
    """What routing reads. A view may also carry `acting` (Plt/Plh records) and `day` (the
    Pemda's date they are read for), without which nobody stands in for anybody, and
    `setda_id` (the Sekretariat Daerah, whose head is the Sekda)."""

    def employee(self, employee_id: int) -> Employee | None: ...
    def unit(self, unit_id: int) -> Unit | None: ...


@dataclass(frozen=True)
class Routing:
    decider_id: int
    decider_role: Role
    tembusan_ids: tuple[int, ...]
    source: str
    acting_for_id: int | None = None  # the official the decider stands in for (Plt/Plh)


@dataclass(frozen=True)
class Resolved:
    person: Employee
    acting_for_id: int | None = None


def organisation_unit(org: OrgView, profile: Profile | None, unit_id: int) -> Unit | None:
    """The Unit Organisasi a unit belongs to under the profile: the unit itself where any part
    of a Perangkat Daerah with its own head is one, the whole Perangkat Daerah where the
    profile says so (Banten Ps 1(16): a UO is the PD led by a JPT Pratama or Administrator).
    Every "which unit / who heads it" question starts here, so features cannot disagree."""
    if profile is not None and profile.unit_meaning is UnitMeaning.WHOLE_AGENCY:
        return _agency_of(org, unit_id)
    return org.unit(unit_id)


def unit_of(org: OrgView, profile: Profile | None, employee: Employee) -> Unit | None:
    """The organisation unit of an employee under the profile."""
    return organisation_unit(org, profile, employee.unit_id)


def unit_head_of(org: OrgView, employee: Employee, profile: Profile | None = None) -> Employee | None:
    """The Pimpinan Unit Organisasi over an employee: the head of their unit, or of the
    parent unit when the employee heads their own unit."""
    return _head_over(org, profile, employee.unit_id, exclude=employee.id)


def _head_over(org: OrgView, profile: Profile | None, unit_id: int, exclude: int | None) -> Employee | None:
    unit = organisation_unit(org, profile, unit_id)
    return head_of_unit(org, unit.id if unit is not None else unit_id, exclude=exclude)


def rater_of(org: OrgView, employee: Employee) -> Employee | None:
    if employee.rater_id is None:
        return None
    rater = org.employee(employee.rater_id)
    return rater if rater is not None and rater.active else None


def head_of_unit(org: OrgView, unit_id: int, exclude: int | None = None) -> Employee | None:
    """The head of a unit, or of the nearest parent with a head other than `exclude`."""
    unit = org.unit(unit_id)
    while unit is not None:
        if unit.head_id is not None and unit.head_id != exclude:
            head = org.employee(unit.head_id)
            if head is not None and head.active:
                return head
        unit = org.unit(unit.parent_id) if unit.parent_id is not None else None
    return None


def _head(org: OrgView, unit: Unit | None) -> Employee | None:
    head = org.employee(unit.head_id) if unit is not None and unit.head_id is not None else None
    return head if head is not None and head.active else None


def agency_of(org: OrgView, unit_id: int) -> Unit | None:
    """The Perangkat Daerah containing a unit (public: where a voluntary application may go, rule 17)."""
    return _agency_of(org, unit_id)


def _agency_of(org: OrgView, unit_id: int) -> Unit | None:
    """The Perangkat Daerah containing a unit (the top of its chain)."""
    unit = org.unit(unit_id)
    while unit is not None and unit.parent_id is not None and not unit.kind.is_agency:
        unit = org.unit(unit.parent_id)
    return unit


def bagian_of(org: OrgView, unit_id: int) -> Unit | None:
    """The Bagian a unit lies in: itself or its nearest parent of kind BAGIAN (a Setda JF sits in, or
    is placed under, the Bagian of its field; Surakarta Lamp. III 2.1.a, Lamp. VI.1.b)."""
    unit = org.unit(unit_id)
    while unit is not None and unit.kind is not UnitKind.BAGIAN:
        unit = org.unit(unit.parent_id) if unit.parent_id is not None else None
    return unit


def is_setda_jf_madya(org: OrgView, employee: Employee) -> bool:
    """A JF Ahli Madya of the Sekretariat Daerah, whose individual report has its own route (rule 46)."""
    agency = _agency_of(org, employee.unit_id)
    return (employee.jabatan_kind is JabatanKind.FUNGSIONAL and employee.jenjang is Jenjang.AHLI_MADYA
            and agency is not None and agency.kind is UnitKind.SETDA)


def _holder(org: OrgView, role: Role, unit_id: int, exclude: int | None, subject: Employee | None,
            profile: Profile | None) -> Employee | None:
    """Who holds the post itself, nobody standing in."""
    if role is Role.AUTHORIZED_OFFICIAL and profile is not None:
        # Product decision 4: the Pejabat yang Berwenang is an official the profile names (default Sekda).
        role = profile.authorized_official.role
    if role in (Role.UNIT_HEAD, Role.PERFORMANCE_OWNER):
        return _head_over(org, profile, unit_id, exclude)
    if role is Role.RATER:
        return rater_of(org, subject) if subject is not None else None
    if role is Role.AGENCY_HEAD:
        return _head(org, _agency_of(org, unit_id))
    if role is Role.KABAG:
        return _head(org, bagian_of(org, unit_id))
    if role is Role.SEKDA:
        setda_id = getattr(org, "setda_id", None)
        return _head(org, org.unit(setda_id)) if setda_id is not None else None
    return None


def with_acting(org: OrgView, official: Employee) -> Resolved:
    """The official, or whoever stands in for them today (Plt/Plh)."""
    records, day = getattr(org, "acting", ()), getattr(org, "day", None)
    if not records or day is None:
        return Resolved(official)
    acting_id, acting_for = stand_in(records, official.id, day)
    acting = org.employee(acting_id) if acting_for is not None else None
    if acting is None or not acting.active:
        return Resolved(official)
    return Resolved(acting, acting_for)


def official_for(org: OrgView, role: Role, unit_id: int, *, exclude: int | None = None,
                 subject: Employee | None = None, profile: Profile | None = None) -> Resolved | None:
    """THE answer to "who holds `role` for unit `unit_id` on `org.day`", Plt/Plh applied here
    and only here. `subject` is the employee whose matter it is (their rater; they never
    head their own matter: `exclude` defaults to them); `profile` maps the Pejabat yang
    Berwenang. None when nobody holds the post, or only `exclude` would act in it."""
    if exclude is None and subject is not None:
        exclude = subject.id
    official = _holder(org, role, unit_id, exclude, subject, profile)
    if official is None:
        return None
    resolved = with_acting(org, official)
    return resolved if resolved.person.id != exclude else None


def resolve_official(org: OrgView, employee: Employee, role: Role,
                     profile: Profile | None = None) -> Resolved | None:
    """Who fills `role` for `employee` today, and whom they stand in for. Nobody decides
    their own matter: when the employee stands in for that official themself, the
    official's own unit head takes it."""
    official = _holder(org, role, employee.unit_id, employee.id, employee, profile)
    if official is None:
        return None
    resolved = with_acting(org, official)
    if resolved.person.id != employee.id:
        return resolved
    above = unit_head_of(org, official, profile)
    return with_acting(org, above) if above is not None and above.id != employee.id else None


def resolve_role(org: OrgView, employee: Employee, role: Role, profile: Profile | None = None) -> Employee | None:
    resolved = resolve_official(org, employee, role, profile)
    return resolved.person if resolved is not None else None


def route_voluntary_within_unit(org: OrgView, profile: Profile, applicant: Employee) -> Routing:
    """Rule 19 / §2.6: the recipient of a within-unit voluntary application per profile.
    Falls back to the other official when the named one is missing, so no request hangs
    (product decision 5)."""
    knob = profile.voluntary.within_unit
    role = knob.decider
    resolved = resolve_official(org, applicant, role, profile)
    if resolved is None:
        fallback = Role.RATER if role is Role.UNIT_HEAD else Role.UNIT_HEAD
        resolved = resolve_official(org, applicant, fallback, profile)
        role = fallback
    if resolved is None:
        raise DomainError("no_decider")
    decider = resolved.person
    tembusan: list[int] = []
    for tembusan_role in knob.tembusan:
        person = resolve_role(org, applicant, tembusan_role, profile)
        if person is not None and person.id not in (decider.id, applicant.id) and person.id not in tembusan:
            tembusan.append(person.id)
    return Routing(decider.id, role, tuple(tembusan), knob.source, resolved.acting_for_id)


def report_route(org: OrgView, profile: Profile, kind: str, author: Employee, *, team_unit_id: int | None = None,
                 ketua_id: int | None = None, pengendali_id: int | None = None) -> list[int]:
    """Rules 40, 45-47: the officials a report passes, in order, ending with its addressee.

    Member reports go to the ketua; team reports to the head of the team's owning unit,
    via the rater or the Pengendali where the profile says so; individual reports to the
    author's unit head, via the rater (and, for a Setda JF Ahli Madya, the Kepala Bagian)
    where the profile says so. Hops that resolve to nobody, or to the author, are skipped
    so no report hangs."""
    if kind == "member":
        if ketua_id is None or ketua_id == author.id:
            raise DomainError("team_has_no_ketua")
        return [ketua_id]
    rule_kind = RuleKind.TEAM if kind == "team" else RuleKind.INDIVIDUAL
    roles = report_path(profile, rule_kind, via_pengendali=pengendali_id is not None,
                        setda_jf_madya=rule_kind is RuleKind.INDIVIDUAL and is_setda_jf_madya(org, author))
    route: list[int] = []
    for role in roles:
        person: Employee | None
        if role is Role.PENGENDALI:
            person = org.employee(pengendali_id) if pengendali_id else None
        elif role in (Role.UNIT_HEAD, Role.PERFORMANCE_OWNER):
            unit_id = team_unit_id if (kind == "team" and team_unit_id is not None) else author.unit_id
            found = (_addressee_above(org, role, unit_id, author, route, profile) if Role.KABAG in roles
                     else official_for(org, role, unit_id, exclude=author.id, profile=profile))
            person = found.person if found is not None else None
        elif role is Role.KABAG:
            found = official_for(org, role, author.unit_id, subject=author, profile=profile)
            person = found.person if found is not None else None
        else:
            person = resolve_role(org, author, role, profile)
        if person is not None and person.id != author.id and person.id not in route:
            route.append(person.id)
    if not route:
        raise DomainError("no_report_route")
    return route


def _addressee_above(org: OrgView, role: Role, unit_id: int, author: Employee, passed: list[int],
                     profile: Profile) -> Resolved | None:
    """Lamp. VI.1.b: a report "kepada Pimpinan UO melalui PPK dan Kepala Bagian" ends with a head
    above both, so the first head up the chain who has not already passed it (in Setda: the Sekda
    above the Asisten and the Kabag)."""
    unit = org.unit(unit_id)
    while unit is not None:
        found = official_for(org, role, unit.id, exclude=author.id, profile=profile)
        if found is None or found.person.id not in passed:
            return found
        unit = org.unit(unit.parent_id) if unit.parent_id is not None else None
    return None
