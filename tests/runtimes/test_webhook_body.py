"""Malformed webhook bodies: 400 and one log line each, never a traceback, never fed."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.runtimes.webhook import MAX_BODY_BYTES, SECRET_HEADER, WebhookOptions, WebhookServer

SECRET = "rahasia-webhook"
UPDATE = b'{"update_id": 7, "message": {"message_id": 1, "chat": {"id": 5}, "text": "hai"}}'

MALFORMED = {
    "bad JSON": b'{"update_id": 1,',
    "not UTF-8": b'{"update_id": 1, "x": "\xff\xfe"}',
    "empty": b"",
    "deeply nested array": b"[" * 100_000 + b"]" * 100_000,
    "deeply nested inside an update": b'{"update_id": 1, "message": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001,
    "nested beyond the bound": b'{"update_id": 1, "x": ' + b"[" * 200 + b"]" * 200 + b"}",
    "too big": b'{"update_id": 1, "x": "' + b"a" * (MAX_BODY_BYTES + 1) + b'"}',
    "a list": b"[1, 2]",
    "a string": b'"update"',
    "null": b"null",
    "update_id a string": b'{"update_id": "7"}',
    "update_id a boolean": b'{"update_id": true}',
    "update_id a float": b'{"update_id": 7.5}',
    "no update_id": b'{"message": {}}',
    "message not an object": b'{"update_id": 1, "message": "halo"}',
    "callback_query not an object": b'{"update_id": 1, "callback_query": [1]}',
}


@pytest.fixture
async def hook() -> AsyncIterator[tuple[str, list[dict[str, Any]]]]:
    fed: list[dict[str, Any]] = []

    async def feed(raw: dict[str, Any]) -> None:
        fed.append(raw)

    server = WebhookServer(WebhookOptions(SECRET, listen="127.0.0.1", port=0), feed)
    url = await server.start()
    yield url, fed
    await server.stop()


async def _post(url: str, body: bytes) -> int:
    async with aiohttp.ClientSession() as session, session.post(
            url, data=body, headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"}) as response:
        return response.status


@pytest.mark.parametrize("name", list(MALFORMED))
async def test_malformed_body_gets_400_and_one_log_line(hook, caplog, name) -> None:
    url, fed = hook
    caplog.set_level(logging.DEBUG)
    assert await _post(url, MALFORMED[name]) == 400
    assert fed == []
    ours = [r for r in caplog.records if r.name == "bot.runtimes.webhook"]
    assert len(ours) == 1 and ours[0].levelno == logging.WARNING
    assert ours[0].exc_info is None and "\n" not in ours[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # no traceback anywhere (aiohttp's 500 logs one)


async def test_a_real_update_is_still_fed(hook) -> None:
    url, fed = hook
    assert await _post(url, UPDATE) == 200
    assert [raw["update_id"] for raw in fed] == [7]
