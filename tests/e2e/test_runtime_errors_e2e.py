"""Each library raises its own exceptions for Telegram's 429 / 403 / 400; both runtimes
must hand the shared code the same neutral ones (bot/runtimes/base.neutral_errors)."""
from __future__ import annotations

import pytest

from bot.outbox import RetryAfter, Unreachable
from bot.runtimes.base import NotModified
from handlers.core.types import EditMessage, SendMessage


async def test_library_errors_arrive_as_the_same_neutral_errors(h):
    rt, budi, dewi = h.runtime, h.tid("budi"), h.tid("dewi")
    sent = SendMessage(budi, "<b>Halo</b> Budi")
    await rt.send_message(sent)
    message = h.fake.last_message(budi)

    with pytest.raises(NotModified):  # 400 "message is not modified"
        await rt.edit_message(EditMessage(budi, message.message_id, sent.text))
    with pytest.raises(Unreachable, match=r"(?i)chat not found"):  # 400
        await rt.send_message(SendMessage(424242, "siapa?"))
    h.fake.block(budi)
    with pytest.raises(Unreachable, match=r"(?i)blocked"):  # 403
        await rt.send_message(sent)

    with pytest.raises(RetryAfter) as throttled:  # 429, bypassing the bot's own pacing
        for n in range(50):
            await rt.send_message(SendMessage(dewi, f"pesan {n}"))
    assert isinstance(throttled.value.seconds, float) and throttled.value.seconds >= 1
    assert h.fake.count_429 == 1
