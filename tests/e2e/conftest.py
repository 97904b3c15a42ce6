"""End-to-end: the real runtime (aiogram or python-telegram-bot) polling the project's
fake Bot API server over HTTP, on a real database. Every scenario runs on both runtimes
on SQLite, and on aiogram with PostgreSQL (tests/conftest.py, E2E_VARIANTS).
A test may override `delivery` (parametrize) to receive updates by webhook instead."""
from __future__ import annotations

import pytest

from bot.harness import Harness


@pytest.fixture
def runtime_name() -> str:
    """Parametrized over the runtimes (and backends) by tests/conftest.py."""
    return "aiogram"


@pytest.fixture
def harness_profile() -> str:
    return "nasional"


@pytest.fixture
def delivery() -> str:
    return "polling"


@pytest.fixture
async def h(runtime_name, harness_profile, delivery, db_url, tmp_path):
    assert delivery in ("polling", "webhook")
    harness = Harness(runtime=runtime_name, profile=harness_profile, workdir=tmp_path, flood_scale=5,
                      webhook=delivery == "webhook", database_url=db_url)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
