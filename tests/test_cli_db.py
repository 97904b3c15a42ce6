"""`db upgrade|backup|restore` on each backend, and the CLI's logging: quiet (no Alembic
INFO) and never a password or a bot token in a line."""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.logs import MaskingFormatter, mask
from storage.engine import make_engine
from tests.sql import sql_async

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("SIKERJA_ADMINS", raising=False)
    return db_url


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _admins(capsys) -> set[str]:
    return {line.split()[0] for line in run(capsys, "admin", "list")[1].splitlines() if line[:1].isdigit()}


def _needs_tools(backend: str) -> None:
    if backend == "pg" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not on PATH (the guidance instead is tested below)")


def test_backup_then_a_change_then_restore_brings_the_data_back(env, backend, capsys, tmp_path):
    _needs_tools(backend)
    assert run(capsys, "admin", "add", "333", "--note", "BKPSDM")[0] == 0
    code, out, err = run(capsys, "db", "backup", tmp_path / "sikerja.backup")
    assert code == 0, err
    assert (tmp_path / "sikerja.backup").stat().st_size > 0
    run(capsys, "admin", "remove", "333")
    run(capsys, "admin", "add", "444")
    assert _admins(capsys) == {"444"}

    code, out, err = run(capsys, "db", "restore", tmp_path / "sikerja.backup")
    assert code == 0, err
    assert "restored" in out and "up to date" in out
    assert _admins(capsys) == {"333"}


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_sqlite_backup_taken_while_the_bot_runs_holds_what_it_committed(env, tmp_path):
    """The bot keeps its connections open, so its last commits are still in the -wal file,
    not yet in the database file: a plain copy of that file would miss them."""
    target = tmp_path / "copy.db"
    engine = make_engine(env)  # the running bot
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql("INSERT INTO admins (telegram_user_id, note, added_at) "
                                       "VALUES (555, 'x', '2026-11-23 02:00:00')")
        assert await asyncio.to_thread(os.path.getsize, env.removeprefix("sqlite:///") + "-wal") > 0
        assert main(["db", "backup", str(target)]) == 0
    finally:
        await engine.dispose()
    assert await sql_async(f"sqlite:///{target}", "SELECT telegram_user_id FROM admins") == [(555,)]
    assert not await asyncio.to_thread(os.path.exists, f"{target}-wal")  # one self-contained file


@pytest.mark.parametrize("backend", ["sqlite"])
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(env, capsys, tmp_path):
    run(capsys, "admin", "add", "333")
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    code, _, err = run(capsys, "db", "restore", junk)
    assert code == 1 and "not a Sikerja SQLite backup" in err and "nothing was changed" in err
    assert run(capsys, "db", "restore", tmp_path / "missing.db")[0] == 1
    assert run(capsys, "db", "backup")[0] == 2  # no FILE
    assert _admins(capsys) == {"333"}


def test_postgresql_without_pg_dump_prints_what_to_run(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://sikerja:s3cret@db.example:5432/sikerja")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    code, out, err = run(capsys, "db", "backup", tmp_path / "x.dump")
    assert code == 1
    assert "pg_dump is not on PATH" in err and "pg_dump --format=custom" in err and "pg_restore" in err
    assert "postgresql://sikerja:***@db.example:5432/sikerja" in err and "s3cret" not in out + err


def _cli(*args: str, url: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIKERJA_")}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**env, "DATABASE_URL": url, "PYTHONPATH": str(ROOT), **extra})


def _with_password(url: str, backend: str) -> str:
    # The throw-away server trusts local connections, so any password is accepted.
    return url.replace("://sikerja@", "://sikerja:s3cret-pw@", 1) if backend == "pg" else url


def test_db_upgrade_is_quiet_and_shows_no_password(blank_db_url, backend, tmp_path):
    url = _with_password(blank_db_url, backend)
    done = _cli("db", "upgrade", url=url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no Alembic INFO ("Context impl…", "Running upgrade…")
    assert done.stdout.startswith("Database is up to date:") and len(done.stdout.splitlines()) == 1
    assert "s3cret" not in done.stdout


def test_an_unreachable_database_is_waited_for_then_one_line_without_the_password(tmp_path):
    """A server that is not up yet (e.g. started beside the bot) is retried, one masked
    line per retry; after SIKERJA_DB_WAIT_SECONDS the command says why, in one line."""
    with socket.socket() as s:  # a local port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = _cli("db", "upgrade", url=f"postgresql://sikerja:s3cret-pw@127.0.0.1:{port}/x", cwd=tmp_path,
                SIKERJA_DB_WAIT_SECONDS="2.5")
    assert done.returncode == 2
    assert "s3cret" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    retries = [line for line in done.stderr.splitlines() if "not reachable yet" in line]
    assert len(retries) >= 1 and all("postgresql://sikerja:***@127.0.0.1" in line for line in retries)
    last = done.stderr.splitlines()[-1]
    assert last.startswith("Cannot write the database postgresql://sikerja:***@127.0.0.1") and "reachable" in last


def test_every_log_line_is_masked_tracebacks_included() -> None:
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
    assert mask(f"POST https://api.telegram.org/bot{token}/getMe") == \
        "POST https://api.telegram.org/bot123456789:***/getMe"
    assert mask("postgresql+asyncpg://app:p%40ss:w0rd@db:5432/sikerja") == "postgresql+asyncpg://app:***@db:5432/sikerja"
    assert mask("sqlite:///data/sikerja.db, https://user@host/x") == "sqlite:///data/sikerja.db, https://user@host/x"
    try:
        raise RuntimeError("cannot connect to postgresql://app:hunter2@db/sikerja")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "using %s", ("redis://:hunter2@cache:6379",),
                                   sys.exc_info())
    line = MaskingFormatter("%(message)s").format(record)
    assert "hunter2" not in line and "redis://:***@cache:6379" in line and "postgresql://app:***@db" in line
