"""Acting officials as SE Kepala BKN No. 1/SE/I/2021 defines them: *Pelaksana Tugas* (Plt,
the definitive official is permanently unable to serve — berhalangan tetap — or the post is
vacant) and *Pelaksana Harian* (Plh, the official is temporarily unable to serve — berhalangan
sementara, e.g. on leave or official travel). While a record runs, whatever the
rules route to the official goes to the acting employee instead, and the audit trail
says whom they acted for."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from domain.dates import find_dates
from domain.errors import DomainError

MAX_CHAIN = 5  # an acting official who is away too: follow at most this many hops


class ActingKind(str, Enum):
    PLT = "plt"
    PLH = "plh"

    @property
    def label(self) -> str:
        return "Plt" if self is ActingKind.PLT else "Plh"


@dataclass
class ActingOfficial:
    id: int | None
    official_id: int  # the official being replaced
    acting_id: int  # who acts for them
    kind: ActingKind
    starts_on: dt.date
    ends_on: dt.date  # inclusive
    created_by: int | None = None  # the admin's Telegram user id
    created_at: dt.datetime | None = None

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def new_acting(official_id: int, acting_id: int, kind: ActingKind, starts_on: dt.date, ends_on: dt.date,
               existing: Iterable[ActingOfficial], today: dt.date, created_by: int | None = None,
               created_at: dt.datetime | None = None) -> ActingOfficial:
    """A new record, refused when it makes no sense, is already over, or overlaps one for
    the same official (a post has one stand-in at a time)."""
    if official_id == acting_id:
        raise DomainError("acting_self")
    if ends_on < starts_on:
        raise DomainError("acting_period_reversed", starts_on=starts_on, ends_on=ends_on)
    if ends_on < today:
        raise DomainError("acting_period_past", ends_on=ends_on)
    for other in existing:
        if other.official_id == official_id and other.starts_on <= ends_on and starts_on <= other.ends_on:
            raise DomainError("acting_overlap", starts_on=other.starts_on, ends_on=other.ends_on)
    return ActingOfficial(None, official_id, acting_id, ActingKind(kind), starts_on, ends_on, created_by, created_at)


def end_acting(record: ActingOfficial, today: dt.date) -> bool:
    """End a record now: from today the official decides again. True when the record never
    started and should be deleted rather than kept."""
    if record.starts_on >= today:
        return True
    record.ends_on = min(record.ends_on, today - dt.timedelta(days=1))
    return False


def active_record(records: Iterable[ActingOfficial], official_id: int, day: dt.date) -> ActingOfficial | None:
    """The record in force for an official on a day (the latest-starting one, should two
    overlap after all)."""
    running = [r for r in records if r.official_id == official_id and r.covers(day)]
    return max(running, key=lambda r: (r.starts_on, r.id or 0), default=None)


def stand_in(records: Iterable[ActingOfficial], official_id: int, day: dt.date) -> tuple[int, int | None]:
    """(who acts, whom they act for): (official_id, None) when nobody stands in. Follows a
    chain (the Plt is away too) but never loops."""
    records = list(records)
    current, seen = official_id, {official_id}
    for _ in range(MAX_CHAIN):
        record = active_record(records, current, day)
        if record is None or record.acting_id in seen:
            break
        current = record.acting_id
        seen.add(current)
    return current, (official_id if current != official_id else None)


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'1-12-2026 s.d. 31-12-2026', '01/12/2026 - 31/12/2026', '1 Des 2026 s.d. 31 Desember 2026',
    '2026-12-01 2026-12-31'; a single date means that one day."""
    try:
        dates = find_dates(text)
    except DomainError:
        raise DomainError("invalid_period", value=text) from None
    if len(dates) == 1:
        dates.append(dates[0])
    if len(dates) != 2:
        raise DomainError("invalid_period", value=text)
    if dates[1] < dates[0]:
        raise DomainError("acting_period_reversed", starts_on=dates[0], ends_on=dates[1])
    return dates[0], dates[1]
