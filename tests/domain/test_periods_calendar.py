"""Reporting periods, working days and quiet hours, in each Pemda's own time zone."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.scheduler import indonesian_calendar, schedule_settings
from bot.settings import Settings
from domain.calendar import (
    QuietHours,
    WorkCalendar,
    add_working_days_at,
    is_deliverable,
    settle,
    zone,
)
from domain.errors import DomainError
from domain.periods import (
    MONTHLY,
    QUARTERLY,
    WEEKLY,
    Cadence,
    cadence_for,
    period_of,
    periods_between,
)
from domain.planner import timeline
from domain.profiles import load_profile, profile_names
from domain.profiles.model import CadenceRule
from domain.reminders import Obligation, ScheduleSettings

CAL = indonesian_calendar()
WIB, WITA, WIT = zone("Asia/Jakarta"), zone("Asia/Makassar"), zone("Asia/Jayapura")
QUIET = QuietHours()


def local(tz, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def test_a_quarter_and_its_neighbours():
    q4 = period_of(QUARTERLY, dt.date(2026, 11, 23))
    assert (q4.key, q4.start, q4.end) == ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (q4.next().key, q4.next().start, q4.previous().key) == ("2027-Q1", dt.date(2027, 1, 1), "2026-Q3")
    assert period_of(MONTHLY, dt.date(2026, 2, 10)).end == dt.date(2026, 2, 28)
    assert period_of(MONTHLY, dt.date(2026, 11, 23)).key == "2026-11"
    week = period_of(WEEKLY, dt.date(2026, 11, 25))
    assert (week.key, week.start, week.end) == ("2026-W48", dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert period_of(WEEKLY, dt.date(2027, 1, 1)).key == "2026-W53"  # ISO weeks cross the year
    assert period_of(Cadence(6), dt.date(2026, 8, 1)).key == "2026-P2of2"
    assert [p.key for p in periods_between(QUARTERLY, dt.date(2026, 11, 1), dt.date(2027, 4, 2))] == \
        ["2026-Q4", "2027-Q1", "2027-Q2"]


def test_team_cadence_override_only_where_the_profile_allows_it():
    nasional = load_profile("nasional")
    assert cadence_for(nasional) == QUARTERLY
    assert cadence_for(nasional, "weekly") == WEEKLY and cadence_for(nasional, "monthly") == MONTHLY
    # A regulation that fixed the reports' period ("triwulanan" for the reports themselves; none of the
    # five does since Surakarta's reads as the monitoring's, rule 43 as corrected) refuses any other.
    fixed = dataclasses.replace(nasional,
                                reporting=dataclasses.replace(nasional.reporting, cadence=CadenceRule.QUARTERLY))
    assert cadence_for(fixed) == QUARTERLY == cadence_for(fixed, "triwulan")
    for override in ("weekly", "monthly"):
        with pytest.raises(DomainError) as err:
            cadence_for(fixed, override)
        assert err.value.code == "cadence_fixed_by_regulation"
    with pytest.raises(DomainError):
        cadence_for(nasional, "fortnightly")
    with pytest.raises(DomainError):
        Cadence(5)


def test_weekend_and_holidays_move_to_the_next_working_day():
    assert CAL.next_working_day(dt.date(2026, 11, 28)) == dt.date(2026, 11, 30)  # Saturday -> Monday
    # Thu 24 Dec is cuti bersama, Fri 25 Dec Christmas, then the weekend.
    assert not CAL.is_working_day(dt.date(2026, 12, 24)) and not CAL.is_working_day(dt.date(2026, 12, 25))
    assert CAL.next_working_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)
    assert indonesian_calendar(cuti_bersama=False).is_working_day(dt.date(2026, 12, 24))
    # Idul Fitri 2026 with its cuti bersama: Fri 20 Mar to Tue 24 Mar.
    assert CAL.add_working_days(dt.date(2026, 3, 19), 1) == dt.date(2026, 3, 25)
    assert CAL.working_days_between(dt.date(2026, 12, 23), dt.date(2026, 12, 29)) == 2


def test_quiet_hours_push_a_prompt_to_seven():
    tue_night = local(WIB, 2026, 11, 24, 21, 30)
    assert settle(tue_night, WIB, CAL, QUIET) == local(WIB, 2026, 11, 25, 7, 0)
    assert settle(local(WIB, 2026, 11, 25, 5, 0), WIB, CAL, QUIET) == local(WIB, 2026, 11, 25, 7, 0)
    assert settle(local(WIB, 2026, 11, 25, 19, 59), WIB, CAL, QUIET) == local(WIB, 2026, 11, 25, 19, 59)
    # Friday night: past the quiet hours and the weekend, Monday 07:00.
    assert settle(local(WIB, 2026, 11, 27, 20, 0), WIB, CAL, QUIET) == local(WIB, 2026, 11, 30, 7, 0)
    assert not is_deliverable(local(WIB, 2026, 11, 28, 10, 0), WIB, CAL, QUIET)
    assert is_deliverable(local(WIB, 2026, 11, 30, 7, 0), WIB, CAL, QUIET)
    assert QuietHours(dt.time(12), dt.time(13)).contains(dt.time(12, 30))
    assert not QuietHours(dt.time(0), dt.time(0)).contains(dt.time(3))


def test_waiting_days_keep_the_time_of_day_then_respect_quiet_hours():
    since = local(WIB, 2026, 11, 27, 21, 30)  # submitted on a Friday night
    three = add_working_days_at(since, 3, WIB, CAL)
    assert three == local(WIB, 2026, 12, 2, 21, 30)
    assert settle(three, WIB, CAL, QUIET) == local(WIB, 2026, 12, 3, 7, 0)


@pytest.mark.parametrize("name", profile_names())
def test_each_profile_schedules_in_its_own_time_zone(name):
    profile = load_profile(name)
    s = ScheduleSettings.for_profile(profile)
    expected = {"badung": WITA, "hulu-sungai-utara": WITA}.get(name, WIB)
    assert s.tz == expected
    period = period_of(cadence_for(profile), dt.date(2026, 11, 23))
    steps = timeline(Obligation("member_report", 1, 2, 3, None, period.key, due=s.due_of(period)), s, CAL)
    opening = steps[0]
    assert opening.name == "open" and opening.moment.astimezone(expected).time() == dt.time(9, 0)
    assert opening.moment.hour == (2 if expected is WIB else 1)  # 09:00 WIB = 02:00 UTC, WITA = 01:00 UTC
    assert all(st.moment.tzinfo == dt.UTC for st in steps)


def test_the_environment_overrides_the_time_zone_and_timing():
    env = Settings(_env_file=None, SIKERJA_TIMEZONE="Asia/Jayapura", SIKERJA_SEND_TIME="08:30",
                   SIKERJA_QUIET_HOURS="21:00-06:00", SIKERJA_REMINDER_DAYS="-3,0")
    s = schedule_settings(env, load_profile("badung"))
    assert (s.timezone, s.tz, s.send_time) == ("Asia/Jayapura", WIT, dt.time(8, 30))
    assert s.quiet == QuietHours(dt.time(21), dt.time(6)) and s.reminder_offsets == (-3, 0)
    period = period_of(QUARTERLY, dt.date(2026, 11, 23))
    opening = timeline(Obligation("member_report", 1, 2, 3, None, period.key, due=s.due_of(period)), s, CAL)[0]
    assert opening.moment == local(WIT, 2026, 12, 21, 8, 30) and opening.moment.hour == 23  # 08:30 WIT
    with pytest.raises(DomainError):
        ScheduleSettings(timezone="Asia/Nowhere")
    with pytest.raises(DomainError):
        ScheduleSettings(reminder_offsets=(-20,))  # before the window opens


def test_a_quarter_with_its_prompts_reminders_and_escalation():
    s = ScheduleSettings()
    q4 = period_of(QUARTERLY, dt.date(2026, 11, 23))
    ob = Obligation("member_report", 7, 21, 5, -1001, q4.key, due=s.due_of(q4))
    assert ob.due == local(WIB, 2026, 12, 31, 23, 59)
    mine = {st.name: st.moment for st in timeline(ob, s, CAL) if st.audience == "person"}
    assert mine == {
        "open": local(WIB, 2026, 12, 21, 9, 0),  # 10 days before the end, a Monday
        "r-5": local(WIB, 2026, 12, 28, 9, 0),  # Sat 26 Dec -> Monday
        "r-2": local(WIB, 2026, 12, 29, 9, 0),
        "r0": local(WIB, 2026, 12, 31, 9, 0),
    }
    (esc,) = [st for st in timeline(ob, s, CAL) if st.audience == "escalation"]
    # 3 working days after Thu 31 Dec: Fri 1 Jan is New Year, Tue 5 Jan Isra Mikraj -> Mon 4, Wed 6, Thu 7.
    assert (esc.recipient, esc.moment) == (5, local(WIB, 2027, 1, 7, 9, 0))
    groups = [st for st in timeline(ob, s, CAL) if st.audience == "group"]
    assert [g.identity for g in groups] == [f"group:-1001:2026-Q4:{n}" for n in ("open", "r-5", "r-2", "r0")]


def test_an_empty_calendar_only_knows_weekends():
    plain = WorkCalendar()
    assert plain.is_working_day(dt.date(2026, 12, 25))
    assert plain.add_working_days(dt.date(2026, 12, 25), 1) == dt.date(2026, 12, 28)
    assert plain.add_working_days(dt.date(2026, 12, 26), 0) == dt.date(2026, 12, 28)
