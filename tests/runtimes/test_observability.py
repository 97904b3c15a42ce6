"""/healthz and /metrics on the webhook port and on a port of their own, and log lines that
name the update and the person's internal id, never their NIP."""
from __future__ import annotations

import json
import logging

import aiohttp
import pytest

from bot.harness import Harness
from bot.logs import ContextFilter, JsonFormatter
from bot.observability import ObservabilityServer
from handlers.core import log_context
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory


@pytest.fixture
async def hooked(tmp_path):
    async with Harness(runtime="aiogram", workdir=tmp_path, flood_scale=5, webhook=True) as h:
        yield h


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_healthz_and_metrics_on_the_webhook_port(hooked, tmp_path):
    h = hooked
    base = h.runtime.webhook_server.local_url
    await h.link("budi")
    status, body = await _get(base + "healthz")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok"
    assert health["database"] == "ok" and health["role"] == "single"
    assert set(health["outbox"]) == {"pending", "dead", "lag_seconds"}

    status, text = await _get(base + "metrics")
    assert status == 200
    assert 'sikerja_updates_handled_total{command="/start"}' in text
    assert 'sikerja_update_seconds_bucket{command="/start"' in text
    for name in ("sikerja_outbox_notices{status=\"pending\"}", "sikerja_outbox_notices{status=\"dead\"}",
                 "sikerja_telegram_429_total", "sikerja_reminders_queued_total", "sikerja_outbox_lag_seconds"):
        assert name in text
    assert h.people["budi"].employee.nip not in text and h.fake.token not in text

    # The database gone: 503, saying why (a load balancer takes the worker out).
    working = h.runtime.app.uow
    h.runtime.app.uow = UnitOfWorkFactory(session_factory(make_engine(f"sqlite:///{tmp_path}")))  # a folder
    try:
        status, body = await _get(base + "healthz")
    finally:
        h.runtime.app.uow = working
    assert status == 503 and json.loads(body)["database"] == "unreachable"


async def test_a_port_of_their_own_in_polling_mode(tmp_path):
    async with Harness(runtime="ptb", workdir=tmp_path, flood_scale=5) as h:
        server = ObservabilityServer(h.runtime, 0, "127.0.0.1")
        url = await server.start()
        try:
            status, body = await _get(url + "healthz")
            assert status == 200 and json.loads(body)["role"] == "single"
            status, _ = await _get(url + "metrics")
            assert status == 200
        finally:
            await server.stop()


def _record() -> logging.LogRecord:
    record = logging.LogRecord("bot.x", logging.WARNING, __file__, 1, "reply %s failed", ("SendMessage",), None)
    ContextFilter().filter(record)
    return record


def test_log_lines_name_the_update_and_the_person():
    update, person = log_context.update_id.set(501), log_context.person.set(17)
    try:
        record = _record()
    finally:
        log_context.update_id.reset(update)
        log_context.person.reset(person)
    assert record.context == " [update=501 person=17]"
    line = json.loads(JsonFormatter().format(record))
    assert line["update_id"] == 501 and line["person"] == 17 and line["message"] == "reply SendMessage failed"
    assert _record().context == ""  # outside an update


async def test_dispatch_sets_the_person_for_the_log(app, demo):
    from tests.handlers.chat import Person

    kabid = demo["kabid_apt"]
    person = Person(app, 555, "Kabid")
    await person.says(f"/start {kabid.code}")
    await person.says("/status")
    assert log_context.person.get() == kabid.employee.id
