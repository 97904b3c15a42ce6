"""Penunjukan (appointment) and its state machine: within a unit, across units, across agencies
and across institutions (§2.1-§2.5; rules 5, 6-16).

An appointment is a request that passes a fixed list of steps (domain.appointment_routing
builds it from the profile), each held by one official: APPROVE (a proposal or an own Pejabat
yang Berwenang's approval), RECOMMEND (a recommendation the decider reads), RELEASE (the
target side names the staff it releases, or refuses), ISSUE (the surat penugasan, where its
issuer is not the releaser) and REPLY (an outside institution's answer, recorded by the Pemda's
side). After the last step every released person gets a surat penugasan and accepts it.

    pending --steps--> accepting --all accepted--> done
    pending --refuse(reason)--> refused

Every refusal carries a written reason (product decisions 1 and 5). Steps are kept as plain
dicts so the row stores them as JSON; every change reassigns the list (the ORM sees it)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from domain.errors import DomainError, IllegalTransition, NotAllowed
from domain.profiles.model import Profile, Role, Scope
from domain.rules import EligibilityResult, RuleFinding, result
from domain.text import validate_reason, validate_text

REQUEST_FIELDS = ("purpose", "competence", "expectation", "duration")  # §2.5, rule 5
FIELD_MAX_LENGTH = 500
MAX_RELEASED = 10
EXTERNAL_NAMES_MAX = 20


class AppointmentStatus(str, Enum):
    PENDING = "pending"  # a step waits for its official
    ACCEPTING = "accepting"  # letters issued; waiting for the people to accept them
    DONE = "done"
    REFUSED = "refused"

    @property
    def is_final(self) -> bool:
        return self in (AppointmentStatus.DONE, AppointmentStatus.REFUSED)


class StepKind(str, Enum):
    APPROVE = "approve"
    RECOMMEND = "recommend"
    RELEASE = "release"
    ISSUE = "issue"
    REPLY = "reply"


class Side(str, Enum):
    HOME = "home"  # the requesting unit's side
    TARGET = "target"  # the side that releases staff


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


def four_fields_required(profile: Profile, scope: Scope) -> bool:
    """Whether a missing field refuses the request (rule 5) or is only recommended."""
    return Scope(scope) in profile.appointment.four_fields_scopes


@dataclass
class Appointment:
    id: int | None
    scope: Scope
    requester_id: int
    home_unit_id: int
    work: str  # the team's name or the piece of work
    purpose: str = ""
    competence: str = ""
    expectation: str = ""
    duration: str = ""
    team_id: int | None = None
    target_unit_id: int | None = None
    institution: str | None = None  # the other institution, across institutions
    candidate_ids: list[int] = field(default_factory=list)
    tembusan_ids: list[int] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)  # {kind, role, side, actor_id, source, by, at, ...}
    current: int = 0
    status: AppointmentStatus = AppointmentStatus.PENDING
    released_ids: list[int] = field(default_factory=list)
    accepted_ids: list[int] = field(default_factory=list)
    assignment_ids: dict[str, int] = field(default_factory=dict)  # str(employee id) -> assignment id
    external_names: list[str] = field(default_factory=list)  # released by another institution
    reply_file_id: str | None = None  # the scanned reply letter (Telegram file id)
    refusal_reason: str | None = None
    refused_by_id: int | None = None
    number: str | None = None
    created_at: dt.datetime | None = None
    step_since: dt.datetime | None = None  # when the current wait began (reminders)
    closed_at: dt.datetime | None = None

    # --- reading ---------------------------------------------------------------------
    @property
    def step(self) -> dict[str, Any] | None:
        """The step waiting now, or None once the steps are over."""
        if self.status is not AppointmentStatus.PENDING or self.current >= len(self.steps):
            return None
        return self.steps[self.current]

    @property
    def waiting_on(self) -> int | None:
        step = self.step
        return int(step["actor_id"]) if step is not None else None

    @property
    def unaccepted_ids(self) -> list[int]:
        return [i for i in self.released_ids if i not in self.accepted_ids]

    # --- transitions -----------------------------------------------------------------
    def start(self, steps: Sequence[dict[str, Any]], now: dt.datetime) -> None:
        """Submit with its resolved steps; with none left (the appointer appoints directly) the
        released staff are the candidates."""
        if self.steps or self.created_at is not None:
            raise IllegalTransition("appointment", self.status.value, "start")
        validate_text(self.work, 3, 200, "target")
        self.steps = [dict(s) for s in steps]
        self.created_at = self.step_since = now
        if self.scope is Scope.WITHIN_UNIT and len(self.candidate_ids) != 1:
            raise DomainError("appointment_needs_assignee")
        self._settle(now)

    def act(self, actor_id: int, step_index: int, now: dt.datetime, *, verdict: str = "yes",
            note: str | None = None) -> dict[str, Any]:
        """The official of step `step_index` does it (approve, recommend, issue). A RECOMMEND may
        be negative with a note; the decider reads it and still decides."""
        step = self._require_step(actor_id, step_index)
        if StepKind(step["kind"]) in (StepKind.RELEASE, StepKind.REPLY):
            raise IllegalTransition("appointment", self.status.value, "act")
        if verdict not in ("yes", "no"):
            raise DomainError("invalid_choice")
        if verdict == "no":
            if StepKind(step["kind"]) is not StepKind.RECOMMEND:
                raise IllegalTransition("appointment", self.status.value, "act")
            note = validate_reason(note or "")
        self._finish_step(step, actor_id, now, verdict=verdict, note=note)
        return step

    def release(self, actor_id: int, step_index: int, employee_ids: Sequence[int], now: dt.datetime) -> None:
        """The target side names who it releases (§2.2: the decider assigns staff who fit)."""
        step = self._require_step(actor_id, step_index, StepKind.RELEASE)
        ids = list(dict.fromkeys(employee_ids))
        if not ids:
            raise DomainError("appointment_nobody_released")
        if len(ids) > MAX_RELEASED or self.requester_id in ids:
            raise DomainError("invalid_choice")
        self.candidate_ids = ids
        self._finish_step(step, actor_id, now, verdict="yes", released=ids)

    def record_reply(self, actor_id: int, step_index: int, now: dt.datetime, *, file_id: str,
                     names: Sequence[str] = (), reason: str | None = None, allowed: Sequence[int] = ()) -> None:
        """An outside institution's answer, entered by the Pemda's side: the scanned reply letter,
        and the names it releases or its reason for refusing. `allowed`: who else may record it."""
        step = self._require_step(actor_id, step_index, StepKind.REPLY, allowed=allowed)
        if not file_id:
            raise DomainError("appointment_reply_needs_letter")
        self.reply_file_id = file_id
        if reason is not None:
            self._refuse(actor_id, validate_reason(reason), now, step)
            return
        clean = [validate_text(n, 3, 120, "name") for n in names][:EXTERNAL_NAMES_MAX]
        if not clean:
            raise DomainError("appointment_nobody_released")
        self.external_names = clean
        self._finish_step(step, actor_id, now, verdict="yes")

    def decline(self, actor_id: int, step_index: int, reason: str, now: dt.datetime) -> None:
        """Any step but a recommendation may end the request, always with a written reason."""
        step = self._require_step(actor_id, step_index)
        if StepKind(step["kind"]) in (StepKind.RECOMMEND, StepKind.ISSUE, StepKind.REPLY):
            raise IllegalTransition("appointment", self.status.value, "refuse")
        self._refuse(actor_id, validate_reason(reason), now, step)

    def accept(self, employee_id: int, now: dt.datetime) -> None:
        """A released person accepts their surat penugasan; the last acceptance closes it."""
        if self.status is not AppointmentStatus.ACCEPTING:
            raise IllegalTransition("appointment", self.status.value, "accept")
        if employee_id not in self.released_ids:
            raise NotAllowed("not_assignee")
        if employee_id in self.accepted_ids:
            raise IllegalTransition("appointment", "accepted", "accept")
        self.accepted_ids = [*self.accepted_ids, employee_id]
        if not self.unaccepted_ids:
            self.status = AppointmentStatus.DONE
            self.closed_at = now

    # --- internals -------------------------------------------------------------------
    def _require_step(self, actor_id: int, step_index: int, kind: StepKind | None = None,
                      allowed: Sequence[int] = ()) -> dict[str, Any]:
        step = self.step
        if step is None or step_index != self.current:
            raise IllegalTransition("appointment", self.status.value, "step")
        if actor_id != step["actor_id"] and actor_id not in allowed:
            raise NotAllowed("not_step_actor")
        if kind is not None and StepKind(step["kind"]) is not kind:
            raise IllegalTransition("appointment", self.status.value, kind.value)
        return step

    def _finish_step(self, step: dict[str, Any], actor_id: int, now: dt.datetime, **done: object) -> None:
        steps = [dict(s) for s in self.steps]
        steps[self.current] = {**step, "by": actor_id, "at": now.isoformat(), **done}
        self.steps = steps
        self.current += 1
        self.step_since = now
        self._settle(now)

    def _settle(self, now: dt.datetime) -> None:
        """After the last step: the candidates (or the released staff) wait to accept; a request
        answered by another institution ends with the answer, its people are not ours."""
        if self.current < len(self.steps):
            return
        if self.scope is Scope.CROSS_INSTITUTION:
            self.status = AppointmentStatus.DONE
            self.closed_at = now
            return
        if not self.candidate_ids:
            raise DomainError("appointment_nobody_released")
        self.released_ids = list(self.candidate_ids)
        self.status = AppointmentStatus.ACCEPTING

    def _refuse(self, actor_id: int, reason: str, now: dt.datetime, step: dict[str, Any]) -> None:
        steps = [dict(s) for s in self.steps]
        steps[self.current] = {**step, "by": actor_id, "at": now.isoformat(), "verdict": "no", "note": reason}
        self.steps = steps
        self.refusal_reason = reason
        self.refused_by_id = actor_id
        self.status = AppointmentStatus.REFUSED
        self.closed_at = now


def step_roles(steps: Sequence[dict[str, Any]]) -> tuple[Role, ...]:
    return tuple(Role(s["role"]) for s in steps)


__all__ = [
    "FIELD_MAX_LENGTH", "MAX_RELEASED", "REQUEST_FIELDS", "Appointment", "AppointmentStatus", "Side", "StepKind",
    "check_request_fields", "four_fields_required", "step_roles",
]
