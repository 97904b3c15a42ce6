"""Who acts on a penunjukan, per scope and profile (§2.1-§2.4; docs/DECISIONS.md).

`plan` reads the profile into the list of steps (pure, table-tested per region); `resolve`
puts a person on each step from the org structure, Plt/Plh applied (domain.deciders), and
drops the steps a person would take twice in a row. Nothing here trusts the request."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.appointment import Side, StepKind
from domain.deciders import OrgView, Resolved, official_for, organisation_unit, rater_of, with_acting
from domain.errors import DomainError
from domain.org import Employee
from domain.profiles.model import CrossAgencyFlow, InstitutionRouting, Profile, Role, Scope

PRODUCT_DECISION_1 = "product decision 1"


@dataclass(frozen=True)
class StepPlan:
    kind: StepKind
    role: Role
    side: Side
    source: str


def scope_between(org: OrgView, profile: Profile, home_unit_id: int, target_unit_id: int | None) -> Scope:
    """Within the same Unit Organisasi, across units of one Perangkat Daerah, or across Perangkat
    Daerah: a separate flow only where the profile has one (Badung Lamp. I §2 a.3)); elsewhere a
    request to another PD follows the cross-unit steps (HSU Ps 13, Dharmasraya Kedudukan A.2.a(4))."""
    if target_unit_id is None:
        return Scope.CROSS_INSTITUTION
    home, target = organisation_unit(org, profile, home_unit_id), organisation_unit(org, profile, target_unit_id)
    if home is not None and target is not None and home.id == target.id:
        return Scope.WITHIN_UNIT
    if (profile.appointment.cross_agency_flow is CrossAgencyFlow.SEPARATE and profile.appointment.cross_agency
            and _agency_id(org, home_unit_id) != _agency_id(org, target_unit_id)):
        return Scope.CROSS_AGENCY
    return Scope.CROSS_UNIT


def _agency_id(org: OrgView, unit_id: int) -> int:
    unit = org.unit(unit_id)
    while unit is not None and unit.parent_id is not None and not unit.kind.is_agency:
        unit = org.unit(unit.parent_id)
    return unit.id if unit is not None else unit_id


def allowed(profile: Profile, scope: Scope) -> bool:
    """Rule 6-16: the scopes the regulation describes (Badung: no procedure across institutions)."""
    if scope is Scope.CROSS_AGENCY:
        return Scope.CROSS_AGENCY in profile.appointment.scopes or Scope.CROSS_UNIT in profile.appointment.scopes
    routing = profile.appointment.cross_institution.routing
    if scope is Scope.CROSS_INSTITUTION and routing is InstitutionRouting.NOT_STATED:
        return False
    return scope in profile.appointment.scopes


def starter_role(profile: Profile, scope: Scope) -> Role:
    """Who opens it: within a unit the proposer where the profile has one (Banten Lamp. B.2 a.1),
    Surakarta Ps 17(2), Dharmasraya Lamp. 2 intro), else the appointer; otherwise the owning unit's head."""
    if scope is Scope.WITHIN_UNIT:
        wu = profile.appointment.within_unit
        return wu.proposer or wu.appointer
    return Role.UNIT_HEAD


def plan(profile: Profile, scope: Scope) -> tuple[StepPlan, ...]:
    """The steps after the request, in order, each with the article that puts it there."""
    ap = profile.appointment
    if scope is Scope.WITHIN_UNIT:
        wu = ap.within_unit
        if wu.proposer is None:
            return ()  # the appointer appoints directly
        return (StepPlan(StepKind.APPROVE, wu.appointer, Side.HOME, wu.source_of("appointer")),)
    if scope is Scope.CROSS_AGENCY and ap.cross_agency is not None:
        ca = ap.cross_agency
        return (StepPlan(StepKind.APPROVE, Role.AGENCY_HEAD, Side.HOME, ca.source),  # the owning PD head sends it
                StepPlan(StepKind.APPROVE, ca.decider, Side.TARGET, ca.source_of("decider")),
                StepPlan(StepKind.RELEASE, ca.instructs, Side.TARGET, ca.source_of("instructs")),
                *(StepPlan(StepKind.RECOMMEND, r, Side.TARGET, ca.source_of("recommendation_from"))
                  for r in ca.recommendation_from),
                StepPlan(StepKind.ISSUE, ca.letter_issuer, Side.HOME, ca.source_of("letter_issuer")))
    if scope is Scope.CROSS_INSTITUTION:
        ci = ap.cross_institution
        steps = []
        if ci.own_approval_required and ci.request_to is not None:
            steps.append(StepPlan(StepKind.APPROVE, ci.request_to, Side.HOME, ci.source_of("own_approval_required")))
        sender = ci.sender or ci.request_to or Role.AUTHORIZED_OFFICIAL
        steps.append(StepPlan(StepKind.REPLY, sender, Side.HOME, ci.source_of("sender")))
        return tuple(steps)
    cu = ap.cross_unit
    steps = [StepPlan(StepKind.RECOMMEND, r, Side.TARGET, cu.source_of("recommendation_from"))
             for r in cu.recommendation_from]
    steps.append(StepPlan(StepKind.RELEASE, cu.decider, Side.TARGET, cu.source_of("decider")))
    if cu.letter_issuer not in (cu.decider, Role.APPLICANT):
        steps.append(StepPlan(StepKind.ISSUE, cu.letter_issuer, Side.TARGET, cu.source_of("letter_issuer")))
    return tuple(steps)


