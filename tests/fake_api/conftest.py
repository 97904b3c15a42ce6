"""Fixtures: a running FakeTelegram and real aiogram / python-telegram-bot clients on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.fake_api import FakeTelegram, Limits, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
async def tg(clock: ManualClock, limits: Limits) -> AsyncIterator[FakeTelegram]:
    # A hand-moved clock: flood limits only change when a test advances it.
    async with FakeTelegram(limits=limits, clock=clock) as fake:
        yield fake


class LocalAiohttpSession(AiohttpSession):
    """aiogram's own session, minus the 250 ms pause its close() makes for TLS
    shutdown: the fake is plain HTTP, and ~30 tests x 250 ms is most of the suite."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_aiogram_bot(fake: FakeTelegram, token: str | None = None, *, stock_session: bool = False) -> Bot:
    session_type = AiohttpSession if stock_session else LocalAiohttpSession
    session = session_type(api=TelegramAPIServer.from_base(fake.base_url))
    return Bot(token or fake.token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
async def abot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    bot = make_aiogram_bot(tg)
    yield bot
    await bot.session.close()


@pytest.fixture
async def pbot(tg: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    bot = telegram.Bot(tg.token, base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot")
    await bot.initialize()
    yield bot
    await bot.shutdown()
