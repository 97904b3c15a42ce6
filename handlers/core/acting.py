"""Acting officials (Plt/Plh) on screen and in the audit trail."""
from __future__ import annotations

from domain.acting import ActingOfficial
from handlers.core.formatting import day
from handlers.core.i18n import Translator


def acting_note(t: Translator, org, acting_for_id: int | None) -> str:
    """A first line for a notice that reaches someone because they stand in for another."""
    if acting_for_id is None:
        return ""
    official = org.employee(acting_for_id)
    return t("You receive this as acting official (Plt/Plh) for {name}.",
             name=official.name if official else "-") + "\n\n"


def acting_line(t: Translator, record: ActingOfficial, official: str, acting: str) -> str:
    return t("{kind} for {official}: {acting}, {start} – {end}", kind=record.kind.label, official=official,
             acting=acting, start=day(t, record.starts_on), end=day(t, record.ends_on))

