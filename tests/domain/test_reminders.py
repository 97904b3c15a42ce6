"""The reminder planner: each step once, catch-up as one current summary, nothing in quiet
hours, and (hypothesis) unique identities and idempotence."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduler import indonesian_calendar
from domain.calendar import settle, zone
from domain.planner import due_identities, plan, upcoming
from domain.reminders import (
    DECISION,
    MEMBER_REPORT,
    TEAM_REPORT,
    Obligation,
    ScheduleSettings,
)

CAL = indonesian_calendar()
S = ScheduleSettings()
WIB = zone("Asia/Jakarta")
DUE = dt.datetime(2026, 12, 31, 23, 59, tzinfo=WIB)
GROUP = -1001
BUDI, DEWI, KABID, KADIS = 21, 22, 5, 1


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB).astimezone(dt.UTC)


def report(person: int, done: bool = False, subject: int = 7, group: int | None = GROUP) -> Obligation:
    return Obligation(MEMBER_REPORT, subject, person, KABID, group, "2026-Q4", due=DUE, done=done, label="Tim SPBE")


def run(obligations, now, sent: set[str]):
    """One tick; remembers what it sent like the job does."""
    notices = plan(obligations, S, CAL, now, sent)
    for n in notices:
        sent.update(n.records)
    return notices


def test_window_opening_prompts_each_member_and_the_group_once():
    obs = [report(BUDI), report(DEWI), report(KADIS, done=True)]
    sent: set[str] = set()
    assert run(obs, at(2026, 12, 21, 8, 59), sent) == []
    notices = run(obs, at(2026, 12, 21, 9, 0), sent)
    assert sorted((n.audience, n.recipient, n.step) for n in notices) == [
        ("group", GROUP, "open"), ("person", BUDI, "open"), ("person", DEWI, "open")]
    (group,) = [n for n in notices if n.audience == "group"]
    assert {ob.person_id for ob in group.items} == {BUDI, DEWI} and group.total == 3
    person = next(n for n in notices if n.recipient == BUDI)
    assert person.identity == "member_report:7:e21:2026-Q4:open" and not person.late
    assert run(obs, at(2026, 12, 21, 9, 1), sent) == []  # the next tick: nothing new
    assert run(obs, at(2026, 12, 22, 9, 0), sent) == []


def test_downtime_across_the_due_date_catches_up_once_with_a_summary():
    obs = [report(BUDI), report(DEWI, done=True)]
    sent: set[str] = set()
    run(obs, at(2026, 12, 21, 9, 0), sent)  # the window opened, then the bot was down until 8 Jan
    notices = run(obs, at(2027, 1, 8, 10, 0), sent)
    by_audience = {n.audience: n for n in notices}
    assert sorted(by_audience) == ["escalation", "group", "person"] and len(notices) == 3
    person = by_audience["person"]
    assert person.step == "r0" and person.late
    assert set(person.covers) == {f"member_report:7:e21:2026-Q4:{s}" for s in ("r-5", "r-2", "r0")}
    assert by_audience["group"].step == "r0" and by_audience["escalation"].recipient == KABID
    assert run(obs, at(2027, 1, 8, 10, 1), sent) == []
    assert run(obs, at(2027, 2, 1, 10, 0), sent) == []


def test_nothing_goes_out_in_quiet_hours_or_on_holidays_then_it_does():
    obs = [report(BUDI, group=None)]
    sent: set[str] = set()
    run(obs, at(2026, 12, 21, 9, 0), sent)
    assert run(obs, at(2026, 12, 28, 21, 0), sent) == []  # quiet hours
    assert run(obs, at(2026, 12, 25, 10, 0), sent) == []  # Christmas
    (notice,) = run(obs, at(2026, 12, 28, 9, 0), sent)
    assert notice.step == "r-5"


def test_one_message_per_recipient_and_kind_with_a_stable_identity():
    obs = [report(BUDI, subject=7), report(BUDI, subject=8)]
    first = plan(obs, S, CAL, at(2026, 12, 21, 9, 0), set())
    (mine,) = [n for n in first if n.audience == "person"]
    assert len(mine.items) == 2 and mine.identity.startswith("member_report:e21:2026-Q4:open:per:")
    assert len(mine.covers) == 2
    again = plan(list(reversed(obs)), S, CAL, at(2026, 12, 21, 9, 0), set())
    assert [n.identity for n in again] == [n.identity for n in first]  # order of providers does not matter
    team = Obligation(TEAM_REPORT, 7, BUDI, KABID, None, "2026-Q4", due=DUE)
    kinds = {n.kind for n in plan([*obs, team], S, CAL, at(2026, 12, 21, 9, 0), set()) if n.recipient == BUDI}
    assert kinds == {MEMBER_REPORT, TEAM_REPORT}


def test_a_decision_waiting_too_long_reminds_then_escalates():
    since = at(2026, 11, 23, 10, 15)  # a Monday
    ob = Obligation(DECISION, 3, KABID, KADIS, None, "pending", since=since, label="PS-2026-00003")
    sent: set[str] = set()
    assert run([ob], at(2026, 11, 26, 10, 14), sent) == []
    (remind,) = run([ob], at(2026, 11, 26, 10, 15), sent)  # 3 working days
    assert (remind.recipient, remind.step, remind.identity) == (KABID, "remind", "decision:3:e5:pending:remind")
    assert run([ob], at(2026, 11, 27, 10, 15), sent) == []
    (esc,) = run([ob], at(2026, 11, 30, 10, 15), sent)  # 5 working days (over the weekend)
    assert (esc.audience, esc.recipient) == ("escalation", KADIS)
    assert run([ob], at(2026, 12, 10, 10, 0), sent) == []


def test_upcoming_lists_future_steps_in_order():
    steps = upcoming([report(BUDI), report(DEWI)], S, CAL, at(2026, 12, 28, 12, 0), set(), at(2027, 1, 31))
    assert [st.name for st, _ in steps] == ["r-2"] * 3 + ["r0"] * 3 + ["esc"] * 2
    assert {st.recipient for st, _ in steps[:3]} == {BUDI, DEWI, GROUP}
    assert [st.moment for st, _ in steps] == sorted(st.moment for st, _ in steps)


# --- properties ------------------------------------------------------------------------
START = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
any_moment = st.integers(0, 130 * 24 * 4).map(lambda q: START + dt.timedelta(minutes=15 * q))
# mostly moments when prompts may go out (else the planner rightly waits)
moments = st.one_of(any_moment, any_moment.map(lambda m: settle(m, WIB, CAL, S.quiet)),
                    any_moment.map(lambda m: settle(m, WIB, CAL, S.quiet)))
dues = st.sampled_from([DUE, dt.datetime(2027, 3, 31, 23, 59, tzinfo=WIB), dt.datetime(2026, 12, 4, 17, tzinfo=WIB)])


@st.composite
def obligations(draw):
    kind = draw(st.sampled_from([MEMBER_REPORT, TEAM_REPORT, DECISION]))
    common = {"kind": kind, "subject_id": draw(st.integers(1, 3)), "person_id": draw(st.integers(1, 4)),
                  "escalate_to": draw(st.sampled_from([None, 10, 11])), "done": draw(st.booleans())}
    if kind == DECISION:
        return Obligation(**common, group_chat_id=None, period_key="pending", since=draw(moments))
    due = draw(dues)
    period = {12: "2026-Q4", 3: "2027-Q1"}[due.month]
    return Obligation(**common, group_chat_id=draw(st.sampled_from([None, -1, -2])), period_key=period, due=due)


owed = st.lists(obligations(), max_size=12, unique_by=lambda ob: ob.key)


@settings(max_examples=150, deadline=None)
@given(owed, moments)
def test_identities_are_unique_and_a_second_run_sends_nothing(obs, now):
    notices = plan(obs, S, CAL, now, set())
    identities = [n.identity for n in notices]
    assert len(identities) == len(set(identities))
    records = [r for n in notices for r in n.records]
    assert len(records) == len(set(records))  # no step is settled by two notices
    assert all(len(i) <= 160 for i in records)
    assert set(records) <= due_identities(obs, S, CAL, now) | set(identities)
    assert plan(obs, S, CAL, now, set(records)) == []


@settings(max_examples=150, deadline=None)
@given(owed, st.lists(moments, min_size=1, max_size=6))
def test_ticks_in_any_rhythm_never_repeat_a_step(obs, ticks):
    sent: set[str] = set()
    for now in sorted(ticks):
        for notice in plan(obs, S, CAL, now, sent):
            assert not set(notice.records) & sent
            assert notice.items and not any(ob.done for ob in notice.items)
            sent.update(notice.records)