def addressee_role(profile: Profile, scope: Scope) -> Role | None:
    """To whom the surat permohonan pelibatan is addressed (it may not be who decides)."""
    ap = profile.appointment
    if scope is Scope.CROSS_UNIT:
        return ap.cross_unit.request_to
    if scope is Scope.CROSS_AGENCY and ap.cross_agency is not None:
        return ap.cross_agency.request_to
    if scope is Scope.CROSS_INSTITUTION:
        return ap.cross_institution.request_to
    return None


def tembusan_roles(profile: Profile, scope: Scope) -> tuple[tuple[Role, Side], ...]:
    """Who gets a copy of the request and its outcome."""
    ap = profile.appointment
    if scope is Scope.CROSS_UNIT:
        return tuple((r, Side.TARGET) for r in ap.cross_unit.request_tembusan)
    if scope is Scope.CROSS_AGENCY and ap.cross_agency is not None:
        return tuple((r, Side.TARGET) for r in ap.cross_agency.letter_tembusan)
    if scope is Scope.CROSS_INSTITUTION:
        return tuple((r, Side.HOME) for r in ap.cross_institution.request_tembusan)
    return ()


def refusal_article(profile: Profile, scope: Scope) -> str:
    """The article that requires a refusal's reason, or product decision 1 where the region is silent."""
    ap = profile.appointment
    section = (ap.cross_unit if scope in (Scope.CROSS_UNIT, Scope.WITHIN_UNIT)
               else ap.cross_agency if scope is Scope.CROSS_AGENCY and ap.cross_agency is not None
               else ap.cross_institution)
    return section.source_of("reason_required") if section.reason_required else PRODUCT_DECISION_1


def refusal_letter(profile: Profile, scope: Scope) -> bool:
    """A refusal across units is answered with a surat jawaban where the region says so
    (Dharmasraya Lamp. 2.A.2)b.2, Banten B.2 a.2)d), HSU Ps 13(d), Surakarta Lamp. IV 3.1 b) 2))."""
    ap = profile.appointment
    if scope is Scope.CROSS_AGENCY and ap.cross_agency is not None:
        return ap.cross_agency.reply_lists_released_staff
    return scope is Scope.CROSS_UNIT and ap.cross_unit.refusal_reply_letter


def release_letter(profile: Profile, scope: Scope) -> bool:
    """The target side's surat jawaban lists the released staff (Badung Lamp. I §2 a.3)c))."""
    ap = profile.appointment
    return scope is Scope.CROSS_AGENCY and ap.cross_agency is not None and ap.cross_agency.reply_lists_released_staff


def self_drafted(profile: Profile, scope: Scope) -> bool:
    """The staff member drafts their own surat penugasan, the unit head signs (HSU Ps 13(c); Surakarta
    Lamp. IV 3.1.2.2 c): the bot drafts it in their name and the signer is the issuer."""
    return scope is Scope.CROSS_UNIT and profile.appointment.cross_unit.letter_drafter is Role.APPLICANT


def refuser_role(profile: Profile, scope: Scope, kind: StepKind, role: Role) -> Role:
    """Who may refuse at a RELEASE step across units: the profile's refuser (Dharmasraya ⚠: the
    deciding Penilai by default)."""
    if scope is Scope.CROSS_UNIT and kind is StepKind.RELEASE:
        return profile.appointment.cross_unit.refuser
    return role


