"""An inline calendar: a month of day buttons with ◀ ▶ to the months around it, for any form
that asks for a date (typing one in a common Indonesian form works as well: domain.dates).

    class DueDay(DatePick, prefix="rq:c"):
        pass

    ctx.edit_or_reply(t("Due on?"), month_keyboard(t, 2026, 12, DueDay, earliest=ctx.today))

A press carries the year, the month and (for a day) the day; without a day it shows that month."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from babel.dates import format_date

from handlers.core.buttons import CallbackData, button
from handlers.core.i18n import Translator
from handlers.core.types import Button, Keyboard

WEEK = 7


class DatePick(CallbackData):
    """A calendar button: a day of a month, or (day None) the month to show."""

    year: int
    month: int
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        """The day pressed, or None for a month button (or a day that does not exist)."""
        if self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def month_name(t: Translator, year: int, month: int) -> str:
    return format_date(dt.date(year, month, 1), format="LLLL y", locale=t.lang)


def month_keyboard(t: Translator, year: int, month: int, pick: Callable[..., DatePick],
                   earliest: dt.date | None = None, months_ahead: int = 12) -> Keyboard:
    """The days of the month from `earliest` on, a week a row, and ◀ ▶ to the months that
    have such days (at most `months_ahead` after earliest's month)."""
    last = calendar.monthrange(year, month)[1]
    first = earliest.day if earliest and (earliest.year, earliest.month) == (year, month) else 1
    days = [button(str(d), pick(year, month, d)) for d in range(first, last + 1)]
    rows: list[tuple[Button, ...]] = [tuple(days[i:i + WEEK]) for i in range(0, len(days), WEEK)]
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    after = (year, month + 1) if month < 12 else (year + 1, 1)
    nav = []
    if earliest is None or before >= (earliest.year, earliest.month):
        nav.append(button("◀ " + month_name(t, *before), pick(*before)))
    limit = (earliest.year * 12 + earliest.month + months_ahead) if earliest else None
    if limit is None or after[0] * 12 + after[1] <= limit:
        nav.append(button(month_name(t, *after) + " ▶", pick(*after)))
    return (*rows, tuple(nav)) if nav else tuple(rows)
