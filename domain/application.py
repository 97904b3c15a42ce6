"""Voluntary application (pengajuan sukarela) and its state machine.

draft -> submitted -> approved | rejected | withdrawn. Transitions are the only way to
change the state; an illegal one raises IllegalTransition. A rejection without a written
reason is impossible (product decision 1, docs/DECISIONS.md).

A cross-unit application (§2.7) carries its route, fixed at submit (domain.voluntary): the
home and target officials' steps in the profile's order. It stays SUBMITTED while it walks
them; `decider_id` is always the official of the current step, so whatever lists, reminds
or guards "waiting for X" works for both scopes alike. Approving the last step approves it;
refusing any step rejects it, with the reason."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from domain.errors import DomainError, IllegalTransition, NotAllowed
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


class StepKind(str, Enum):
    """The steps of a cross-unit application, in the order a route may hold them (§2.7)."""

    ACKNOWLEDGE = "acknowledge"  # the home Penilai's "diketahui" before it is sent (Dharmasraya Lamp. 2.B.2)a)
    HOME_APPROVAL = "home_approval"  # the own head's approval first (HSU Lamp. II B.2.a; Surakarta Ps 18(3)(a))
    TARGET = "target"  # the target unit head decides (step a)
    FINAL = "final"  # the home side approves and issues the surat penugasan (steps b-c)
    EXTRA = "extra"  # a further home approval at the end (Badung Lamp. I §2 b.2)c): the Pimpinan PD)


@dataclass(frozen=True)
class Step:
    """One official's step of a cross-unit route; stored as a plain dict (JSON column)."""

    kind: StepKind
    role: str  # domain.profiles.Role value: who the profile names for it
    person_id: int
    acting_for_id: int | None = None  # the official the person stands in for (Plt/Plh)
    tembusan_ids: tuple[int, ...] = ()  # copied when the step opens (forward_tembusan at FINAL)
    source: str = ""  # the article naming the step

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "role": self.role, "person_id": self.person_id,
                "acting_for_id": self.acting_for_id, "tembusan_ids": list(self.tembusan_ids), "source": self.source}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Step:
        return cls(StepKind(raw["kind"]), raw["role"], raw["person_id"], raw.get("acting_for_id"),
                   tuple(raw.get("tembusan_ids") or ()), raw.get("source", ""))


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
    # Cross-unit only (scope CROSS_UNIT): the route, the step now open and since when, and the
    # unit whose team or work it is.
    steps: list[dict[str, Any]] = field(default_factory=list)
    step_index: int = 0
    step_since: dt.datetime | None = None
    target_unit_id: int | None = None

    @property
    def route(self) -> list[Step]:
        return [Step.from_json(raw) for raw in self.steps]

    @property
    def current_step(self) -> Step | None:
        """The open step of a cross-unit application; None within a unit or once decided."""
        if not self.steps or self.status is not ApplicationStatus.SUBMITTED:
            return None
        return Step.from_json(self.steps[self.step_index])

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

    def submit_cross_unit(self, route: list[Step] | tuple[Step, ...], target_unit_id: int, now: dt.datetime, *,
                          tembusan_ids: tuple[int, ...] | list[int] = ()) -> None:
        """Send along a route (domain.voluntary.route_cross_unit); its first step's official decides first."""
        if not route:
            raise DomainError("no_decider")
        if any(step.person_id == self.applicant_id for step in route):
            raise NotAllowed("self_decision")
        first = route[0]
        self.submit(first.person_id, now, acting_for_id=first.acting_for_id, tembusan_ids=tembusan_ids)
        self.scope = ApplicationScope.CROSS_UNIT
        self.steps = [step.to_json() for step in route]
        self.step_index = 0
        self.step_since = now
        self.target_unit_id = target_unit_id

    def approve(self, actor_id: int, now: dt.datetime, note: str | None = None) -> bool:
        """The decider's yes. On a cross-unit route it opens the next step (False) until the
        last, which approves the application (True)."""
        self._require("approve", ApplicationStatus.SUBMITTED)
        self._require_decider(actor_id)
        if self.steps and self.step_index < len(self.steps) - 1:
            self.step_index += 1
            nxt = Step.from_json(self.steps[self.step_index])
            self.decider_id, self.acting_for_id, self.step_since = nxt.person_id, nxt.acting_for_id, now
            return False
        self.status = ApplicationStatus.APPROVED
        self.decided_at = now
        self.decision_reason = note
        return True

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
    "ApplicationScope", "ApplicationStatus", "Step", "StepKind", "format_number", "validate_reason", "validate_text",
]
