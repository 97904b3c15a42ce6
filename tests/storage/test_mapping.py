"""The ORM mapping is started explicitly, once, and never by importing a module."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
from sqlalchemy import inspect
import bot.wiring, handlers.features, storage.repos.acting, storage.tables, storage.uow  # noqa: F401
from domain.application import Application
from domain.team import Team
from storage.records import Decision
assert all(inspect(c, raiseerr=False) is None for c in (Application, Team, Decision)), "mapped at import"
from storage.mapping import start_mappers
start_mappers()
start_mappers()  # idempotent
assert inspect(Application).local_table.name == "applications"
assert inspect(Decision).local_table.name == "decisions"
"""


def test_importing_maps_nothing_and_start_mappers_is_idempotent():
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
