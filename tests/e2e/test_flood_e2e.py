"""One chatty user never stalls the others, against a fake Telegram at its strictest (one
message per second per chat, no burst; scaled x5 like every e2e test): the other user is
answered at once, the flooder is told once, and no request is refused, not even right
after a restart."""
from __future__ import annotations

import time

import pytest

from bot.fake_api import Limits

BURST = 40
LIMIT = 20  # the per-sender limit: 20 messages in 10 s


@pytest.mark.parametrize("delivery", ["polling", "webhook"])
async def test_a_burst_from_one_user_does_not_hold_up_another(h):
    await h.link("budi", "dewi")
    h.fake.limits = Limits.strict(h.flood_scale)
    burst_mark = h.fake.mark()
    for i in range(BURST):
        h.fake.send_text(h.tid("budi"), f"baris {i + 1}")
    started = time.monotonic()
    await h.say("dewi", "/help")
    # one after the other, dewi would wait for BURST replies at 0.2 s each
    assert time.monotonic() - started < 2.0
    notice = await h.notice("budi", "banyak pesan", since=burst_mark)
    answered = [m for m in h.fake.messages(h.tid("budi")) if m.seq > burst_mark]
    # Told once, after at most the limit's worth of answers (webhook: Telegram sends a chat's
    # updates one at a time, so up to all 20 may be answered before the 21st trips the limit).
    assert len(answered) <= LIMIT + 1 and answered[-1] is notice
    assert sum("banyak pesan" in m.text for m in answered) == 1
    again = await h.say("dewi", "/help")  # and not stuck behind anything later
    assert again.chat_id == h.tid("dewi")
    assert h.fake.count_429 == 0


async def test_no_refusal_right_after_a_restart(h):
    await h.link("budi", "dewi")
    h.fake.limits = Limits.strict(h.flood_scale)
    for key in ("budi", "dewi"):
        await h.say(key, "/help")
    await h.restart_bot()  # the new process does not know what was just sent
    for key in ("budi", "dewi"):
        await h.say(key, "/help")
    assert h.fake.count_429 == 0
