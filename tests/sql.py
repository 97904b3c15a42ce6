"""Plain SQL on a test's database through the project's own engine (SQLite or PostgreSQL),
for tests that must see or plant rows the application has no use case for. Never a
driver of one backend opened on the side."""
from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import text

from storage.engine import make_engine


async def sql_async(url: str, statement: str, *, foreign_keys: bool = True, **params: Any) -> list[tuple]:
    engine = make_engine(url, foreign_keys=foreign_keys)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        await engine.dispose()


def sql(url: str, statement: str, *, foreign_keys: bool = True, **params: Any) -> list[tuple]:
    """Run one statement in its own transaction (committed); the rows it returns, if any.
    foreign_keys=False: SQLite does not enforce them on this connection (see make_engine)."""
    return asyncio.run(sql_async(url, statement, foreign_keys=foreign_keys, **params))
