"""INSERT … ON CONFLICT in the dialect at hand: SQLite and PostgreSQL spell it alike in
SQLAlchemy but through their own `insert`, so the repositories ask for it here."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession


def insert_for(bind: AsyncSession | AsyncConnection, table: sa.Table) -> Any:
    """The dialect's insert construct (it has on_conflict_do_nothing / _do_update)."""
    return insert_in(dialect_of(bind), table)


def dialect_of(bind: AsyncSession | AsyncConnection) -> str:
    return (bind.dialect if isinstance(bind, AsyncConnection) else bind.get_bind().dialect).name


def insert_in(name: str, table: sa.Table) -> Any:
    """insert_for by dialect name (for statements built once and kept)."""
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"no INSERT … ON CONFLICT for the {name} dialect")
