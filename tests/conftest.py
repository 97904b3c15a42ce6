"""Shared fixtures: a real, migrated database per test (copied from a template migrated once
per session), the demo Pemda, and an App with a controllable clock.

The database is SQLite, and for the suites in PG_SUITES also PostgreSQL: each of their tests
runs once per backend (`[sqlite]`, `[pg]`; end-to-end: `[aiogram]`, `[ptb]`, `[aiogram-pg]`).
The PostgreSQL runs skip, loudly, when no server is configured (tests/postgres.py)."""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtimes import RUNTIMES
from domain.profiles import load_profile
from handlers.core.app import App, AppConfig
from handlers.demo_data.seed_demo import seed_demo
from storage.engine import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory
from tests import postgres

START = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB, a Monday


class Clock:
    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += dt.timedelta(**kwargs)


# Test directories (or modules) under tests/ that run on PostgreSQL as well as SQLite.
PG_SUITES = ("storage", "handlers", "e2e", "test_cli_org.py", "test_cli_db.py")
# End-to-end tests: both runtimes on SQLite, one on PostgreSQL (the backend is below the runtime).
E2E_VARIANTS = [pytest.param("aiogram", "sqlite", id="aiogram"), pytest.param("ptb", "sqlite", id="ptb"),
                pytest.param("aiogram", "pg", id="aiogram-pg")]


def pytest_generate_tests(metafunc) -> None:
    names = metafunc.fixturenames
    relative = metafunc.definition.path.relative_to(Path(__file__).parent).parts
    own = _parametrized_by_the_test(metafunc)  # e.g. a test for SQLite only: parametrize("backend", ["sqlite"])
    on_pg = "backend" in names and "backend" not in own and relative[0] in PG_SUITES
    if "runtime_name" in names and "runtime_name" not in own:
        if on_pg:
            metafunc.parametrize(("runtime_name", "backend"), E2E_VARIANTS)
        else:
            metafunc.parametrize("runtime_name", RUNTIMES)
    elif on_pg and "runtime_name" not in own:  # a test that picks its runtime itself stays on SQLite
        metafunc.parametrize("backend", ["sqlite", "pg"])


def _parametrized_by_the_test(metafunc) -> set[str]:
    names: set[str] = set()
    for mark in metafunc.definition.iter_markers("parametrize"):
        argnames = mark.args[0]
        names.update(argnames.replace(" ", "").split(",") if isinstance(argnames, str) else argnames)
    return names


def pytest_report_header(config) -> str:
    url = postgres.configured_url()
    return f"PostgreSQL: {postgres.masked(url)}" if url else postgres.unavailable_reason()


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if postgres.SKIP_PREFIX in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_sep("!", f"{len(skipped)} PostgreSQL tests SKIPPED", red=True, bold=True)
        terminalreporter.write_line(postgres.unavailable_reason(), red=True, bold=True)


@pytest.fixture
def backend() -> str:
    """"sqlite" or "pg"; parametrized by pytest_generate_tests for the PG_SUITES."""
    return "sqlite"


@pytest.fixture(scope="session")
def db_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_server(worker_id):
    url = postgres.configured_url()
    if url is None:
        pytest.skip(postgres.unavailable_reason())
    return postgres.PgServer(url, worker_id)


@pytest.fixture(scope="session")
def pg_template(pg_server):
    name = pg_server.new_name("template")
    upgrade(pg_server.create(name))
    yield name
    pg_server.drop(name)


@pytest.fixture
def db_url(backend, request, tmp_path) -> Iterator[str]:
    """A migrated database of the test's own."""
    if backend == "pg":
        server, template = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template")
        name = server.new_name("db")
        yield server.create(name, template)
        server.drop(name)
        return
    path = tmp_path / "sikerja.db"
    shutil.copy(request.getfixturevalue("db_template"), path)
    yield f"sqlite:///{path}"


@pytest.fixture
def blank_db_url(backend, request, tmp_path) -> Iterator[str]:
    """An empty database of the test's own (for migrations)."""
    if backend == "pg":
        server = request.getfixturevalue("pg_server")
        name = server.new_name("blank")
        yield server.create(name)
        server.drop(name)
        return
    yield f"sqlite:///{tmp_path / 'blank.db'}"


@pytest.fixture
async def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def profile_name() -> str:
    return "nasional"


@pytest.fixture
def app(engine, clock, profile_name) -> App:
    return App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile(profile_name),
               config=AppConfig(), clock=clock)


@pytest.fixture
async def demo(app):
    """The demo Pemda; returns {key: SeededPerson}."""
    async with app.uow() as uow:
        seeded = await seed_demo(uow, app.clock())
        await uow.commit()
    return {p.key: p for p in seeded}
