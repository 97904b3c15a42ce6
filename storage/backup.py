"""`db backup` / `db restore`. SQLite: the online backup API, so a copy taken while the bot
runs is consistent (a plain file copy of a WAL database may not be), and a restore written
page by page under SQLite's own lock. PostgreSQL: pg_dump / pg_restore (custom format) when
they are on PATH, run with the URL's settings in libpq's environment variables (so the
password never shows in a process list); otherwise what to run instead."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """The backup or restore could not be made; str() says why and what to do, in one line."""


def shown(url: str) -> str:
    """The URL for a log line or a message: the password masked."""
    return make_url(url).render_as_string(hide_password=True)


def backend(url: str) -> str:
    return make_url(url).get_backend_name()


def backup(url: str, target: Path) -> str:
    """Write a consistent copy of the database to `target`; returns what was done."""
    if backend(url) == "sqlite":
        return _sqlite_copy(_sqlite_path(url), target, into_live=False)
    if backend(url) == "postgresql":
        _pg_tool("pg_dump", url, ["--format=custom", "--no-owner", f"--file={target}"])
        return f"PostgreSQL database dumped to {target} (pg_dump, custom format)"
    raise BackupError(f"No backup for {backend(url)} databases.")


def restore(url: str, source: Path) -> str:
    """Replace the database's contents with the backup in `source`. Stop the bot first."""
    if not source.is_file():
        raise BackupError(f"No backup file {source}.")
    if backend(url) == "sqlite":
        _check_sqlite_backup(source)
        return _sqlite_copy(source, _sqlite_path(url), into_live=True)
    if backend(url) == "postgresql":
        _pg_tool("pg_restore", url, ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                     f"--dbname={make_url(url).database}", str(source)])
        return f"PostgreSQL database restored from {source} (pg_restore)"
    raise BackupError(f"No restore for {backend(url)} databases.")


# --- SQLite --------------------------------------------------------------------------------

def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing to back up.")
    return Path(database)


def _sqlite_copy(source: Path, target: Path, *, into_live: bool) -> str:
    if not source.is_file():
        raise BackupError(f"No database file {source}.")
    if not into_live and target.exists() and target.resolve() == source.resolve():
        raise BackupError("The backup file cannot be the database itself.")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        dst.execute("PRAGMA busy_timeout = 30000")  # the running bot may hold the lock for a moment
        src.backup(dst)
        if not into_live:
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    except sqlite3.Error as err:
        raise BackupError(f"SQLite could not copy {source} to {target}: {err}.") from err
    finally:
        dst.close()
        src.close()
    return f"SQLite database {'restored from ' + str(source) if into_live else 'copied to ' + str(target)}"


def _check_sqlite_backup(source: Path) -> None:
    """A restore must not wipe the database with something that is not a Sikerja backup."""
    try:
        db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            db.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            db.close()
    except sqlite3.Error as err:
        raise BackupError(f"{source} is not a Sikerja SQLite backup ({err}); nothing was changed.") from err


# --- PostgreSQL ----------------------------------------------------------------------------

PG_GUIDANCE = ("{tool} is not on PATH. Install the PostgreSQL client tools (Debian/Ubuntu: apt-get install "
               "postgresql-client; the same major version as the server or newer), or run it where they are:\n"
               "  pg_dump --format=custom --no-owner --file=sikerja.dump \"$URL\"\n"
               "  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=\"$URL\" sikerja.dump\n"
               "with URL = {url} (the password from PGPASSWORD or ~/.pgpass).")


def libpq_environment(url: str) -> dict[str, str]:
    """The URL as libpq's PG* variables (a socket directory may come as ?host=/path)."""
    u: URL = make_url(url)
    values = {"PGHOST": u.query.get("host") or u.host, "PGPORT": u.port, "PGUSER": u.username,
              "PGPASSWORD": u.password, "PGDATABASE": u.database,
              "PGSSLMODE": u.query.get("sslmode") or u.query.get("ssl")}
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _pg_tool(tool: str, url: str, args: list[str]) -> None:
    exe = shutil.which(tool)
    if exe is None:
        libpq = make_url(url).set(drivername="postgresql", query={})
        raise BackupError(PG_GUIDANCE.format(tool=tool, url=libpq.render_as_string(hide_password=True)))
    env = {**os.environ, **libpq_environment(url)}
    done = subprocess.run([exe, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        why = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise BackupError(f"{tool} failed: {why}")
