"""Webhook delivery: secret header, retries, 409 for getUpdates, replies in the response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.exceptions import TelegramConflictError
from aiogram.filters import Command
from aiogram.methods import SendMessage
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.fake_api import FakeTelegram


@dataclass
class Receiver:
    url: str
    received: asyncio.Queue[tuple[dict[str, Any], dict[str, str]]] = field(default_factory=asyncio.Queue)
    fail_next: list[int] = field(default_factory=list)  # statuses to answer before 200s


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    box: list[Receiver] = []

    async def handle(request: web.Request) -> web.Response:
        box[0].received.put_nowait((await request.json(), dict(request.headers)))
        status = box[0].fail_next.pop(0) if box[0].fail_next else 200
        return web.json_response({}, status=status)

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner, base = await serve(app)
    box.append(Receiver(f"{base}/hook"))
    yield box[0]
    await runner.cleanup()


async def test_updates_are_posted_with_secret_header(abot: Bot, tg: FakeTelegram, receiver: Receiver) -> None:
    budi = tg.user(1001, "Budi")
    assert await abot.set_webhook(receiver.url, secret_token="rahasia-123")
    info = await abot.get_webhook_info()
    assert info.url == receiver.url and info.pending_update_count == 0

    tg.send_text(budi, "/start")
    update, headers = await asyncio.wait_for(receiver.received.get(), 5)
    assert headers["X-Telegram-Bot-Api-Secret-Token"] == "rahasia-123"
    assert headers["Content-Type"].startswith("application/json")
    assert update["message"]["text"] == "/start" and update["message"]["from"]["id"] == budi.id

    with pytest.raises(TelegramConflictError, match="can't use getUpdates method while webhook is active"):
        await abot.get_updates()

    tg.send_text(budi, "kedua")
    second, _ = await asyncio.wait_for(receiver.received.get(), 5)
    assert second["update_id"] == update["update_id"] + 1

    assert await abot.delete_webhook()
    tg.send_text(budi, "lewat polling")
    assert [u.message.text for u in await abot.get_updates(timeout=0) if u.message] == ["lewat polling"]


async def test_failed_delivery_is_retried(abot: Bot, tg: FakeTelegram, receiver: Receiver) -> None:
    budi = tg.user(1001, "Budi")
    receiver.fail_next[:] = [500, 502]
    await abot.set_webhook(receiver.url)
    tg.send_text(budi, "penting")
    attempts = [await asyncio.wait_for(receiver.received.get(), 5) for _ in range(3)]
    assert {a[0]["update_id"] for a in attempts} == {attempts[0][0]["update_id"]}  # same update each time
    assert "X-Telegram-Bot-Api-Secret-Token" not in attempts[0][1]

    info = await abot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 502 Bad Gateway"
    first_failure = "⚠️ webhook delivery failed: Wrong response from the webhook: 500 Internal Server Error"
    assert first_failure in tg.transcript()
    await tg.state.wait_until(lambda: not tg.pending_updates, 5)


async def test_drop_pending_updates(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    tg.send_text(budi, "lama")
    assert await abot.delete_webhook(drop_pending_updates=True)
    assert await abot.get_updates(timeout=0) == []


async def test_aiogram_webhook_reply_in_response(abot: Bot, tg: FakeTelegram) -> None:
    """aiogram answers through the webhook response (multipart); the fake executes it."""
    router = Router()

    @router.message(Command("ping"))
    async def ping(message: Message) -> SendMessage:
        return message.answer("<b>pong</b>")

    dp = Dispatcher()
    dp.include_router(router)
    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=abot, handle_in_background=False, secret_token="s3cret").register(
        app, path="/webhook"
    )
    runner, base = await serve(app)
    try:
        await abot.set_webhook(f"{base}/webhook", secret_token="s3cret")
        budi = tg.user(1001, "Budi")
        tg.send_text(budi, "/ping")
        reply = await tg.wait_message(budi, contains="pong")
        assert reply.text == "pong" and reply.entities == [{"type": "bold", "offset": 0, "length": 4}]
    finally:
        await runner.cleanup()
