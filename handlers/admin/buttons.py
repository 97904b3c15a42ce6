"""The buttons of the HR admin's menu: their callback data."""
from __future__ import annotations

from typing import Literal

from domain.acting import ActingKind
from handlers.core.buttons import CallbackData


class AdminAction(CallbackData, prefix="adm"):
    """menu, find; for one employee (employee_id): e (their card), code (issue a link
    code), rv (revoke open codes), ul (unlink: confirm), ulok (unlink)."""

    action: Literal["menu", "find", "e", "code", "rv", "ul", "ulok"]
    employee_id: int | None = None


class UnlinkedUnits(CallbackData, prefix="adn:u"):
    page: int


class UnlinkedPeople(CallbackData, prefix="adn:l"):
    unit_id: int
    page: int


class ActingAction(CallbackData, prefix="apl"):
    """new (official_id), end (the acting record's id), who (the stand-in chosen), save,
    cancel."""

    action: Literal["new", "end", "who", "save", "cancel"]
    target_id: int | None = None


class ActingKindChoice(CallbackData, prefix="apl:kind"):
    kind: ActingKind
