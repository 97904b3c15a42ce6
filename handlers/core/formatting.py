"""Dates as users read them, in their language and the Pemda's time zone."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

from domain.dates import period_name, roman
from handlers.core.i18n import Translator


# day() and period() are pure and Babel is slow (~40 µs a date): the first tick of a report window
# names the same few dates and periods in 15,000 notices, so both remember their recent answers.
@lru_cache(maxsize=4096)
def day(t: Translator, value: dt.date) -> str:
    """'31 Desember 2026' / '31 December 2026': one way everywhere (Babel, in the reader's language)."""
    return format_date(value, format="d MMMM y", locale=t.lang)


@lru_cache(maxsize=1024)
def period(t: Translator, key: str) -> str:
    """A period key by its name: 'Triwulan IV 2026', 'Semester I 2026', 'Desember 2026',
    'Minggu ke-48 2026'; never the raw key ('2026-Q4') unless it has no known shape."""
    name = period_name(key)
    if name is None:
        return key
    if name.unit == "month":
        return format_date(dt.date(name.year, name.index, 1), format="LLLL y", locale=t.lang)
    if name.unit == "week":
        return t("Week {number} of {year}", number=name.index, year=name.year)
    if name.unit == "year":
        return t("Year {year}", year=name.year)
    label = {"quarter": t("Quarter {number} {year}", number=roman(name.index), year=name.year),
             "6": t("Semester {number} {year}", number=roman(name.index), year=name.year),
             "4": t("Four-month period {number} {year}", number=roman(name.index), year=name.year),
             "2": t("Two-month period {number} {year}", number=roman(name.index), year=name.year)}
    return label.get(name.unit, key)


def local_day(t: Translator, moment: dt.datetime, timezone: str) -> str:
    """A UTC timestamp as the date it was in the Pemda's time zone."""
    return day(t, moment.astimezone(ZoneInfo(timezone)).date())
