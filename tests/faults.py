"""Storage faults for tests: an engine whose writes (or every statement) fail the way a
full disk, a read-only file or a locked database makes SQLite fail, and a real full disk
(a small tmpfs) where the machine lets us mount one."""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

WRITES = ("INSERT", "UPDATE", "DELETE")


class Faults:
    """Off until `fail` is set to a message; then statements of `kinds` raise it (all
    statements when kinds is None), and so does COMMIT when `on_commit`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.fail: str | None = None
        self.kinds: tuple[str, ...] | None = WRITES
        self.on_commit = True
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(engine.sync_engine, "commit", self._commit)

    def _statement(self, _conn, _cursor, statement: str, params, _context, _many) -> None:
        if self.fail and (self.kinds is None or statement.lstrip().upper().startswith(self.kinds)):
            raise OperationalError(statement, params, sqlite3.OperationalError(self.fail))

    def _commit(self, conn) -> None:
        if self.fail and self.on_commit:
            # A COMMIT the database refuses ends the transaction (PostgreSQL always does): end
            # it, or the driver would carry it, still open, into the connection's next use.
            conn.connection.rollback()
            raise OperationalError("COMMIT", None, sqlite3.OperationalError(self.fail))


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "2m") -> Iterator[Path]:
    """A small tmpfs at `path`; skips the test when mounting is not permitted."""
    import pytest

    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs (a real full disk) needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path) -> None:
    """Take every free byte of the filesystem holding `folder`."""
    # Unbuffered: closing the file must not flush a last chunk into the full disk.
    with open(folder / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
        chunk = b"\0" * 65536
        while True:
            f.write(chunk)
    with open(folder / "filler2", "wb", buffering=0) as f, contextlib.suppress(OSError):  # the last partial block
        while True:
            f.write(b"\0")
    assert shutil.disk_usage(folder).free < 4096
