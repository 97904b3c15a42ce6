"""Working days and quiet hours in the Pemda's own time zone (product decision 8).

A prompt never goes out on a weekend, a public holiday or a *cuti bersama* day (it moves
to the next working day), nor in the quiet hours (it waits until they end). The holiday
list is injected (any container of dates; the application layer passes the `holidays`
package's Indonesian calendar), so the domain stays standard-library only."""
from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.errors import DomainError

SATURDAY, SUNDAY = 5, 6


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise DomainError("unknown_timezone", name=name) from None


@dataclass(frozen=True)
class WorkCalendar:
    holidays: Container[dt.date] = field(default=frozenset(), hash=False, compare=False)
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        for _ in range(60):  # the longest Lebaran break is far shorter
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise DomainError("no_working_day", after=day.isoformat())

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (count 0: `day` or the next working day)."""
        if count <= 0:
            return self.next_working_day(day)
        while count:
            day = self.next_working_day(day + dt.timedelta(days=1))
            count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start`, up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


@dataclass(frozen=True)
class QuietHours:
    """No prompt between `start` and `end` local time (the span may cross midnight)."""

    start: dt.time = dt.time(20, 0)
    end: dt.time = dt.time(7, 0)

    def contains(self, t: dt.time) -> bool:
        if self.start == self.end:
            return False
        if self.start > self.end:  # e.g. 20:00-07:00
            return t >= self.start or t < self.end
        return self.start <= t < self.end

    def after(self, local: dt.datetime) -> dt.datetime:
        """`local` itself outside the quiet hours, else the moment they end."""
        t = local.time()
        if not self.contains(t):
            return local
        day = local.date()
        if self.start > self.end and t >= self.start:
            day += dt.timedelta(days=1)
        return dt.datetime.combine(day, self.end, tzinfo=local.tzinfo)


def settle(moment: dt.datetime, tz: ZoneInfo, calendar: WorkCalendar, quiet: QuietHours) -> dt.datetime:
    """The first moment at or after `moment` when a prompt may go out: outside the quiet
    hours, on a working day (same local time of day). Returned in UTC."""
    local = quiet.after(moment.astimezone(tz))
    day = calendar.next_working_day(local.date())
    if day != local.date():
        local = dt.datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=tz)
    return local.astimezone(dt.UTC)


def is_deliverable(now: dt.datetime, tz: ZoneInfo, calendar: WorkCalendar, quiet: QuietHours) -> bool:
    return settle(now, tz, calendar, quiet) == now.astimezone(dt.UTC)


def at_local(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """`time` o'clock on `day` in the Pemda's zone, as a UTC instant."""
    return dt.datetime.combine(day, time, tzinfo=tz).astimezone(dt.UTC)


def add_working_days_at(moment: dt.datetime, count: int, tz: ZoneInfo, calendar: WorkCalendar) -> dt.datetime:
    """`count` working days after `moment`, at the same local time of day, in UTC."""
    local = moment.astimezone(tz)
    day = calendar.add_working_days(local.date(), count)
    return at_local(day, local.time(), tz)
