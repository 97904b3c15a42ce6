"""Domain error codes -> polite sentences in the user's language."""
from __future__ import annotations

from domain.errors import DomainError
from handlers.core.i18n import Translator

FIELD_NAMES = {
    "reason": "reason",
    "motivation": "explanation",
    "target": "team or work",
}


def explain(t: Translator, err: DomainError) -> str:
    p = err.params
    code = err.code
    if code == "text_too_short":
        return t("That is too short: please write at least {min} characters.", min=p.get("min", 0))
    if code == "text_too_long":
        return t("That is too long ({length} characters): please keep it within {max}.",
                 length=p.get("length", 0), max=p.get("max", 0))
    if code == "illegal_transition":
        return t("This can no longer be done: it has already been processed.")
    if code == "not_decider":
        return t("Only the official who decides this application can do that.")
    if code == "not_applicant":
        return t("Only the applicant can withdraw this application.")
    if code == "not_proposer":
        return t("Only the official who made this proposal can withdraw it.")
    if code == "self_decision":
        return t("You cannot decide your own application.")
    if code == "no_decider":
        return t("No official is recorded to decide this for your unit. Please contact the HR admin.")
    if code == "team_term_too_long":
        return t("The team's term is too long: at most {months} months, so it must end by {latest}.",
                 months=p.get("max_months"), latest=p.get("latest"))
    if code == "team_end_before_start":
        return t("The end date is before the start date.")
    if code == "dates_expected":
        return t("Please type two dates, the start and the end, e.g. 2026-12-01 2027-06-30.")
    if code == "no_official":
        return t("No official is recorded for this step ({roles}). Please contact the HR admin.",
                 roles=p.get("roles", ""))
    if code == "team_closed":
        return t("This team has ended and takes no new members.")
    if code == "already_member":
        return t("This person is already in the team.")
    if code == "team_has_no_ketua":
        return t("This team has no ketua yet, so reports cannot be sent to one.")
    if code == "no_report_route":
        return t("No official is recorded to receive this report. Please contact the HR admin.")
    if code == "report_evidence_missing":
        return t("A report needs at least one supporting file (data dukung) here ({article}).",
                 article=p.get("article", "rule 44"))
    if code == "done_requires_meets_target":
        return t("The work is declared done only when accepted as meeting the target.")
    if code in ("not_reviewer", "not_author"):
        return t("Only the officials this report is addressed to can act on it.") if code == "not_reviewer" \
            else t("Only the author can change this report.")
    return t("Sorry, that could not be done ({code}).", code=code)
