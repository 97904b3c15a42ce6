"""Voluntary application (pengajuan sukarela) and its state machine.

draft -> submitted -> approved | rejected | withdrawn. Transitions are the only way to
change the state; an illegal one raises IllegalTransition. A rejection without a written
reason is impossible (product decision 1, docs/DECISIONS.md)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from domain.errors import IllegalTransition, NotAllowed
from domain.text import (
    REASON_MAX_LENGTH,
    REASON_MIN_LENGTH,
    validate_reason,
    validate_text,
)

MOTIVATION_MAX_LENGTH = 1000
TARGET_MAX_LENGTH = 200


class ApplicationStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


class ApplicationScope(str, Enum):
    WITHIN_UNIT = "within_unit"
    CROSS_UNIT = "cross_unit"


@dataclass
class Application:
    id: int | None
    applicant_id: int
    unit_id: int
    target_text: str
    motivation: str
    team_id: int | None = None
    scope: ApplicationScope = ApplicationScope.WITHIN_UNIT
    status: ApplicationStatus = ApplicationStatus.DRAFT
    decider_id: int | None = None
    number: str | None = None
    created_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None
    # Fixed when it is routed at submit: the official the decider stands in for (Plt/Plh),
    # and who gets a copy (tembusan) of the submission and the outcome.
    acting_for_id: int | None = None
    tembusan_ids: list[int] = field(default_factory=list)

    def _require(self, action: str, *allowed: ApplicationStatus) -> None:
        if self.status not in allowed:
            raise IllegalTransition("application", self.status.value, action)

    def submit(self, decider_id: int, now: dt.datetime, *, acting_for_id: int | None = None,
               tembusan_ids: tuple[int, ...] | list[int] = ()) -> None:
        self._require("submit", ApplicationStatus.DRAFT)
        validate_text(self.target_text, 3, TARGET_MAX_LENGTH, "target")
        validate_text(self.motivation, REASON_MIN_LENGTH, MOTIVATION_MAX_LENGTH, "motivation")
        if decider_id == self.applicant_id:
            raise NotAllowed("self_decision")
        self.decider_id = decider_id
        self.acting_for_id = acting_for_id
        self.tembusan_ids = list(tembusan_ids)
        self.status = ApplicationStatus.SUBMITTED
        self.submitted_at = now

    def approve(self, actor_id: int, now: dt.datetime, note: str | None = None) -> None:
        self._require("approve", ApplicationStatus.SUBMITTED)
        self._require_decider(actor_id)
        self.status = ApplicationStatus.APPROVED
        self.decided_at = now
        self.decision_reason = note

    def reject(self, actor_id: int, reason: str, now: dt.datetime) -> None:
        self._require("reject", ApplicationStatus.SUBMITTED)
        self._require_decider(actor_id)
        self.decision_reason = validate_reason(reason)
        self.status = ApplicationStatus.REJECTED
        self.decided_at = now

    def withdraw(self, actor_id: int, now: dt.datetime) -> None:
        self._require("withdraw", ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)
        if actor_id != self.applicant_id:
            raise NotAllowed("not_applicant")
        self.status = ApplicationStatus.WITHDRAWN
        self.decided_at = now

    def _require_decider(self, actor_id: int) -> None:
        if actor_id != self.decider_id:
            raise NotAllowed("not_decider")


def format_number(prefix: str, year: int, seq: int) -> str:
    """Human-readable register number, e.g. PS-2026-00042 (pengajuan sukarela)."""
    return f"{prefix}-{year}-{seq:05d}"


__all__ = [
    "MOTIVATION_MAX_LENGTH", "REASON_MAX_LENGTH", "REASON_MIN_LENGTH", "TARGET_MAX_LENGTH", "Application",
    "ApplicationScope", "ApplicationStatus", "format_number", "validate_reason", "validate_text",
]
