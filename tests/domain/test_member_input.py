"""Rule 48: the Ketua's input on each member's performance."""
import datetime as dt

import pytest

from domain.errors import DomainError
from domain.member_input import MemberInput, MemberRating, missing_inputs, new_member_input

NOW = dt.datetime(2026, 12, 28, 2, 0, tzinfo=dt.UTC)
NOTE = "Menyelesaikan modul SSO tepat waktu dan rapi."


def make(**kw):
    args = {"scored": False, "team_id": 1, "ketua_id": 10, "member_id": 11, "period_key": "2026-Q4", "note": NOTE,
                "rating": None, "recipient_ids": [20, 21], "now": NOW}
    return new_member_input(**{**args, **kw})


def test_a_note_only_input_goes_to_its_recipients_once_each():
    item = make(recipient_ids=[20, 21, 20], note=f"  {NOTE}  ")
    assert item.rating is None and item.recipient_ids == [20, 21] and item.note == NOTE


def test_banten_scores_members_as_a_recommendation():  # Lamp. B.3 c.7
    assert make(scored=True, rating=MemberRating.GOOD).rating is MemberRating.GOOD
    with pytest.raises(DomainError, match="member_input_rating_missing"):
        make(scored=True)


def test_a_profile_that_does_not_score_refuses_a_rating():
    with pytest.raises(DomainError, match="member_input_not_scored"):
        make(rating=MemberRating.POOR)


@pytest.mark.parametrize("kw, code", [
    ({"member_id": 10}, "member_input_self"),
    ({"note": "baik"}, "member_input_note_length"),
    ({"note": "x" * 1501}, "member_input_note_length"),
    ({"recipient_ids": []}, "member_input_no_recipient"),
])
def test_what_an_input_may_not_be(kw, code):
    with pytest.raises(DomainError, match=code):
        make(**kw)


def test_an_input_on_oneself_cannot_be_built_directly_either():
    with pytest.raises(DomainError, match="member_input_self"):
        MemberInput(None, 1, 10, 10, "2026-Q4", NOTE)


def test_missing_inputs_keep_the_team_order():
    assert missing_inputs([3, 1, 2], {1}) == [3, 2]
    assert missing_inputs([3, 1], {1, 3}) == []
