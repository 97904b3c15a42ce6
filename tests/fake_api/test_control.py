"""The control API: injection rules, privacy mode, waiting, transcript, /_fake over HTTP."""

from __future__ import annotations

import base64

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.fake_api import ControlError, FakeTelegram, ManualClock, command_entities


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data) for text, data in buttons]]
    )


def test_command_entities() -> None:
    assert command_entities("/start") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert command_entities("😀 /cuti@SikerjaBot 3") == [{"type": "bot_command", "offset": 3, "length": 16}]
    assert command_entities("a/b bukan/perintah") == []


async def test_group_privacy_mode(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    group = tg.group(-1005, "Kantor Dinas", members=[budi])
    sent = await abot.send_message(group.id, "Rapat jam 9")
    tg.send_text(budi, "halo semua", chat=group)  # not for the bot
    tg.send_text(budi, "/hadir", chat=group)
    tg.send_text(budi, "siap", chat=group, reply_to=tg.last_message(group))
    updates = await abot.get_updates(timeout=0)
    texts = [u.message.text for u in updates if u.message]
    assert texts == ["/hadir", "siap"]
    reply = updates[-1].message
    assert reply is not None and reply.reply_to_message is not None
    assert reply.reply_to_message.message_id == sent.message_id
    assert reply.reply_to_message.from_user is not None and reply.reply_to_message.from_user.is_bot
    assert tg.transcript()[1:4] == [
        "👤 Budi (Kantor Dinas): halo semua  (not delivered: privacy mode)",
        "👤 Budi (Kantor Dinas): /hadir",
        "👤 Budi (Kantor Dinas): siap",
    ]
    assert [m.text for m in tg.history(group)] == ["Rapat jam 9", "halo semua", "/hadir", "siap"]

    tg.set_member_status(group, tg.bot_user, "administrator")  # admins see everything
    tg.send_text(budi, "halo lagi", chat=group)
    later = await abot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in later if u.message] == ["halo lagi"]

    tg.set_member_status(group, tg.bot_user, "kicked")
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await abot.send_message(group.id, "x")


async def test_injection_refuses_impossible_actions(abot: Bot, tg: FakeTelegram, clock: ManualClock) -> None:
    budi, sari = tg.user(1001, "Budi"), tg.user(1002, "Sari")
    await abot.send_message(budi.id, "Pilih", reply_markup=keyboard(("A", "a")))
    menu = tg.last_message(budi)
    assert menu is not None
    with pytest.raises(ControlError, match="another user's private chat"):
        tg.press(sari, menu, "a")
    with pytest.raises(ControlError, match="unknown user"):
        tg.send_text(999, "hi")
    tg.block(budi)
    with pytest.raises(ControlError, match="blocked the bot"):
        tg.send_text(budi, "hi")
    tg.unblock(budi)

    forged = tg.press_raw(budi, menu.message_id, budi.id, "admin:delete_all")
    callback = (await abot.get_updates(timeout=0))[-1].callback_query
    assert callback is not None and (callback.id, callback.data) == (forged.id, "admin:delete_all")
    assert tg.transcript()[-1] == "🔘 Budi pressed (forged data 'admin:delete_all')"

    clock.advance(tg.limits.callback_ttl + 1)  # the bot took too long
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await abot.answer_callback_query(callback.id)

    await abot.delete_message(budi.id, menu.message_id)
    with pytest.raises(ControlError, match="does not exist"):
        tg.press(budi, menu, "a")


