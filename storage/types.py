"""Column types that keep the domain's value types intact across SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from domain.org import Golongan


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC (SQLite has no time zones); always returned aware, in UTC."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every timestamp must be aware (UTC)")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


class GolonganType(TypeDecorator):
    impl = sa.String(6)
    cache_ok = True

    def process_bind_param(self, value: Golongan | None, dialect):
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect):
        return None if value is None else Golongan.parse(value)


def enum_column(enum_cls: type[Enum], length: int = 24) -> sa.Enum:
    """Store an enum by its value (what the regulations and data files say)."""
    return sa.Enum(enum_cls, native_enum=False, length=length, create_constraint=False,
                   values_callable=lambda e: [m.value for m in e], validate_strings=True)
