"""Shared fixtures: a real, migrated SQLite database per test (copied from a template
migrated once per session), the demo Pemda, and an App with a controllable clock."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from domain.profiles import load_profile
from handlers.core.app import App, AppConfig
from handlers.demo_data.seed_demo import seed_demo
from storage.engine import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory

START = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB, a Monday


class Clock:
    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture(scope="session")
def db_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(db_template, tmp_path) -> str:
    path = tmp_path / "sikerja.db"
    shutil.copy(db_template, path)
    return f"sqlite:///{path}"


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
