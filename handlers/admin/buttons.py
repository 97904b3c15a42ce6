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


class AdminFiles(CallbackData, prefix="adf"):
    """Files with HR: imp (ask for an import file), codes (confirm issuing link codes for
    everyone not linked), codesok (issue them and send the XLSX), staff (the employee list)."""

    action: Literal["imp", "codes", "codesok", "staff"]


class ImportChoice(CallbackData, prefix="adi"):
    """On an import's dry-run report: apply or cancel the upload whose token this is."""

    action: Literal["apply", "cancel"]
    token: str


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
