"""The database refuses to store (disk full, read-only, gone, locked too long): the user is
told in their language that nothing was saved, the update is not recorded as seen (so a
redelivery is handled), and what an open form already holds survives."""
from __future__ import annotations

import shutil

import pytest

from domain.profiles import load_profile
from handlers.core.app import App, AppConfig
from handlers.core.dispatch import NotStored, handle
from handlers.core.types import AnswerCallback, SendMessage
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory
from tests.faults import Faults, fill, tmpfs
from tests.handlers.chat import Person, button_data, texts
from tests.handlers.test_voluntary_application import MOTIVATION, linked

NOT_SAVED_ID = "Tidak ada yang tersimpan"
NOT_SAVED_EN = "Nothing was saved"


@pytest.fixture
def faults(engine) -> Faults:
    return Faults(engine)


async def _open_form(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    replies = await budi.says("/ajukan")
    replies = await budi.presses(button_data(replies, "Keamanan"))  # the first answer, kept in the form
    assert any("kompetensi" in t for t in texts(replies))
    return budi


async def _form(app, person):
    async with app.uow() as uow:
        return await uow.conversations.get(person.id, person.id)


async def _not_stored(person: Person, update) -> list:
    with pytest.raises(NotStored) as caught:
        await handle(person.app, update)
    return caught.value.replies


@pytest.mark.parametrize("on_commit_only", [False, True])
async def test_a_failed_answer_keeps_the_form_and_tells_the_user(app, demo, faults, on_commit_only):
    budi = await _open_form(app, demo)
    before = await _form(app, budi)
    faults.fail, faults.kinds = "database or disk is full", (() if on_commit_only else faults.kinds)

    update = budi._update(text=MOTIVATION, message_id=50)
    (reply,) = await _not_stored(budi, update)
    assert isinstance(reply, SendMessage) and reply.chat_id == budi.id and NOT_SAVED_ID in reply.text
    (status,) = [r.text for r in await _not_stored(budi, budi._update(text="/status", message_id=51))]
    assert NOT_SAVED_ID in status

    faults.fail = None
    after = await _form(app, budi)
    assert after is not None and (after.name, after.step, after.data) == (before.name, before.step, before.data)
    # Not recorded as seen: Telegram's redelivery of the same update is handled now.
    replies = await handle(app, update)
    assert any("Kirim" in label for _, label in _buttons(replies))


def _buttons(replies):
    return [(b.data, b.text) for r in replies if getattr(r, "keyboard", None) for row in r.keyboard for b in row]


async def test_a_press_is_answered_with_an_alert_in_the_senders_language(app, demo, faults):
    budi = await _open_form(app, demo)
    budi.lang = "en"
    faults.fail = "attempt to write a readonly database"
    (answer,) = await _not_stored(budi, budi._update(callback_id="77", callback_data="x", message_id=9))
    assert isinstance(answer, AnswerCallback) and answer.alert and NOT_SAVED_EN in (answer.text or "")


async def test_failing_before_the_handler_runs_is_not_stored_either(app, demo, faults):
    """The dedupe lookup itself fails (database locked too long, file gone)."""
    budi = await linked(app, demo, "budi", 1001)
    faults.fail, faults.kinds = "database is locked", None
    update = budi._update(text="/status", message_id=60)
    (reply,) = await _not_stored(budi, update)
    assert NOT_SAVED_ID in reply.text
    faults.fail = None
    assert NOT_SAVED_ID not in " ".join(texts(await handle(app, update)))


async def test_a_real_full_disk(db_template, tmp_path, clock, demo_on):
    """Not an injected error: the database lives on a tmpfs with no byte left."""
    with tmpfs(tmp_path / "disk", "8m") as disk:
        shutil.copy(db_template, disk / "sikerja.db")
        engine = make_engine(f"sqlite:///{disk / 'sikerja.db'}")
        try:
            app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile("nasional"),
                      config=AppConfig(), clock=clock)
            budi = await _open_form(app, await demo_on(app))
            before = await _form(app, budi)
            fill(disk)
            replies = []
            for text in (MOTIVATION, "/status"):
                replies += await _not_stored(budi, budi._update(text=text, message_id=70))
            assert all(NOT_SAVED_ID in r.text for r in replies) and len(replies) == 2
            after = await _form(app, budi)
            assert (after.name, after.step, after.data) == (before.name, before.step, before.data)
        finally:
            await engine.dispose()


@pytest.fixture
def demo_on():
    from handlers.demo_data.seed_demo import seed_demo

    async def seed(app):
        async with app.uow() as uow:
            seeded = await seed_demo(uow, app.clock())
            await uow.commit()
        return {p.key: p for p in seeded}
    return seed
