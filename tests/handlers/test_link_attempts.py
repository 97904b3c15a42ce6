"""/start CODE guesses are limited per Telegram account, in the database (restarts and
several workers see the same count)."""
from __future__ import annotations

from handlers.core.app import App
from storage.uow import UnitOfWorkFactory
from tests.handlers.chat import Person, texts


async def test_five_wrong_codes_then_a_polite_wait_even_for_the_right_code(app, demo, clock):
    guesser = Person(app, 4242, "Penebak")
    for n in range(5):
        (reply,) = texts(await guesser.says(f"/start SALAH{n}"))
        assert "tidak berlaku" in reply
    (reply,) = texts(await guesser.says(f"/start {demo['budi'].code}"))
    assert "coba lagi dalam 15 menit" in reply and "NIP" not in reply

    # Another worker (or the bot after a restart) holds nothing in memory and still refuses.
    restarted = App(uow=UnitOfWorkFactory(app.uow.sessions), profile=app.profile, config=app.config,
                    clock=clock)
    clock.advance(minutes=10)
    (reply,) = texts(await Person(restarted, 4242, "Penebak").says(f"/start {demo['budi'].code}"))
    assert "coba lagi dalam 5 menit" in reply

    other = Person(app, 4343, "Lain", lang="en")  # the limit is per account
    (reply,) = texts(await other.says("/start SALAH"))
    assert "not valid" in reply

    clock.advance(minutes=5, seconds=1)  # the oldest failures have aged out
    (reply,) = texts(await guesser.says(f"/start {demo['budi'].code}"))
    assert "NIP" in reply


async def test_the_wait_is_told_in_the_users_language(app, demo):
    guesser = Person(app, 4444, "Guesser", lang="en")
    for n in range(5):
        await guesser.says(f"/start WRONG{n}")
    (reply,) = texts(await guesser.says("/start WRONG"))
    assert "try again in 15 minutes" in reply


async def test_four_wrong_codes_still_leave_the_right_one_working(app, demo):
    guesser = Person(app, 4545, "Penebak")
    for n in range(4):
        await guesser.says(f"/start SALAH{n}")
    (reply,) = texts(await guesser.says(f"/start {demo['budi'].code}"))
    assert "NIP" in reply
