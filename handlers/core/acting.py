"""Acting officials (Plt/Plh) on screen and in the audit trail."""
from __future__ import annotations

from domain.acting import ActingOfficial
from domain.org import Employee
from handlers.core.formatting import day
from handlers.core.i18n import Translator


def acting_note(t: Translator, official: Employee | None) -> str:
    """A first line for a notice that reaches someone because they stand in for `official`
    (None: they hold the post themself)."""
    if official is None:
        return ""
    return t("You receive this as acting official (Plt/Plh) for {name}.", name=official.name) + "\n\n"


def acting_line(t: Translator, record: ActingOfficial, official: str, acting: str) -> str:
    return t("{kind} for {official}: {acting}, {start} – {end}", kind=record.kind.label, official=official,
             acting=acting, start=day(t, record.starts_on), end=day(t, record.ends_on))

