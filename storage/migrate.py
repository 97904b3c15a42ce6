"""Apply Alembic migrations programmatically (used by `run`, `db upgrade` and tests), and
check at start-up that the database can be written at all."""
from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import make_engine, normalise_url
from storage.failures import Unwritable, storage_unavailable

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
MIN_FREE_BYTES = 1 << 20  # less than this next to an SQLite file: the first busy minute would fill it


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    # env.py runs its own event loop, so keep it off the caller's loop.
    await asyncio.to_thread(upgrade, url, revision)


def prepare(url: str, wait_seconds: float = 0.0) -> None:
    """Upgrade, then prove a write commits (an up-to-date schema needs no write, so a
    read-only database would pass the upgrade). A database server that cannot be reached
    is waited for up to `wait_seconds` (it may be starting beside the bot, as in a compose
    file). Raises Unwritable with the reason."""
    _check_free_space(url)
    try:
        asyncio.run(_wait_for_server(url, wait_seconds))
        upgrade(url)
        asyncio.run(_probe_write(url))
    except Exception as exc:
        if not (storage_unavailable(exc) or isinstance(exc, OSError)):
            raise
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0] or type(exc).__name__
        raise Unwritable(_cannot_write(url, reason)) from exc


def _cannot_write(url: str, reason: str) -> str:
    what = ("free disk space or make the file and its folder writable" if _is_sqlite(url) else
            "check that the database server runs and is reachable, and that DATABASE_URL names an existing "
            "database and a user who may write it")
    return (f"Cannot write the database {_shown(url)}: {reason}. Nothing can be saved, so the bot does not "
            f"start; {what}, then start again.")


async def _wait_for_server(url: str, wait_seconds: float) -> None:
    """Connect once, retrying a refused or failed connection with backoff (1, 2, 4… ≤ 10 s,
    one log line each) until `wait_seconds` have passed; then the last error goes up."""
    if _is_sqlite(url):
        return
    loop = asyncio.get_running_loop()
    give_up, pause = loop.time() + wait_seconds, 1.0
    while True:
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return
        except Exception as exc:
            if not (storage_unavailable(exc) or isinstance(exc, OSError)) or loop.time() + pause > give_up:
                raise
            log.warning("Database %s not reachable yet (%s); retrying in %.0f s", _shown(url),
                        str(exc).splitlines()[0] if str(exc) else type(exc).__name__, pause)
        finally:
            await engine.dispose()
        await asyncio.sleep(pause)
        pause = min(pause * 2, 10.0)


async def _probe_write(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
    finally:
        await engine.dispose()


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _check_free_space(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    folder = Path(parsed.database).resolve().parent
    while not folder.exists():
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise Unwritable(f"Cannot write the database {_shown(url)}: the disk holding it is full ({free} bytes "
                         "free). Nothing can be saved, so the bot does not start; free disk space, then start again.")


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
