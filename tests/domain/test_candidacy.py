"""The ketua/pengendali proposal: proposed -> approved | rejected (with a reason) | withdrawn."""
import datetime as dt

import pytest

from domain.candidacy import SUPERSEDED_REASON, Candidacy, CandidacyStatus
from domain.errors import DomainError, IllegalTransition, NotAllowed
from domain.text import REASON_MIN_LENGTH

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
TEAM, CANDIDATE, HEAD, SEKDA = 5, 1, 2, 3
REASON = "Mohon usulkan pejabat fungsional ahli muda."


def proposed(post: str = "ketua") -> Candidacy:
    return Candidacy(TEAM, CANDIDATE, HEAD, SEKDA, NOW, post=post)


def test_a_new_proposal_waits_for_the_decider():
    c = proposed()
    assert c.status is CandidacyStatus.PROPOSED and c.open and c.decided_at is None


def test_the_decider_approves():
    c = proposed()
    c.approve(SEKDA, NOW)
    assert (c.status, c.decided_at, c.open) == (CandidacyStatus.APPROVED, NOW, False)


@pytest.mark.parametrize("actor", [HEAD, CANDIDATE, 99])
def test_only_the_decider_decides(actor):
    c = proposed()
    with pytest.raises(NotAllowed):
        c.approve(actor, NOW)
    with pytest.raises(NotAllowed):
        c.reject(actor, REASON, NOW)
    assert c.open


@pytest.mark.parametrize("reason", [None, "", "   ", "tidak", "x" * (REASON_MIN_LENGTH - 1), "x" * 1001])
def test_a_rejection_needs_a_written_reason(reason):
    c = proposed()
    with pytest.raises(DomainError) as err:
        c.reject(SEKDA, reason, NOW)
    assert err.value.code in ("text_too_short", "text_too_long") and c.open


def test_rejection_keeps_the_reason_trimmed():
    c = proposed()
    c.reject(SEKDA, f"  {REASON} ", NOW)
    assert (c.status, c.reason, c.decided_at) == (CandidacyStatus.REJECTED, REASON, NOW)


def test_another_appointment_closes_the_rest_as_rejected():
    c = proposed("pengendali")
    c.supersede(NOW)
    assert (c.status, c.reason) == (CandidacyStatus.REJECTED, SUPERSEDED_REASON)


def test_only_the_proposer_withdraws():
    c = proposed()
    with pytest.raises(NotAllowed):
        c.withdraw(SEKDA, NOW)
    c.withdraw(HEAD, NOW)
    assert c.status is CandidacyStatus.WITHDRAWN


@pytest.mark.parametrize("close", [
    lambda c: c.approve(SEKDA, NOW), lambda c: c.reject(SEKDA, REASON, NOW),
    lambda c: c.withdraw(HEAD, NOW), lambda c: c.supersede(NOW)])
def test_a_closed_proposal_accepts_no_transition(close):
    c = proposed()
    close(c)
    status = c.status
    for again in (lambda: c.approve(SEKDA, NOW), lambda: c.reject(SEKDA, REASON, NOW),
                  lambda: c.withdraw(HEAD, NOW), lambda: c.supersede(NOW)):
        with pytest.raises(IllegalTransition) as err:
            again()
        assert err.value.code == "illegal_transition"
    assert c.status is status


def test_column_values_are_the_stored_strings():
    assert [s.value for s in CandidacyStatus] == ["proposed", "approved", "rejected", "withdrawn"]
