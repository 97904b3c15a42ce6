"""Domain error codes -> polite sentences in the user's language."""
from __future__ import annotations

from domain.errors import DomainError
from handlers.i18n import Translator

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
    if code == "self_decision":
        return t("You cannot decide your own application.")
    if code == "no_decider":
        return t("No official is recorded to decide this for your unit. Please contact the HR admin.")
    return t("Sorry, that could not be done ({code}).", code=code)
