"""The voluntary application state machine (draft -> submitted -> approved/rejected/withdrawn)."""
import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.application import (
    REASON_MIN_LENGTH,
    Application,
    format_number,
    validate_reason,
)
from domain.application import ApplicationStatus as S
from domain.errors import DomainError, IllegalTransition, NotAllowed

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
APPLICANT, DECIDER, OTHER = 1, 2, 3
GOOD_REASON = "Kuota tim sudah penuh untuk triwulan ini."


def draft() -> Application:
    return Application(None, APPLICANT, 10, "Tim Keamanan Informasi", "Saya punya sertifikasi keamanan jaringan.")


def submitted() -> Application:
    app = draft()
    app.submit(DECIDER, NOW)
    return app


def test_submit_records_decider_and_time():
    app = submitted()
    assert (app.status, app.decider_id, app.submitted_at) == (S.SUBMITTED, DECIDER, NOW)


def test_submit_fixes_whom_the_decider_acts_for_and_the_tembusan():
    app = draft()
    app.submit(DECIDER, NOW, acting_for_id=OTHER, tembusan_ids=(4, 5))
    assert (app.acting_for_id, app.tembusan_ids) == (OTHER, [4, 5])
    assert (submitted().acting_for_id, submitted().tembusan_ids) == (None, [])


def test_approve_by_decider():
    app = submitted()
    app.approve(DECIDER, NOW)
    assert app.status is S.APPROVED and app.decided_at == NOW


@pytest.mark.parametrize("reason", ["", "   ", "ok", "x" * (REASON_MIN_LENGTH - 1), None])
def test_reject_without_meaningful_reason_is_impossible(reason):
    app = submitted()
    with pytest.raises(DomainError) as err:
        app.reject(DECIDER, reason, NOW)
    assert err.value.code == "text_too_short"
    assert app.status is S.SUBMITTED and app.decision_reason is None


def test_reject_with_reason_keeps_it_trimmed():
    app = submitted()
    app.reject(DECIDER, f"  {GOOD_REASON}  ", NOW)
    assert app.status is S.REJECTED and app.decision_reason == GOOD_REASON


def test_over_long_reason_refused():
    with pytest.raises(DomainError) as err:
        validate_reason("x" * 1001)
    assert err.value.code == "text_too_long" and err.value.params["max"] == 1000


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_only_the_decider_decides(action):
    app = submitted()
    with pytest.raises(NotAllowed):
        app.approve(OTHER, NOW) if action == "approve" else app.reject(OTHER, GOOD_REASON, NOW)
    assert app.status is S.SUBMITTED


def test_only_the_applicant_withdraws():
    app = submitted()
    with pytest.raises(NotAllowed):
        app.withdraw(DECIDER, NOW)
    app.withdraw(APPLICANT, NOW)
    assert app.status is S.WITHDRAWN


def test_cannot_decide_own_application():
    app = draft()
    with pytest.raises(NotAllowed):
        app.submit(APPLICANT, NOW)


def test_short_motivation_blocks_submit():
    app = Application(None, APPLICANT, 10, "Tim A", "mau")
    with pytest.raises(DomainError):
        app.submit(DECIDER, NOW)
    assert app.status is S.DRAFT


@pytest.mark.parametrize("final", ["approve", "reject", "withdraw"])
@pytest.mark.parametrize("again", ["approve", "reject", "withdraw", "submit"])
def test_final_states_are_final(final, again):
    app = submitted()
    {"approve": lambda: app.approve(DECIDER, NOW), "reject": lambda: app.reject(DECIDER, GOOD_REASON, NOW),
     "withdraw": lambda: app.withdraw(APPLICANT, NOW)}[final]()
    state = app.status
    with pytest.raises(IllegalTransition):
        {"approve": lambda: app.approve(DECIDER, NOW), "reject": lambda: app.reject(DECIDER, GOOD_REASON, NOW),
         "withdraw": lambda: app.withdraw(APPLICANT, NOW), "submit": lambda: app.submit(DECIDER, NOW)}[again]()
    assert app.status is state


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=2000, max_value=2100))
def test_number_format_round_trips(seq, year):
    number = format_number("PS", year, seq)
    prefix, y, n = number.split("-")
    assert (prefix, int(y), int(n)) == ("PS", year, seq)


ACTORS = st.sampled_from([APPLICANT, DECIDER, OTHER])
REASONS = st.one_of(st.just(GOOD_REASON), st.text(max_size=12), st.none())


class ApplicationMachine(RuleBasedStateMachine):
    """Any sequence of actions by anyone leaves the application in a legal state, a final
    state is never left, and a rejection always carries a reason."""

    def __init__(self):
        super().__init__()
        self.app = draft()
        self.final_seen = None

    def _try(self, fn):
        with contextlib.suppress(DomainError):
            fn()

    @rule()
    def submit(self):
        self._try(lambda: self.app.submit(DECIDER, NOW))  # routing names the decider

    @rule(actor=ACTORS)
    def approve(self, actor):
        self._try(lambda: self.app.approve(actor, NOW))

    @rule(actor=ACTORS, reason=REASONS)
    def reject(self, actor, reason):
        self._try(lambda: self.app.reject(actor, reason, NOW))

    @rule(actor=ACTORS)
    def withdraw(self, actor):
        self._try(lambda: self.app.withdraw(actor, NOW))

    @invariant()
    def legal(self):
        app = self.app
        if self.final_seen is not None:
            assert app.status is self.final_seen
        if app.status.is_final:
            self.final_seen = app.status
        if app.status is S.REJECTED:
            assert app.decision_reason and len(app.decision_reason) >= REASON_MIN_LENGTH
        if app.status in (S.APPROVED, S.REJECTED):
            assert app.decider_id == DECIDER  # only the routed decider could have decided
        if app.status is not S.DRAFT:
            assert app.submitted_at is not None or app.status is S.WITHDRAWN


TestApplicationMachine = ApplicationMachine.TestCase
