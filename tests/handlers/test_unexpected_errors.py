"""A bug in a handler: what it did is rolled back, the user is told (in their language, with a
reference that is also in the log line with the traceback), a pressed button is answered,
and the update counts as handled so a redelivery does not run it again."""
from __future__ import annotations

import dataclasses
import logging
import re

import pytest

from handlers.core import dispatch
from handlers.core.dispatch import handle
from handlers.core.types import AnswerCallback, SendMessage
from handlers.features import registry
from handlers.teams.buttons import AppointKetua
from tests.handlers.chat import Person
from tests.handlers.test_voluntary_application import linked

REFERENCE = re.compile(r"\b[0-9a-f]{8}\b")


@pytest.fixture
def calls():
    return []


@pytest.fixture
def broken(calls):
    async def handler(ctx, *args):
        calls.append(ctx.update.update_id)
        # a change the update made before it failed: it must not survive
        await ctx.uow.conversations.set(ctx.update.sender.id, ctx.update.chat_id, "half_done", "x", {}, ctx.now)
        await ctx.uow.flush()
        ctx.reply("half an answer")
        raise RuntimeError("boom")
    return handler


async def _left_behind(app, person: Person):
    async with app.uow() as uow:
        return await uow.conversations.get(person.id, person.id)


def _logged(caplog, reference: str) -> logging.LogRecord:
    (record,) = [r for r in caplog.records if reference in r.getMessage()]
    assert record.levelno == logging.ERROR and record.exc_info and "boom" in str(record.exc_info[1])
    return record


async def test_a_failing_command_is_rolled_back_explained_and_not_retried(app, demo, broken, calls, monkeypatch,
                                                                          caplog):
    budi = await linked(app, demo, "budi", 1001)
    monkeypatch.setitem(registry.commands, "tim", broken)
    update = budi._update(text="/tim", message_id=5)

    replies = await handle(app, update)

    (reply,) = replies
    assert isinstance(reply, SendMessage) and reply.chat_id == 1001
    assert reply.text.startswith("Mohon maaf, terjadi gangguan di pihak kami sehingga tidak ada yang diubah.")
    reference = REFERENCE.search(reply.text).group()
    _logged(caplog, reference)
    assert await _left_behind(app, budi) is None
    assert await handle(app, update) == [] and calls == [update.update_id]  # redelivered: seen, not run again


async def test_a_failing_button_is_answered_in_the_users_language(app, demo, broken, calls, monkeypatch, caplog):
    dewi = await linked(app, demo, "dewi", 1002, lang="en")
    monkeypatch.setitem(registry.callbacks, "tk", dataclasses.replace(registry.callbacks["tk"], handler=broken))

    replies = await dewi.presses(AppointKetua(1))

    (answer,) = replies  # the button stops spinning; the half answer is gone
    assert isinstance(answer, AnswerCallback) and answer.alert
    assert answer.text.startswith("Sorry, something went wrong on our side, so nothing was changed.")
    _logged(caplog, REFERENCE.search(answer.text).group())
    assert await _left_behind(app, dewi) is None and len(calls) == 1


async def test_the_user_is_answered_even_when_the_database_is_failing(app, demo, broken, monkeypatch, caplog):
    budi = await linked(app, demo, "budi", 1001)
    monkeypatch.setitem(registry.commands, "tim", broken)

    async def unavailable(ctx):
        raise OSError("database is gone")
    monkeypatch.setattr(dispatch, "_record_seen", unavailable)

    (reply,) = await budi.says("/tim")
    assert reply.text.startswith("Mohon maaf, terjadi gangguan") and "database is gone" in caplog.text
