"""The buttons of applications (pengajuan sukarela): their callback data."""
from __future__ import annotations

from typing import Literal

from handlers.core.buttons import CallbackData


class ApplicationAction(CallbackData, prefix="aj"):
    """The applicant's form: t (choose a team: team_id), send, cancel."""

    action: Literal["t", "send", "cancel"]
    team_id: int | None = None


class ApplicationDecision(CallbackData, prefix="ap"):
    """`step`: the step of a cross-unit route it was sent for, so a stale button never acts on a later one."""

    action: Literal["ok", "no"]
    application_id: int
    step: int | None = None
    page: int | None = None  # pressed on this page of /persetujuan


class ShowApplication(CallbackData, prefix="ap:s"):
    """A reminder's button: the application's decision card."""

    application_id: int


class WithdrawApplication(CallbackData, prefix="aw"):
    application_id: int


class AssignmentLetter(CallbackData, prefix="sl"):
    assignment_id: int

