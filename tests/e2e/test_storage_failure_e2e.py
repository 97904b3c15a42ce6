"""A database that cannot store, through a real runtime: the user is told nothing was saved;
in webhook mode Telegram gets a 503 so it delivers the update again, and the redelivery
is handled once the database is back. Polling cannot refuse an update (docs/RUNTIMES.md)."""
from __future__ import annotations

import aiohttp
import pytest

from bot.harness import WEBHOOK_SECRET
from bot.runtimes.webhook import SECRET_HEADER
from tests.e2e.test_webhook_e2e import _linked, _start_update
from tests.faults import Faults

NOT_SAVED = "Tidak ada yang tersimpan"


@pytest.mark.parametrize("delivery", ["webhook"])
async def test_webhook_answers_503_while_nothing_is_stored_and_the_redelivery_acts(h):
    faults = Faults(h._engine)
    faults.fail = "database or disk is full"
    update = _start_update(h, 901, "budi")
    async with aiohttp.ClientSession() as session:
        async with session.post(h.fake.state.webhook.url, json=update,
                                headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
            assert response.status == 503
        (told,) = h.fake.messages(h.tid("budi"))
        assert NOT_SAVED in told.text
        faults.fail = None
        async with session.post(h.fake.state.webhook.url, json=update,
                                headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
            assert response.status == 200
    assert await _linked(h, "budi")


async def test_polling_tells_the_user_and_goes_on(h):
    faults = Faults(h._engine)
    faults.fail = "attempt to write a readonly database"
    await h.say("budi", f"/start {h.people['budi'].code}", expect=NOT_SAVED)
    faults.fail = None
    await h.say("budi", f"/start {h.people['budi'].code}", expect="NIP")
