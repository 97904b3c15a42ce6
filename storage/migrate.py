"""Apply Alembic migrations programmatically (used by `run`, `db upgrade` and tests), and
check at start-up that the database can be written at all."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import make_engine, normalise_url
from storage.failures import Unwritable, storage_unavailable

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


def prepare(url: str) -> None:
    """Upgrade, then prove a write commits (an up-to-date schema needs no write, so a
    read-only database would pass the upgrade). Raises Unwritable with the reason."""
    _check_free_space(url)
    try:
        upgrade(url)
        asyncio.run(_probe_write(url))
    except Exception as exc:
        if not storage_unavailable(exc):
            raise
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise Unwritable(f"Cannot write the database {_shown(url)}: {reason}. Nothing can be saved, so the "
                         "bot does not start; free disk space or make the file and its folder writable, "
                         "then start again.") from exc


async def _probe_write(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
    finally:
        await engine.dispose()


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
