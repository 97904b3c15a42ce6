"""`python -m bot run` on a database it cannot write: one line saying why, exit 2, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.migrate import upgrade
from tests.faults import fill, tmpfs

ROOT = Path(__file__).resolve().parents[2]  # this tree's code, wherever the process starts


def _run(db: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIKERJA_")}
    env.update(PYTHONPATH=str(ROOT), BOT_TOKEN="123:abc", TELEGRAM_API_BASE="http://127.0.0.1:9", DATABASE_URL=f"sqlite:///{db}")
    return subprocess.run([sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True,
                          timeout=60, cwd=db.parent.parent)


def _refused(done: subprocess.CompletedProcess, *reason: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "INFO" not in line]
    assert line.startswith("Cannot write the database") and any(r in line for r in reason), line


def test_read_only_database_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "ro"
    if os.geteuid() == 0:  # root writes through file modes: make the filesystem read-only instead
        with tmpfs(folder, "8m"):
            upgrade(f"sqlite:///{folder / 'bot.db'}")
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            _refused(_run(folder / "bot.db"), "readonly", "unable to open")
        return
    folder.mkdir()
    upgrade(f"sqlite:///{folder / 'bot.db'}")
    for f in folder.iterdir():
        f.chmod(0o444)
    folder.chmod(0o555)
    try:
        _refused(_run(folder / "bot.db"), "readonly", "unable to open")
    finally:
        folder.chmod(0o755)


def test_full_disk_is_refused_in_one_line(tmp_path):
    with tmpfs(tmp_path / "disk", "8m") as disk:
        upgrade(f"sqlite:///{disk / 'bot.db'}")
        fill(disk)
        _refused(_run(disk / "bot.db"), "full")


@pytest.mark.parametrize("kind", ["file"])
def test_read_only_file_in_a_writable_folder(tmp_path, kind):
    if os.geteuid() == 0:
        pytest.skip("root writes through file modes; the read-only filesystem case covers root")
    db = tmp_path / "bot.db"
    upgrade(f"sqlite:///{db}")
    db.chmod(0o444)
    _refused(_run(db), "readonly", "unable to open")
