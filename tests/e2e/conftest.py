"""End-to-end: the real runtime (aiogram or python-telegram-bot) polling the project's
fake Bot API server over HTTP, on a real SQLite database. Every scenario runs on both.
A test may override `delivery` (parametrize) to receive updates by webhook instead."""
from __future__ import annotations

import pytest

from bot.harness import Harness


@pytest.fixture(params=["aiogram", "ptb"])
def runtime_name(request) -> str:
    return request.param


@pytest.fixture
def harness_profile() -> str:
    return "nasional"


@pytest.fixture
def delivery() -> str:
    return "polling"


@pytest.fixture
async def h(runtime_name, harness_profile, delivery, tmp_path):
    assert delivery in ("polling", "webhook")
    harness = Harness(runtime=runtime_name, profile=harness_profile, workdir=tmp_path, flood_scale=5,
                      webhook=delivery == "webhook")
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
