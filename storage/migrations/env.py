"""Alembic environment: async engine, batch mode so ALTERs work on SQLite."""
from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import make_engine
from storage.tables import metadata  # every table; migrations need no ORM mapping

config = context.config


def _configure(connection: Connection) -> None:
    # SQLite's DDL is transactional too: all revisions commit together, after the key check.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
        _check_foreign_keys(connection)


def _check_foreign_keys(connection: Connection) -> None:
    """Keys are not enforced while SQLite tables are rebuilt (see make_engine): check them
    all before the migrations commit."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"migrations left broken foreign keys (table, rowid, parent, fk): {broken[:10]}")


async def _run_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url", ""), foreign_keys=False)
    try:
        async with engine.connect() as conn:
            await conn.run_sync(_configure)
            await conn.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
