"""The Ketua's input on each member's performance (rule 48): at a period's end the Ketua
reports how each member worked, to the member's Penilai (and the unit head, or the head
whose performance it is, where the profile says so) as material for the appraisal. Where
the regulation has the Ketua *score* members (Banten Lamp. B.3 c.7, "evaluasi dan
penilaian ... sebagai bahan rekomendasi") the input carries a rating on a short scale;
elsewhere it is a note only. One input per member, team and period."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from domain.errors import DomainError

NOTE_MIN, NOTE_MAX = 10, 1500


class MemberRating(str, Enum):
    """The five predicates of a performance appraisal (PermenPANRB 6/2022), best first."""

    EXCELLENT = "excellent"  # Sangat Baik
    GOOD = "good"  # Baik
    NEEDS_IMPROVEMENT = "needs_improvement"  # Butuh Perbaikan
    POOR = "poor"  # Kurang
    VERY_POOR = "very_poor"  # Sangat Kurang


@dataclass
class MemberInput:
    """What a Ketua said about one member for one period, and to whom it went."""

    id: int | None
    team_id: int
    ketua_id: int
    member_id: int
    period_key: str
    note: str
    rating: MemberRating | None = None
    recipient_ids: list[int] = field(default_factory=list)
    created_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.member_id == self.ketua_id:
            raise DomainError("member_input_self")
        if not NOTE_MIN <= len((self.note or "").strip()) <= NOTE_MAX:
            raise DomainError("member_input_note_length", min=NOTE_MIN, max=NOTE_MAX)


def new_member_input(*, scored: bool, team_id: int, ketua_id: int, member_id: int, period_key: str, note: str,
                     rating: MemberRating | None, recipient_ids: list[int], now: dt.datetime) -> MemberInput:
    """An input as the profile wants it: rated exactly where the Ketua scores members."""
    if scored and rating is None:
        raise DomainError("member_input_rating_missing")
    if not scored and rating is not None:
        raise DomainError("member_input_not_scored")
    if not recipient_ids:
        raise DomainError("member_input_no_recipient")
    return MemberInput(None, team_id, ketua_id, member_id, period_key, note.strip(), rating,
                       list(dict.fromkeys(recipient_ids)), now)


def missing_inputs(member_ids: list[int], given: set[int]) -> list[int]:
    """The members the Ketua has not yet given input on, in the team's order."""
    return [m for m in member_ids if m not in given]
