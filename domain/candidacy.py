"""A proposal (usulan) for ketua or pengendali of a team, where an official other than the
proposer sets the post (Surakarta: the Sekda, Ps 15(3)-(4) and 24(5)).

proposed -> approved | rejected | withdrawn. Only the named decider approves or rejects,
a rejection always carries a written reason, only the proposer withdraws; anything else
raises IllegalTransition or NotAllowed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from domain.errors import IllegalTransition, NotAllowed
from domain.text import validate_reason

SUPERSEDED_REASON = "another candidate appointed"


class CandidacyStatus(str, Enum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass
class Candidacy:
    team_id: int
    candidate_id: int
    proposed_by_id: int
    decider_id: int
    created_at: dt.datetime
    status: CandidacyStatus = CandidacyStatus.PROPOSED
    reason: str | None = None
    decided_at: dt.datetime | None = None
    post: str = "ketua"  # ketua | pengendali
    consideration: str | None = None  # the Penilai's consideration the proposal rests on (Surakarta Ps 15(3))
    id: int | None = None

    @property
    def open(self) -> bool:
        return self.status is CandidacyStatus.PROPOSED

    def approve(self, actor_id: int, now: dt.datetime) -> None:
        self._decide("approve", actor_id)
        self.status, self.decided_at = CandidacyStatus.APPROVED, now

    def reject(self, actor_id: int, reason: str | None, now: dt.datetime) -> None:
        self._decide("reject", actor_id)
        self.reason = validate_reason(reason)
        self.status, self.decided_at = CandidacyStatus.REJECTED, now

    def supersede(self, now: dt.datetime) -> None:
        """Another candidate was appointed to the post: this proposal is closed as rejected."""
        self._require_open("supersede")
        self.status, self.reason, self.decided_at = CandidacyStatus.REJECTED, SUPERSEDED_REASON, now

    def withdraw(self, actor_id: int, now: dt.datetime) -> None:
        self._require_open("withdraw")
        if actor_id != self.proposed_by_id:
            raise NotAllowed("not_proposer")
        self.status, self.decided_at = CandidacyStatus.WITHDRAWN, now

    def _decide(self, action: str, actor_id: int) -> None:
        self._require_open(action)
        if actor_id != self.decider_id:
            raise NotAllowed("not_decider")

    def _require_open(self, action: str) -> None:
        if self.status is not CandidacyStatus.PROPOSED:
            raise IllegalTransition("candidacy", self.status.value, action)
