"""Dates as people type them in Indonesian offices, and periods by their Indonesian names.

Typed forms accepted anywhere in a text: 31-12-2026, 31/12/2026, 31.12.2026, 2026-12-31,
31 Des 2026, 31 Desember 2026 (English month names and abbreviations too: 31 Dec 2026).
A period key ("2026-Q4", "2026-11", "2026-W48", "2026-P1of2") is named by `PeriodName`,
which the application layer words in the reader's language."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from domain.errors import DomainError

# Month names and the abbreviations people write, Indonesian and English, by month number.
_MONTH_WORDS = {
    1: ("januari", "jan", "january"), 2: ("februari", "feb", "pebruari", "peb", "february"),
    3: ("maret", "mar", "march"), 4: ("april", "apr"), 5: ("mei", "may"), 6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"), 8: ("agustus", "agu", "agt", "ags", "aug", "august"),
    9: ("september", "sep", "sept"), 10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nov", "nop", "nopember"), 12: ("desember", "des", "dec", "december"),
}  # fmt: skip
MONTHS = {word: number for number, words in _MONTH_WORDS.items() for word in words}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?<!\d)(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
    rf"|(?P<wd>\d{{1,2}})\s+(?P<wm>{_MONTH_ALT})\.?\s+(?P<wy>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[dt.date]:
    """Every date written in `text`, in order; DomainError("dates_expected") for one that
    does not exist (31-02-2026)."""
    out = []
    for m in _DATE.finditer(text):
        try:
            if m["iy"]:
                out.append(dt.date(int(m["iy"]), int(m["im"]), int(m["id"])))
            elif m["y"]:
                out.append(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
            else:
                out.append(dt.date(int(m["wy"]), MONTHS[m["wm"].lower()], int(m["wd"])))
        except ValueError:
            raise DomainError("dates_expected") from None
    return out


def parse_date(text: str) -> dt.date | None:
    """The one date `text` holds, or None when it holds none or several."""
    try:
        found = find_dates(text)
    except DomainError:
        return None
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class PeriodName:
    """What a period key names: `unit` is "quarter" (Triwulan), "month", "week", "year",
    or the number of months of another length that divides the year (2: dwibulan,
    4: caturwulan, 6: semester); `index` counts from 1 within the year."""

    unit: str
    index: int
    year: int


_KEY = re.compile(r"^(\d{4})-(?:Q([1-4])|(\d{2})|W(\d{2})|P(\d+)of(\d+))$")


def period_name(key: str) -> PeriodName | None:
    """The parts of a period key, or None for a key of no known shape."""
    m = _KEY.match(key)
    if m is None:
        return None
    year = int(m[1])
    if m[2]:
        return PeriodName("quarter", int(m[2]), year)
    if m[3]:
        return PeriodName("month", int(m[3]), year)
    if m[4]:
        return PeriodName("week", int(m[4]), year)
    index, count = int(m[5]), int(m[6])
    if count == 1:
        return PeriodName("year", 1, year)
    return PeriodName(str(12 // count), index, year)


def roman(number: int) -> str:
    """I..XII: how Indonesian names the triwulan and semester ("Triwulan IV")."""
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[number - 1]
