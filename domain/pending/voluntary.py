"""NOT enforced yet (see domain.pending): a pengajuan sukarela beyond the applicant's unit;
/ajukan handles the within-unit case only."""
from __future__ import annotations

from domain.profiles.model import Prerequisite, Profile, Role, VoluntaryScope
from domain.rules import EligibilityResult, RuleFinding, result


def check_voluntary_scope(profile: Profile, applicant_agency_id: int,
                          target_agency_id: int | None) -> EligibilityResult:
    """Rules 17/18: where a pengajuan sukarela may go. `target_agency_id=None` = another institution."""
    vol = profile.voluntary
    if target_agency_id == applicant_agency_id:
        return result()
    if target_agency_id is None and not vol.cross_institution_allowed:
        return result([RuleFinding("R18", "voluntary_cross_institution_not_allowed",
                                   vol.source_of("cross_institution_allowed"))])
    if target_agency_id is not None and vol.cross_unit.scope is VoluntaryScope.WITHIN_AGENCY:
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


def voluntary_home_approvers(profile: Profile) -> tuple[Role, ...]:
    """Rule 23: the final home approval of a cross-unit application, extra approvals included."""
    cu = profile.voluntary.cross_unit
    return cu.final_approvers + tuple(r for r in cu.extra_approval if r not in cu.final_approvers)
