"""Pengajuan sukarela across units (§2.7, rules 17-24): where an application may go, and the
route of officials it walks, in the profile's order:

  prerequisite (Dharmasraya: the Penilai's "diketahui"; HSU/Surakarta: the own head's approval)
  -> target (the target unit head decides, Lamp. step a)
  -> final (the home official it is forwarded to approves and issues the surat penugasan, b-c)
  -> extra (Badung: the Pimpinan PD's approval, Lamp. I §2 b.2)c)).

The route is fixed when the application is sent, from the org as it is that day (Plt/Plh
applied), and stored with it; who is copied at (a) and at (b) comes from the profile too."""
from __future__ import annotations

from dataclasses import dataclass

from domain.application import Application, Step, StepKind
from domain.deciders import OrgView, Resolved, official_for, resolve_official, resolve_role
from domain.errors import DomainError
from domain.org import Employee
from domain.profiles.model import Prerequisite, Profile, Role, VoluntaryScope
from domain.rules import EligibilityResult, RuleFinding, result


def reaches_other_agencies(profile: Profile) -> bool:
    """Rule 17: whether a pengajuan sukarela may go to another Perangkat Daerah of the Pemda
    (Badung: only inside one PD)."""
    return profile.voluntary.cross_unit.scope is not VoluntaryScope.WITHIN_AGENCY


def check_voluntary_scope(profile: Profile, applicant_agency_id: int,
                          target_agency_id: int | None) -> EligibilityResult:
    """Rules 17/18: where a pengajuan sukarela may go. `target_agency_id=None` = another institution."""
    vol = profile.voluntary
    if target_agency_id == applicant_agency_id:
        return result()
    if target_agency_id is None and not vol.cross_institution_allowed:
        return result([RuleFinding("R18", "voluntary_cross_institution_not_allowed",
                                   vol.source_of("cross_institution_allowed"))])
    if target_agency_id is not None and not reaches_other_agencies(profile):
        return result([RuleFinding("R17", "voluntary_outside_agency_not_allowed", vol.cross_unit.source_of("scope"))])
    return result()


def check_voluntary_dispatch(profile: Profile, *, rater_acknowledged: bool = False,
                             home_approved: bool = False) -> EligibilityResult:
    """Rules 20/21: what the home side must give before a cross-unit application is sent."""
    cu = profile.voluntary.cross_unit
    article = cu.source_of("prerequisite")
    params = {"by": tuple(r.value for r in cu.prerequisite_by)}
    if cu.prerequisite is Prerequisite.RATER_ACK and not rater_acknowledged:
        return result([RuleFinding("R21", "voluntary_needs_rater_ack", article, params)])
    if cu.prerequisite is Prerequisite.HOME_APPROVAL and not home_approved:
        return result([RuleFinding("R20", "voluntary_needs_home_approval", article, params)])
    return result()


def dispatch_check(profile: Profile, app: Application) -> EligibilityResult:
    """Rules 20/21 on a stored route: may the application go to the target unit now?"""
    done = {step.kind for step in app.route[:app.step_index]}
    return check_voluntary_dispatch(profile, rater_acknowledged=StepKind.ACKNOWLEDGE in done,
                                    home_approved=StepKind.HOME_APPROVAL in done)


def voluntary_home_approvers(profile: Profile) -> tuple[Role, ...]:
    """Rule 23: the final home approval of a cross-unit application, extra approvals included."""
    cu = profile.voluntary.cross_unit
    return cu.final_approvers + tuple(r for r in cu.extra_approval if r not in cu.final_approvers)


@dataclass(frozen=True)
class CrossUnitRoute:
    steps: tuple[Step, ...]
    applicant_tembusan: tuple[int, ...]  # copied when it is sent (step a)
    letter_drafter: Role  # who drafts the surat penugasan (the applicant in HSU and Surakarta)


_OTHER_HOME = {Role.RATER: Role.UNIT_HEAD, Role.UNIT_HEAD: Role.RATER}


def _home(org: OrgView, profile: Profile, applicant: Employee, roles: tuple[Role, ...]) -> tuple[Role, Resolved]:
    """The first of `roles` ("dan/atau") somebody holds for the applicant; else the other home
    official, so no application hangs (product decision 5)."""
    fallbacks = tuple(_OTHER_HOME[r] for r in roles if r in _OTHER_HOME and _OTHER_HOME[r] not in roles)
    for role in (*roles, *fallbacks):
        found = resolve_official(org, applicant, role, profile)
        if found is not None:
            return role, found
    raise DomainError("no_decider")


def _copies(org: OrgView, profile: Profile, applicant: Employee, roles: tuple[Role, ...],
            skip: set[int]) -> tuple[int, ...]:
    out: list[int] = []
    for role in roles:
        person = resolve_role(org, applicant, role, profile)
        if person is not None and person.id not in skip and person.id not in out:
            out.append(person.id)
    return tuple(out)


def route_cross_unit(org: OrgView, profile: Profile, applicant: Employee, target_unit_id: int) -> CrossUnitRoute:
    """The officials a cross-unit application passes, in order (rules 20-23; §2.7 table)."""
    cu = profile.voluntary.cross_unit
    steps: list[Step] = []
    if cu.prerequisite is not Prerequisite.NONE:
        role, found = _home(org, profile, applicant, cu.prerequisite_by or (Role.RATER,))
        kind = StepKind.ACKNOWLEDGE if cu.prerequisite is Prerequisite.RATER_ACK else StepKind.HOME_APPROVAL
        steps.append(Step(kind, role.value, found.person.id, found.acting_for_id,
                          source=cu.source_of("prerequisite_by")))
    target = official_for(org, cu.target_decider, target_unit_id, exclude=applicant.id, profile=profile)
    if target is None:
        raise DomainError("no_decider")
    steps.append(Step(StepKind.TARGET, cu.target_decider.value, target.person.id, target.acting_for_id,
                      source=cu.source_of("target_decider")))
    # (b) it is forwarded to the home official who gives the final approval (c): forward_to and
    # final_approvers name the same officials in every profile; the first one held decides.
    role, final = _home(org, profile, applicant, cu.final_approvers or cu.forward_to)
    if role not in cu.forward_to:
        role, final = _home(org, profile, applicant, cu.forward_to)
    copies = _copies(org, profile, applicant, cu.forward_tembusan, {applicant.id, final.person.id})
    steps.append(Step(StepKind.FINAL, role.value, final.person.id, final.acting_for_id, copies,
                      source=cu.source_of("final_approvers")))
    for extra in voluntary_home_approvers(profile)[len(cu.final_approvers):]:
        extra_official = resolve_official(org, applicant, extra, profile)
        if extra_official is not None and extra_official.person.id != final.person.id:
            steps.append(Step(StepKind.EXTRA, extra.value, extra_official.person.id, extra_official.acting_for_id,
                              source=cu.source_of("extra_approval")))
    first = steps[0].person_id
    return CrossUnitRoute(tuple(steps), _copies(org, profile, applicant, cu.applicant_tembusan, {applicant.id, first}),
                          cu.letter_drafter)


def letter_signer(app: Application) -> int:
    """Who issues the surat penugasan: the home official of the final step (§2.7 c)."""
    return next(step.person_id for step in app.route if step.kind is StepKind.FINAL)


__all__ = ["CrossUnitRoute", "check_voluntary_dispatch", "check_voluntary_scope", "dispatch_check",
           "letter_signer", "route_cross_unit", "voluntary_home_approvers"]
