"""NOT enforced yet (see domain.pending): the request letter of a cross-unit penunjukan."""
from __future__ import annotations

from collections.abc import Mapping

from domain.profiles.model import Profile, Scope
from domain.rules import EligibilityResult, RuleFinding, result

REQUEST_FIELDS = ("purpose", "competence", "expectation", "duration")  # §2.5, rule 5


def check_request_fields(profile: Profile, scope: Scope, fields: Mapping[str, str | None]) -> EligibilityResult:
    """Rule 5: a surat permohonan pelibatan names purpose, competence, expectation, duration.
    Where the region does not require them (Dharmasraya) a gap is only a warning (product decision 12)."""
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
