"""The *dialog kinerja* before team work (rule 53; HSU Lamp. II A.2.1, Surakarta Lamp. IV
3.1.2.1): a member and their Penilai set and clarify the expectations (ekspektasi) for the
assignment, and both confirm them.

awaiting (opened when the member joins) -> proposed (the Penilai records the expectations,
which is their confirmation) -> confirmed (the member confirms). The member may instead ask
for a revision (-> revision, with a note), and the Penilai records again. Only the named
Penilai records and only the member confirms; anything else raises IllegalTransition or
NotAllowed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from domain.errors import IllegalTransition, NotAllowed
from domain.text import validate_reason, validate_text

EXPECTATIONS_MIN_LENGTH = 10
EXPECTATIONS_MAX_LENGTH = 1500


class DialogMode(str, Enum):
    """How a profile treats the dialog: required before the member is active, or offered."""

    REQUIRED = "required"
    OPTIONAL = "optional"


class DialogStatus(str, Enum):
    AWAITING = "awaiting"  # waiting for the Penilai to record the expectations
    PROPOSED = "proposed"  # recorded and confirmed by the Penilai; waiting for the member
    REVISION = "revision"  # the member asked the Penilai to revise
    CONFIRMED = "confirmed"  # confirmed by both


@dataclass
class Dialog:
    team_id: int
    member_id: int
    penilai_id: int
    created_at: dt.datetime
    assignment_id: int | None = None
    status: DialogStatus = DialogStatus.AWAITING
    expectations: str = ""
    revision_note: str | None = None
    penilai_confirmed_at: dt.datetime | None = None
    member_confirmed_at: dt.datetime | None = None
    id: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.status is DialogStatus.CONFIRMED

    def record(self, actor_id: int, expectations: str | None, now: dt.datetime) -> None:
        """The Penilai writes the agreed expectations; writing them is their confirmation."""
        if self.status not in (DialogStatus.AWAITING, DialogStatus.REVISION, DialogStatus.PROPOSED):
            raise IllegalTransition("dialog", self.status.value, "record")
        if actor_id != self.penilai_id:
            raise NotAllowed("not_the_penilai")
        self.expectations = validate_text(expectations, EXPECTATIONS_MIN_LENGTH, EXPECTATIONS_MAX_LENGTH,
                                          "expectations")
        self.status, self.penilai_confirmed_at, self.member_confirmed_at = DialogStatus.PROPOSED, now, None

    def confirm(self, actor_id: int, now: dt.datetime) -> None:
        self._member_step(actor_id, "confirm")
        self.status, self.member_confirmed_at, self.revision_note = DialogStatus.CONFIRMED, now, None

    def ask_revision(self, actor_id: int, note: str | None) -> None:
        self._member_step(actor_id, "ask_revision")
        self.revision_note = validate_reason(note, "revision_note")
        self.status, self.penilai_confirmed_at = DialogStatus.REVISION, None

    def _member_step(self, actor_id: int, action: str) -> None:
        if self.status is not DialogStatus.PROPOSED:
            raise IllegalTransition("dialog", self.status.value, action)
        if actor_id != self.member_id:
            raise NotAllowed("not_the_member")


def member_active(mode: DialogMode, dialog: Dialog | None) -> bool:
    """Rule 53: where the dialog is required, a member whose dialog was opened is not active
    in the team until both confirmed it. Members from before the rule (no dialog) stay active."""
    return mode is not DialogMode.REQUIRED or dialog is None or dialog.confirmed

