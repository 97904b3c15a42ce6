"""PostgreSQL for the tests. `./scripts/test` starts a throw-away cluster (scripts/pg-cluster)
and names it in SIKERJA_TEST_PG_URL; any server whose user may CREATE DATABASE will do.
Each xdist worker migrates one template database, and each test gets a fresh copy of it,
dropped afterwards, so tests see the same isolated, migrated database as on SQLite."""
from __future__ import annotations

import asyncio
import os
import secrets

import asyncpg
from sqlalchemy.engine import make_url

ENV = "SIKERJA_TEST_PG_URL"
# What scripts/test says when it could not start a cluster (why), for the skip reason.
WHY_NOT_ENV = "SIKERJA_TEST_PG_UNAVAILABLE"
SKIP_PREFIX = "PostgreSQL not available"


def configured_url() -> str | None:
    return os.environ.get(ENV) or None


def unavailable_reason() -> str:
    why = os.environ.get(WHY_NOT_ENV) or f"{ENV} is not set; ./scripts/test starts a throw-away server"
    return f"{SKIP_PREFIX}: {why}"


def masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


class PgServer:
    """Databases on one server, named with a per-process prefix so that xdist workers, and
    runs sharing a server, never meet."""

    def __init__(self, url: str, worker: str) -> None:
        self.url = url
        self.prefix = f"sikerja_test_{worker}_{secrets.token_hex(3)}"
        self._count = 0

    def url_for(self, database: str) -> str:
        return make_url(self.url).set(database=database).render_as_string(hide_password=False)

    def _connect_args(self) -> dict:
        u = make_url(self.url)
        args = {"user": u.username, "password": u.password, "database": u.database or "postgres",
                "host": u.query.get("host") or u.host, "port": u.port}
        return {k: v for k, v in args.items() if v is not None}

    async def execute_async(self, sql: str) -> None:
        conn = await asyncpg.connect(**self._connect_args())
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def execute(self, sql: str) -> None:
        asyncio.run(self.execute_async(sql))

    def new_name(self, what: str) -> str:
        self._count += 1
        return f"{self.prefix}_{what}{self._count}"

    def create(self, name: str, template: str | None = None) -> str:
        self.execute(_create(name, template))
        return self.url_for(name)

    def drop(self, name: str) -> None:
        self.execute(_drop(name))

    async def copy_async(self, source: str, target: str) -> None:
        """Make `target` a copy of `source` (nobody may be connected to either)."""
        await self.execute_async(_drop(target))
        await self.execute_async(_create(target, source))

    async def drop_async(self, name: str) -> None:
        await self.execute_async(_drop(name))


def _create(name: str, template: str | None) -> str:
    # FILE_COPY: a plain copy of a small template, several times faster than WAL_LOG.
    copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
    return f'CREATE DATABASE "{name}"{copy}'


def _drop(name: str) -> str:
    return f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
