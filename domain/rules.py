"""Pure checks of the docs/RULES.md rules that take more than reading one profile knob.

Every check returns an EligibilityResult: `failures` block, `warnings` inform. A finding names
the rule of docs/RULES.md ("R5"; "§2.8" for a team-formation check with no number there), a stable message key and the
article, taken from the profile so each region cites its own text. Rules coded but not yet
called by any feature live in domain.pending."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from domain.errors import DomainError
from domain.profiles.model import (
    CadenceRule,
    IndividualRoute,
    Profile,
    Role,
    Scope,
    TeamRoute,
)


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

    def raise_failure(self) -> None:
        """For a caller that stops at the first problem: the first failure as a DomainError
        (its code, its params and the article)."""
        if self.failures:
            first = self.failures[0]
            raise DomainError(first.code, **first.params, article=first.article)


def result(failures: Iterable[RuleFinding] = (), warnings: Iterable[RuleFinding] = ()) -> EligibilityResult:
    return EligibilityResult(tuple(failures), tuple(warnings))


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
