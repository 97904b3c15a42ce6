"""Reporting periods: quarters (triwulan) by default, or months / weeks per team.
A period is identified by a stable key ("2026-Q4", "2026-11", "2026-W48")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date  # inclusive


def period_of(day: dt.date, months: int = 3) -> Period:
    """The period containing `day`; months=0 means weekly (ISO weeks)."""
    if months == 0:
        year, week, weekday = day.isocalendar()
        start = day - dt.timedelta(days=weekday - 1)
        return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6))
    index = (day.month - 1) // months
    start = dt.date(day.year, index * months + 1, 1)
    end_month = index * months + months
    end = (dt.date(day.year + 1, 1, 1) if end_month == 12 else dt.date(day.year, end_month + 1, 1)) \
        - dt.timedelta(days=1)
    if months == 3:
        key = f"{day.year}-Q{index + 1}"
    elif months == 1:
        key = f"{day.year}-{day.month:02d}"
    else:
        key = f"{day.year}-P{index + 1}of{12 // months}"
    return Period(key, start, end)


def previous(period: Period, months: int = 3) -> Period:
    return period_of(period.start - dt.timedelta(days=1), months)
