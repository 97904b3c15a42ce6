"""What reminders are about: the obligations features report, the timing settings, and
the steps and notices the planner (domain/planner.py) derives from them.

Features describe what people owe as `Obligation`s (a member's report for 2026-Q4, a
decision waiting on an official). Each obligation has a fixed timeline of steps; every
step has a stable *identity* (what, whose, which period, which step), so a step is sent
at most once whatever the number of ticks or restarts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from domain.calendar import QuietHours, at_local, zone
from domain.errors import DomainError
from domain.periods import Period
from domain.profiles.model import Profile

PERSON, GROUP, ESCALATION = "person", "group", "escalation"
DECISION, MEMBER_REPORT, TEAM_REPORT = "decision", "member_report", "team_report"


@dataclass(frozen=True)
class ScheduleSettings:
    """Reminder timing. Report steps fall on dates (at `send_time`); waiting steps count
    working days from `since` (same time of day). All local to `timezone`."""

    timezone: str = "Asia/Jakarta"
    window_days: int = 10  # the reporting window opens this many days before the period ends
    reminder_offsets: tuple[int, ...] = (-5, -2, 0)  # days relative to the due date
    grace_working_days: int = 3  # escalation this many working days after the due date
    send_time: dt.time = dt.time(9, 0)
    due_time: dt.time = dt.time(23, 59)  # a report is due at the end of the period's last day
    quiet: QuietHours = field(default_factory=QuietHours)
    decision_remind_days: int = 3  # working days a decision may wait before the decider is reminded
    decision_escalate_days: int = 5  # ... before the decider's unit head is told
    late_after: dt.timedelta = dt.timedelta(hours=12)  # sent later than this: a catch-up summary
    max_mentions: int = 50

    def __post_init__(self) -> None:
        zone(self.timezone)
        if self.window_days < 0 or any(o > 0 or o < -self.window_days for o in self.reminder_offsets):
            raise DomainError("schedule_invalid", knob="reminder_offsets")
        if self.grace_working_days < 0 or not 0 <= self.decision_remind_days <= self.decision_escalate_days:
            raise DomainError("schedule_invalid", knob="working_days")

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.timezone)

    @classmethod
    def for_profile(cls, profile: Profile, timezone: str | None = None, **overrides: Any) -> ScheduleSettings:
        return cls(timezone=timezone or profile.timezone, **overrides)

    def due_of(self, period: Period) -> dt.datetime:
        """When a report for `period` is due: the end of its last day (UTC)."""
        return at_local(period.end, self.due_time, self.tz)


def due_for(profile: Profile, period: Period, due_time: dt.time = dt.time(23, 59)) -> dt.datetime:
    """When a report for `period` is due: the end of its last day in the Pemda's zone.
    Providers get a profile whose zone is the one the scheduler uses (SIKERJA_TIMEZONE)."""
    return at_local(period.end, due_time, zone(profile.timezone))


@dataclass(frozen=True)
class Obligation:
    """Something one person owes. Deadline obligations (reports) have `due` and are
    reminded before it; waiting obligations (decisions) have `since` and are reminded
    after `decision_remind_days` working days. `escalate_to` is told when it is late;
    `group_chat_id` gets one summary per step of who has not done it yet."""

    kind: str
    subject_id: int
    person_id: int
    escalate_to: int | None
    group_chat_id: int | None
    period_key: str
    due: dt.datetime | None = None
    done: bool = False
    since: dt.datetime | None = None
    label: str = ""  # what it is about, as users know it (team name, application number)

    def __post_init__(self) -> None:
        if (self.due is None) == (self.since is None):
            raise DomainError("obligation_needs_due_or_since", kind=self.kind)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject_id}:e{self.person_id}:{self.period_key}"


@dataclass(frozen=True)
class Step:
    name: str  # open | r-5 | r-2 | r0 | remind | esc
    audience: str  # person | group | escalation
    recipient: int  # employee id, or the group's chat id
    moment: dt.datetime  # UTC, already moved off quiet hours and non-working days
    identity: str


@dataclass(frozen=True)
class Notice:
    identity: str  # the outbox key
    kind: str
    audience: str
    recipient: int
    step: str
    moment: dt.datetime
    late: bool
    items: tuple[Obligation, ...]  # the pending obligations it is about
    covers: tuple[str, ...]  # step identities it settles (superseded ones included)
    total: int = 0  # group summaries: people who owe something there for that period, done or not

    @property
    def records(self) -> tuple[str, ...]:
        """Everything to remember as sent once this notice is queued."""
        return tuple(dict.fromkeys((*self.covers, self.identity)))
