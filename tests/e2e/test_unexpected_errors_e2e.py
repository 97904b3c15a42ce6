"""A bug in a handler, over Telegram: the user gets a message (or the pressed button an
alert) with a reference, not silence and a spinning button. One runtime is enough: the
answer is built by the shared dispatch (tests/handlers/test_unexpected_errors.py)."""
from __future__ import annotations

import dataclasses
import re

import pytest

from handlers.features import registry
from handlers.teams.buttons import AppointKetua

SORRY = "Mohon maaf, terjadi gangguan di pihak kami sehingga tidak ada yang diubah."


async def _boom(ctx, *args):
    raise RuntimeError("boom")


@pytest.mark.parametrize("runtime_name", ["ptb"])
async def test_an_unexpected_error_is_answered_with_a_reference(h, monkeypatch, caplog):
    monkeypatch.setitem(registry.commands, "tim", _boom)
    monkeypatch.setitem(registry.callbacks, "tk", dataclasses.replace(registry.callbacks["tk"], handler=_boom))
    await h.link("budi")

    said = await h.say("budi", "/tim", expect=SORRY)
    alert = await h.press_expect_alert("budi", said, AppointKetua(1).pack())

    assert alert.startswith(SORRY)
    for text in (said.text, alert):
        reference = re.search(r"\b[0-9a-f]{8}\b", text).group()
        assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