def official(org: OrgView, profile: Profile, role: Role, unit_id: int,
             candidates: Sequence[Employee]) -> Resolved | None:
    """The holder of `role` for this request. The Penilai is the candidates' (the first named, or
    the requester's own on the home side); with no candidate named the unit head answers for the
    unit. A Bupati/Wali Kota is reached u.p. the Sekda (Surakarta Lamp. IV 3.1 c)). When nobody holds
    the post the unit's head takes it, so no request hangs (product decision 5)."""
    found: Resolved | None = None
    if role is Role.RATER:
        person = rater_of(org, candidates[0]) if candidates else None
        found = with_acting(org, person) if person is not None else None
    elif role is Role.REGIONAL_HEAD:
        found = official_for(org, Role.SEKDA, unit_id, profile=profile)
    elif role is not Role.APPLICANT:
        found = official_for(org, role, unit_id, profile=profile)
    if found is None and role in (Role.SEKDA, Role.AUTHORIZED_OFFICIAL, Role.REGIONAL_HEAD):
        found = official_for(org, Role.AGENCY_HEAD, unit_id, profile=profile)
    if found is None:
        found = official_for(org, Role.UNIT_HEAD, unit_id, profile=profile)
    return found


def resolve(org: OrgView, profile: Profile, scope: Scope, steps: Sequence[StepPlan], *, requester: Employee,
            home_unit_id: int, target_unit_id: int | None, candidates: Sequence[Employee]) -> list[dict[str, Any]]:
    """People on the steps. An approval or recommendation the requester would give is given by asking
    (skipped); of two steps in a row for one person, the release (or the first) stands for both."""
    out: list[dict[str, Any]] = []
    for step in steps:
        unit_id = target_unit_id if step.side is Side.TARGET and target_unit_id is not None else home_unit_id
        on_side = candidates if step.side is Side.TARGET or scope is Scope.WITHIN_UNIT else [requester]
        found = official(org, profile, step.role, unit_id, on_side)
        if found is None:
            raise DomainError("no_official", roles=(step.role.value,))
        actor = found.person.id
        if actor == requester.id and step.kind in (StepKind.APPROVE, StepKind.RECOMMEND):
            continue
        if out and out[-1]["actor_id"] == actor:
            if step.kind is not StepKind.RELEASE and step.kind is not StepKind.REPLY:
                continue  # they have just acted on it
            if out[-1]["kind"] in (StepKind.RECOMMEND.value, StepKind.APPROVE.value):
                out.pop()  # who recommends or approves also releases: one step
        refuser = refuser_role(profile, scope, step.kind, step.role)
        refuser_found = (found if refuser is step.role
                         else official(org, profile, refuser, unit_id, on_side) or found)
        out.append({"kind": step.kind.value, "role": step.role.value, "side": step.side.value, "actor_id": actor,
                    "acting_for_id": found.acting_for_id, "source": step.source,
                    "refuser_id": refuser_found.person.id})
    return out


def tembusan(org: OrgView, profile: Profile, scope: Scope, *, requester: Employee, home_unit_id: int,
             target_unit_id: int | None, candidates: Sequence[Employee], actors: Sequence[int]) -> list[int]:
    """The addressee when they do not act themselves, and the copies the profile names (e.g. the
    candidates' Penilai: Dharmasraya Lamp. 2.A.2)a, Banten B.2 a.2)a), Surakarta Lamp. IV 3.1 b) 1))."""
    wanted: list[tuple[Role, Side]] = []
    addressee = addressee_role(profile, scope)
    if addressee is not None and scope is not Scope.CROSS_INSTITUTION:
        wanted.append((addressee, Side.TARGET))
    wanted += tembusan_roles(profile, scope)
    found: list[int] = []
    for role, side in wanted:
        unit_id = target_unit_id if side is Side.TARGET and target_unit_id is not None else home_unit_id
        if role is Role.RATER:
            people = [rater_of(org, c) for c in (candidates if side is Side.TARGET else [requester])]
        else:
            hit = official(org, profile, role, unit_id, candidates)
            people = [hit.person if hit else None]
        for person in people:
            if person is not None and person.id not in (requester.id, *actors, *found):
                found.append(person.id)
    return found


__all__ = ["StepPlan", "addressee_role", "allowed", "official", "plan", "refusal_article", "refusal_letter",
           "release_letter", "resolve", "scope_between", "self_drafted", "starter_role", "tembusan",
           "tembusan_roles"]
