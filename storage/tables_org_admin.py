"""Tables of the organisation-admin feature: HR admins, acting officials (Plt/Plh) and
unit heads named by a units import before their employee record exists."""
from __future__ import annotations

import sqlalchemy as sa

from domain.acting import ActingKind, ActingOfficial
from storage.tables import mapper_registry, metadata
from storage.types import UTCDateTime, enum_column

admins = sa.Table(
    "admins", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False, unique=True),
    sa.Column("note", sa.String(200)),
    sa.Column("added_at", UTCDateTime, nullable=False),
)

acting_officials = sa.Table(
    "acting_officials", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("official_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("acting_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("kind", enum_column(ActingKind, 8), nullable=False),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ends_on", sa.Date, nullable=False),
    sa.Column("created_by", sa.BigInteger),  # the admin's Telegram user id (admins need not be employees)
    sa.Column("created_at", UTCDateTime),
)

pending_unit_heads = sa.Table(
    "pending_unit_heads", metadata,
    sa.Column("unit_id", sa.ForeignKey("units.id"), primary_key=True),
    sa.Column("head_nip", sa.String(18), nullable=False),
)


def _map() -> None:
    if getattr(_map, "done", False):
        return
    mapper_registry.map_imperatively(ActingOfficial, acting_officials)
    _map.done = True  # type: ignore[attr-defined]


_map()
