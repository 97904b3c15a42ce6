"""Pure checks of the REGULATIONS.md §4 rules that take more than reading one profile knob.

Every check returns an EligibilityResult: `failures` block, `warnings` inform. A finding names
the §4 rule ("R5"; "§2.8" where the digest has no number), a stable message key and the
article, taken from the profile so each region cites its own text."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from domain.errors import DomainError
from domain.profiles.model import (
    CadenceRule,
    IndividualRoute,
    Prerequisite,
    Profile,
    Role,
    Scope,
    TeamRoute,
    VoluntaryScope,
)

REQUEST_FIELDS = ("purpose", "competence", "expectation", "duration")  # §2.5, rule 5


@dataclass(frozen=True)
class RuleFinding:
    rule_id: str
    code: str
    article: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class EligibilityResult:
    failures: tuple[RuleFinding, ...] = ()
    warnings: tuple[RuleFinding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def codes(self) -> set[str]:
        return {f.code for f in (*self.failures, *self.warnings)}

    def __add__(self, other: EligibilityResult) -> EligibilityResult:
        return EligibilityResult(self.failures + other.failures, self.warnings + other.warnings)


def result(failures: Iterable[RuleFinding] = (), warnings: Iterable[RuleFinding] = ()) -> EligibilityResult:
    return EligibilityResult(tuple(failures), tuple(warnings))


def check_request_fields(profile: Profile, scope: Scope, fields: Mapping[str, str | None]) -> EligibilityResult:
    """Rule 5: a surat permohonan pelibatan names purpose, competence, expectation, duration.
    Where the region does not require them (Dharmasraya) a gap is only a warning (digest §2.5)."""
    scope = Scope(scope)
    missing = tuple(f for f in REQUEST_FIELDS if not (fields.get(f) or "").strip())
    if scope is Scope.WITHIN_UNIT or not missing:
        return result()
    ap = profile.appointment
    if scope in ap.four_fields_scopes:
        return result([RuleFinding("R5", "request_fields_missing", ap.source_of("four_fields_scopes"),
                                   {"missing": missing})])
    return result(warnings=[RuleFinding("R5", "request_fields_recommended", ap.source_of("four_fields_scopes"),
                                        {"missing": missing})])


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


def kendala_deciders(profile: Profile, scope: Scope) -> tuple[Role, ...]:
    return profile.reporting.kendala_deciders.for_scope(scope)


def check_kendala(profile: Profile, scope: Scope, description: str | None,
                  alternatives: Iterable[str | None]) -> EligibilityResult:
    """Rule 39: a kendala carries a description and at least one alternative recommendation."""
    article = profile.reporting.source_of("kendala_deciders")
    failures = []
    if not (description or "").strip():
        failures.append(RuleFinding("R39", "kendala_description_missing", article))
    if not any((a or "").strip() for a in alternatives):
        failures.append(RuleFinding("R39", "kendala_alternative_missing", article))
    warnings = [] if kendala_deciders(profile, scope) else [
        RuleFinding("R39", "kendala_route_not_stated", article, {"scope": Scope(scope).value})]
    return result(failures, warnings)


def check_report_evidence(profile: Profile, evidence_count: int) -> EligibilityResult:
    """Rule 44: no report without data dukung where the region requires it."""
    rep = profile.reporting
    if rep.evidence_required and evidence_count < 1:
        return result([RuleFinding("R44", "report_evidence_missing", rep.source_of("evidence_required"))])
    return result()


class ReportPathKind(str, Enum):
    INDIVIDUAL = "individual"
    MEMBER = "member"
    TEAM = "team"
    PENGENDALI = "pengendali"


_VIA = {IndividualRoute.DIRECT: (), IndividualRoute.VIA_RATER: (Role.RATER,),
        IndividualRoute.VIA_RATER_AND_KABAG: (Role.RATER, Role.KABAG)}


def report_path(profile: Profile, kind: ReportPathKind, *, setda_jf_madya: bool = False,
                via_pengendali: bool = False) -> tuple[Role, ...]:
    """Rules 40, 45-47: who a report passes through, ending with its addressee."""
    rep = profile.reporting
    kind = ReportPathKind(kind)
    if kind is ReportPathKind.MEMBER:
        return (rep.member_route,)
    if kind is ReportPathKind.INDIVIDUAL:
        return _VIA[rep.setda_jf_madya_route if setda_jf_madya else rep.individual_route] + (Role.UNIT_HEAD,)
    if kind is ReportPathKind.PENGENDALI:
        if rep.pengendali_route is None:
            raise DomainError("no_pengendali_in_profile", profile=profile.name)
        return _VIA[rep.pengendali_route] + (Role.UNIT_HEAD,)
    via = {TeamRoute.DIRECT: (), TeamRoute.VIA_RATER: (Role.RATER,),
           TeamRoute.VIA_PENGENDALI_OR_RATER: (Role.PENGENDALI if via_pengendali else Role.RATER,)}
    return via[rep.team_route] + (rep.team_recipient,)


def may_request_report(profile: Profile, role: Role) -> bool:
    """Rule 41: who may ask the Ketua or a member for a report at any time (sewaktu-waktu)."""
    return profile.reporting.adhoc_requester is not None and role is profile.reporting.adhoc_requester


def monitoring_period_months(profile: Profile, override: int | None = None) -> int:
    """Rules 42/43: 'berkala' takes the deployment's period; 'triwulanan' is fixed at 3 months."""
    rep = profile.reporting
    if override is None or override == rep.cadence_months:
        return rep.cadence_months
    if rep.cadence is CadenceRule.QUARTERLY:
        raise DomainError("cadence_fixed_by_regulation", months=rep.cadence_months, article=rep.source_of("cadence"))
    if override < 1:
        raise DomainError("cadence_invalid", months=override)
    return override


def check_done(profile: Profile, actor: Role, *, meets_target: bool, rater_evaluated: bool) -> EligibilityResult:
    """Rules 50/51: only the unit head declares *selesai*, on a met target, after the rater where required."""
    rep = profile.reporting
    failures = []
    if actor is not rep.done_by:
        failures.append(RuleFinding("R50", "done_by_unit_head_only", rep.source_of("done_by"), {"actor": actor.value}))
    if rep.done_requires_meets_target and not meets_target:
        failures.append(RuleFinding("R50", "done_requires_meets_target", rep.source_of("done_requires_meets_target")))
    if rep.rater_evaluates_first and not rater_evaluated:
        failures.append(RuleFinding("R51", "done_requires_rater_evaluation", rep.source_of("rater_evaluates_first")))
    return result(failures)


def decree_issuers(profile: Profile, scope: Scope) -> tuple[Role, ...]:
    """Rule 36: who issues the team instrument for a team of this scope (empty = not stated)."""
    return profile.teams.decree_issuer.for_scope(scope)
