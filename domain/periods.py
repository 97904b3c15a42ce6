"""Reporting periods (rules 42/43): quarterly (triwulan) by default, a team may report
monthly or weekly where the profile's cadence is a setting ('berkala'); Surakarta's
quarterly cadence is fixed by its regulation.

A period is a span of local dates; its key names it in reminders and identities, the
keys: "2026-Q4", "2026-11" (a month), "2026-W48"
(ISO week), "2026-P2of2" (other lengths that divide the year)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.errors import DomainError
from domain.profiles.model import CadenceRule, Profile
from domain.rules import monitoring_period_months

_MONTHS = (1, 2, 3, 4, 6, 12)


@dataclass(frozen=True)
class Cadence:
    """Every `months` calendar months from January, or every ISO week (`months` 0)."""

    months: int

    def __post_init__(self) -> None:
        if self.months != 0 and self.months not in _MONTHS:
            raise DomainError("cadence_invalid", months=self.months)

    @property
    def weekly(self) -> bool:
        return self.months == 0

    @property
    def name(self) -> str:
        return {0: "weekly", 1: "monthly", 3: "quarterly"}.get(self.months, f"{self.months}-monthly")


WEEKLY, MONTHLY, QUARTERLY = Cadence(0), Cadence(1), Cadence(3)
_NAMED = {"weekly": WEEKLY, "monthly": MONTHLY, "quarterly": QUARTERLY, "triwulan": QUARTERLY}


def cadence_for(profile: Profile, override: str | None = None) -> Cadence:
    """The cadence of a team's reports: the profile's, or the team's override
    ("monthly", "weekly", "quarterly"), refused where the regulation fixes it."""
    if override is None:
        return Cadence(monitoring_period_months(profile))
    wanted = _NAMED.get(override.strip().lower())
    if wanted is None:
        raise DomainError("cadence_unknown", name=override)
    if wanted.weekly:
        rep = profile.reporting
        if rep.cadence is CadenceRule.QUARTERLY:
            raise DomainError("cadence_fixed_by_regulation", months=rep.cadence_months,
                              article=rep.source_of("cadence"))
        return wanted
    return Cadence(monitoring_period_months(profile, wanted.months))


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date  # the last day, inclusive
    cadence: Cadence

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Period:
        return period_of(self.cadence, self.end + dt.timedelta(days=1))

    def previous(self) -> Period:
        return period_of(self.cadence, self.start - dt.timedelta(days=1))


def period_of(cadence: Cadence, day: dt.date) -> Period:
    """The period of `cadence` that contains `day`."""
    if cadence.weekly:
        year, week, weekday = day.isocalendar()
        start = day - dt.timedelta(days=weekday - 1)
        return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6), cadence)
    n = cadence.months
    index = (day.month - 1) // n  # 0-based within the year
    start = dt.date(day.year, index * n + 1, 1)
    last_month = index * n + n
    end = (dt.date(day.year + 1, 1, 1) if last_month == 12 else dt.date(day.year, last_month + 1, 1)) \
        - dt.timedelta(days=1)
    if n == 3:
        key = f"{day.year}-Q{index + 1}"
    elif n == 1:
        key = f"{day.year}-{day.month:02d}"
    else:
        key = f"{day.year}-P{index + 1}of{12 // n}"
    return Period(key, start, end, cadence)


def periods_between(cadence: Cadence, first: dt.date, last: dt.date) -> list[Period]:
    """Every period that overlaps [first, last], in order."""
    out = [period_of(cadence, first)]
    while out[-1].end < last:
        out.append(out[-1].next())
    return out