async def test_wait_helpers(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    await abot.send_message(budi.id, "Laporan siap")
    assert (await tg.wait_message(budi, contains="siap")).text == "Laporan siap"
    mark = tg.mark()
    with pytest.raises(TimeoutError, match=r"no bot message matched within 0\.1s") as caught:
        await tg.wait_message(budi, contains="siap", timeout=0.1, since=mark)  # only newer ones count
    assert "🤖 → Budi: Laporan siap" in str(caught.value)  # the error shows what happened
    await abot.send_message(budi.id, "Laporan siap lagi")
    assert (await tg.wait_message(budi, contains="siap", since=mark)).text == "Laporan siap lagi"
    with pytest.raises(TelegramBadRequest):
        await abot.send_message(budi.id, "<b>")
    failed = await tg.wait_call(lambda c: c.status == 400)
    assert failed.method == "sendMessage" and failed.params["text"] == "<b>"
    assert failed.description is not None and failed.description.startswith("Bad Request: can't parse entities")


async def test_allowed_updates_and_negative_offset(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    for text in ("satu", "dua", "tiga"):
        tg.send_text(budi, text)
    last = await abot.get_updates(offset=-1, timeout=0)
    assert [u.message.text for u in last if u.message] == ["tiga"]
    await abot.send_message(budi.id, "menu", reply_markup=keyboard(("A", "a")))
    tg.send_text(budi, "teks")
    tg.press(budi, tg.last_message(budi), "a")  # type: ignore[arg-type]
    updates = await abot.get_updates(offset=-10, timeout=0, allowed_updates=["callback_query"])
    assert [u.callback_query.data for u in updates if u.callback_query] == ["a"]
    assert all(u.message is None for u in updates)


async def test_http_control_api(abot: Bot, tg: FakeTelegram) -> None:
    async with aiohttp.ClientSession(base_url=tg.base_url) as http:

        async def post(path: str, **body: object) -> object:
            async with http.post(f"/_fake/{path}", json=body) as response:
                data = await response.json()
                assert response.status == 200, data
                return data["result"]

        assert await post("users", id=1001, first_name="Budi") == {
            "id": 1001,
            "is_bot": False,
            "first_name": "Budi",
            "language_code": "id",
        }
        injected = await post("send_text", user_id=1001, text="/start")
        assert injected["entities"][0]["type"] == "bot_command"  # type: ignore[index]

        await abot.send_message(1001, "Pilih", reply_markup=keyboard(("Ya", "yes")))
        async with http.get("/_fake/messages", params={"chat_id": "1001"}) as response:
            (message,) = (await response.json())["result"]
        assert message["raw_text"] == "Pilih" and message["reply_markup"]["inline_keyboard"][0][0]["text"] == "Ya"
        query = await post("press", user_id=1001, chat_id=1001, message_id=message["message_id"], data="yes")
        bad_press = {"user_id": 1001, "chat_id": 1001, "message_id": 2, "data": "no"}
        async with http.post("/_fake/press", json=bad_press) as response:
            assert response.status == 400 and "no button" in (await response.json())["description"]

        await post(
            "send_document",
            user_id=1001,
            file_name="a.txt",
            content_base64=base64.b64encode(b"isi").decode(),
            mime_type="text/plain",
        )
        updates = await abot.get_updates(timeout=0)
        assert updates[1].callback_query is not None
        assert updates[1].callback_query.id == query["id"]  # type: ignore[index]
        assert updates[2].message is not None and updates[2].message.document is not None

        waited = await post("wait_message", chat_id=1001, contains="Pilih", timeout=1)
        assert waited["text"] == "Pilih"  # type: ignore[index]
        async with http.get("/_fake/transcript") as response:
            assert (await response.json())["result"][:3] == [
                "👤 Budi (private): /start",
                "🤖 → Budi: Pilih [Ya]",
                "🔘 Budi pressed [Ya]",
            ]


async def test_the_bot_added_removed_and_a_group_migrated(abot: Bot, tg: FakeTelegram) -> None:
    """my_chat_member when the bot's own status changes; a supergroup upgrade posts
    migrate_to_chat_id in the old chat and refuses sends there from then on."""
    budi = tg.user(1001, "Budi")
    group = tg.group(-5, "Tim Data", type="group", bot_status="left")
    tg.add_bot(budi, group, start="GABCDEFG")
    tg.migrate(group, -1005, by=budi)
    updates = await abot.get_updates(timeout=0, allowed_updates=["message", "my_chat_member"])
    event = updates[0].my_chat_member
    assert event is not None and (event.old_chat_member.status, event.new_chat_member.status) == ("left", "member")
    assert updates[1].message is not None and updates[1].message.text == "/start@SikerjaBot GABCDEFG"
    assert updates[2].message is not None and updates[2].message.migrate_to_chat_id == -1005
    with pytest.raises(TelegramBadRequest, match="upgraded to a supergroup"):
        await abot.send_message(group.id, "halo")
    assert (await abot.send_message(-1005, "halo")).chat.type == "supergroup"
    tg.remove_bot(budi, -1005)
    (left,) = await abot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert left.my_chat_member is not None and left.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(TelegramForbiddenError):
        await abot.send_message(-1005, "halo")


async def test_forum_topics_and_descriptions(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    forum = tg.group(-1007, "Dinas", forum=True)
    tg.send_text(budi, "/tim", chat=forum, thread_id=4)
    (update,) = await abot.get_updates(timeout=0)
    assert update.message is not None and update.message.message_thread_id == 4 and update.message.is_topic_message
    sent = await abot.send_message(forum.id, "ke topik", message_thread_id=4)
    assert sent.message_thread_id == 4 and tg.last_message(forum).thread_id == 4
    with pytest.raises(TelegramBadRequest, match="thread not found"):
        await abot.send_message(budi.id, "pribadi", message_thread_id=4)
    with pytest.raises(ControlError):
        tg.send_text(budi, "/tim", chat=tg.group(-1008, "Biasa"), thread_id=4)
    await abot.set_my_description("Deskripsi", language_code="id")
    await abot.set_my_short_description("Singkat")
    assert (tg.description("id"), tg.description(short=True)) == ("Deskripsi", "Singkat")
    assert (await abot.get_my_description(language_code="id")).description == "Deskripsi"
