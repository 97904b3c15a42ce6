"""Webhook mode, end to end: the bot serves its own aiohttp endpoint, the fake server POSTs
every update to it with the secret header, and both runtimes behave as when polling."""
from __future__ import annotations

import aiohttp
import pytest

from bot.demo import play
from bot.harness import WEBHOOK_SECRET
from bot.runtimes.translate import ALLOWED_UPDATES
from bot.runtimes.webhook import SECRET_HEADER

webhook_only = pytest.mark.parametrize("delivery", ["webhook"])


def _start_update(h, update_id: int, key: str) -> dict:
    """What Telegram would POST when `key` sends /start CODE."""
    tid, text = h.tid(key), f"/start {h.people[key].code}"
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": 1_700_000_000, "text": text,
        "chat": {"id": tid, "type": "private", "first_name": "Budi"},
        "from": {"id": tid, "is_bot": False, "first_name": "Budi", "language_code": "id"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


async def _linked(h, key: str) -> bool:
    async with h.runtime.app.uow() as uow:
        return await uow.links.by_telegram_user(h.tid(key)) is not None


@webhook_only
async def test_demo_scenario_behaves_in_webhook_mode(h):
    hook = h.fake.state.webhook
    assert hook is not None and hook.secret_token == WEBHOOK_SECRET
    assert await play(h, log=lambda *_: None) == []
    user_actions = [line for line in h.fake.transcript() if line.startswith(("👤", "🔘"))]
    assert len(user_actions) == 46  # 16 within the unit, 14 across units, 2 paging /persetujuan, 14 penunjukan
    # every update was acknowledged, none refused
    await h.fake.state.wait_until(lambda: hook.delivered == len(user_actions), 5)
    assert hook.last_error_message is None
    assert not h.fake.calls_of("getUpdates")  # every update came by webhook
    assert h.fake.count_429 == 0
    assert not [c for c in h.fake.calls if c.status >= 400]


@webhook_only
async def test_request_without_the_right_secret_gets_401_and_changes_nothing(h):
    url = h.fake.state.webhook.url
    update = _start_update(h, 900, "budi")
    calls_before = len(h.fake.calls)
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: "tebakan"},
                        {SECRET_HEADER: WEBHOOK_SECRET + "x"}, {SECRET_HEADER: WEBHOOK_SECRET[:-1]}):
            async with session.post(url, json=update, headers=headers) as response:
                assert response.status == 401, headers
        assert len(h.fake.calls) == calls_before
        assert not await _linked(h, "budi")
        async with session.post(url, data=b"not json", headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
            assert response.status == 400
        # The very same update with the right secret does act: the refusals were not vacuous.
        async with session.post(url, json=update, headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
            assert response.status == 200
    await h.fake.wait_message(h.tid("budi"), None, h.timeout)  # the 200 came once it was queued
    assert await _linked(h, "budi")
    assert len(h.fake.messages(h.tid("budi"))) == 1  # one welcome, for the 200 only


@webhook_only
async def test_updates_sent_while_the_bot_is_down_arrive_after_restart(h):
    await h.stop_bot()
    assert h.fake.state.webhook is None and h.fake.calls_of("deleteWebhook")
    mark = h.fake.mark()
    h.fake.send_text(h.tid("budi"), f"/start {h.people['budi'].code}")
    assert len(h.fake.pending_updates) == 1  # Telegram keeps it
    await h.start_bot()
    await h.fake.wait_message(h.tid("budi"), "NIP", since=mark)
    assert len(h.fake.calls_of("setWebhook")) == 2


@pytest.mark.parametrize("delivery", ["polling", "webhook"])
async def test_every_runtime_and_mode_asks_for_the_same_update_types(h):
    await h.link("budi")  # polling has sent its parameters by now
    assert h.fake.state.allowed_updates == frozenset(ALLOWED_UPDATES)
