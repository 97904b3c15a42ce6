"""Dates as users read them, in their language and the Pemda's time zone."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date

from handlers.core.i18n import Translator


def day(t: Translator, value: dt.date) -> str:
    """'23 Nov 2026' / '23 Nov 2026' (Babel, in the reader's language)."""
    return format_date(value, format="d MMM y", locale=t.lang)


def local_day(t: Translator, moment: dt.datetime, timezone: str) -> str:
    """A UTC timestamp as the date it was in the Pemda's time zone."""
    return day(t, moment.astimezone(ZoneInfo(timezone)).date())
