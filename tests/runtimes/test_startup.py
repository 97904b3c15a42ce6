"""Start-up against a Bot API that refuses or dawdles at first: both runtimes retry getMe
with backoff (one log line per retry) and give up after a bounded time with one line."""
from __future__ import annotations

import asyncio
import logging
import socket
import time

import pytest
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import GetMe
from telegram.error import TimedOut

from bot.fake_api import FakeTelegram
from bot.runtimes import RUNTIMES
from bot.runtimes.base import Runtime
from bot.runtimes.startup import StartupFailed, StartupRetry, with_retries
from bot.settings import Settings
from bot.wiring import build_app, build_runtime

QUICK = StartupRetry(first=0.05, longest=0.2, give_up_after=10)


def _runtime(tg: FakeTelegram, db_url: str, name: str, policy: StartupRetry, token: str | None = None,
             base_url: str | None = None):
    settings = Settings(DATABASE_URL=db_url, BOT_TOKEN=token or tg.token, TELEGRAM_API_BASE=base_url or tg.base_url,
                        _env_file=None)
    app, engine = build_app(settings)
    runtime = build_runtime(app, settings, name)
    runtime.startup_retry = policy
    return runtime, engine


def _retry_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.runtimes.startup"]


@pytest.mark.parametrize("name", RUNTIMES)
async def test_startup_waits_out_a_slow_refusing_getme(name, db_url, caplog) -> None:
    caplog.set_level(logging.INFO)
    async with FakeTelegram() as tg:
        tg.disrupt("getMe", 3, delay=0.1, status=502)
        runtime, engine = _runtime(tg, db_url, name, QUICK)
        try:
            await runtime.start()
            await tg.wait_polling(10)
        finally:
            await runtime.stop()
            await engine.dispose()
        assert [c.status for c in tg.calls_of("getMe")][:4] == [502, 502, 502, 200]
    lines = _retry_lines(caplog)
    assert len(lines) == 3
    assert all("getMe failed" in r.getMessage() and "\n" not in r.getMessage() and r.exc_info is None
               for r in lines)


@pytest.mark.parametrize("name", RUNTIMES)
async def test_startup_waits_for_a_bot_api_that_is_not_up_yet(name, db_url, caplog) -> None:
    """The network (or a local Bot API server) comes up after the bot: refused connections
    are retried until it answers."""
    caplog.set_level(logging.INFO)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tg = FakeTelegram()
    runtime, engine = _runtime(tg, db_url, name, QUICK, base_url=f"http://127.0.0.1:{port}")
    starting = asyncio.create_task(runtime.start())
    try:
        async with asyncio.timeout(10):
            while len(_retry_lines(caplog)) < 2:  # noqa: ASYNC110  (two refused attempts, logged)
                await asyncio.sleep(0.02)
        assert not starting.done()
        await tg.start(port=port)
        await asyncio.wait_for(starting, 10)
        await tg.wait_polling(10)
    finally:
        if not starting.done():
            starting.cancel()
        await runtime.stop()
        await engine.dispose()
        await tg.stop()
    lines = _retry_lines(caplog)
    assert len(lines) >= 2 and all("getMe failed" in r.getMessage() and r.exc_info is None for r in lines)


@pytest.mark.parametrize("name", RUNTIMES)
async def test_startup_gives_up_after_a_bounded_time_with_one_line(name, db_url, caplog) -> None:
    async with FakeTelegram() as tg:
        tg.disrupt("getMe", 1000, status=502)
        runtime, engine = _runtime(tg, db_url, name, StartupRetry(first=0.05, longest=0.1, give_up_after=0.5))
        began = time.monotonic()
        try:
            with pytest.raises(StartupFailed) as failed:
                await runtime.run_forever()
        finally:
            await engine.dispose()
    assert time.monotonic() - began < 5
    message = str(failed.value)
    assert "getMe" in message and "giving up" in message and "\n" not in message
    assert len(_retry_lines(caplog)) >= 2


@pytest.mark.parametrize("name", RUNTIMES)
async def test_a_wrong_token_is_not_retried(name, db_url, caplog) -> None:
    async with FakeTelegram() as tg:
        runtime, engine = _runtime(tg, db_url, name, QUICK, token="999:WRONG")
        try:
            with pytest.raises(Exception) as failed:
                await runtime.run_forever()
        finally:
            await engine.dispose()
    assert not isinstance(failed.value, StartupFailed) and _retry_lines(caplog) == []


@pytest.mark.parametrize("timeout", [TelegramNetworkError(GetMe(), "Request timeout error"), TimedOut()])
async def test_a_client_timeout_is_retried(timeout) -> None:
    """What each library raises when getMe is too slow (client-side timeout)."""
    network_errors = {TelegramNetworkError: "aiogram", TimedOut: "ptb"}[type(timeout)]
    errors = next(cls for cls in Runtime.__subclasses__() if cls.name == network_errors).network_errors
    calls: list[int] = []

    async def get_me() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise timeout
        return "ok"

    assert await with_retries("getMe", get_me, errors, QUICK) == "ok" and len(calls) == 3
