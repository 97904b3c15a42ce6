"""The fake driven by a real aiogram 3 Bot (multipart requests, HTML by default)."""

from __future__ import annotations

import asyncio
import struct
import zlib

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.fake_api import ControlError, FakeTelegram, Limits, ManualClock

from .conftest import make_aiogram_bot


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data) for text, data in buttons]]
    )


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


async def test_get_me(abot: Bot) -> None:
    me = await abot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (123456, "SikerjaBot", "Sikerja", True)
    assert me.can_read_all_group_messages is False  # privacy mode is on


async def test_send_message_with_inline_keyboard(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    menu = keyboard(("Tim A", "team:a"), ("Tim B", "team:b"))
    sent = await abot.send_message(budi.id, "<b>Pilih</b> tim:", reply_markup=menu)
    assert sent.message_id == 1
    assert sent.text == "Pilih tim:"
    assert sent.entities is not None and (sent.entities[0].type, sent.entities[0].length) == ("bold", 5)
    assert sent.from_user is not None and sent.from_user.id == tg.bot_user.id
    assert sent.chat.id == budi.id and sent.chat.type == "private"
    assert sent.reply_markup is not None and sent.reply_markup.inline_keyboard[0][1].callback_data == "team:b"

    stored = tg.last_message(budi)
    assert stored is not None
    assert (stored.raw_text, stored.parse_mode, stored.edited) == ("<b>Pilih</b> tim:", "HTML", False)
    assert tg.buttons(stored) == [("Tim A", "team:a"), ("Tim B", "team:b")]
    assert tg.button_data(stored, "B") == "team:b"
    assert tg.transcript()[-1] == "🤖 → Budi: Pilih tim: [Tim A] [Tim B]"

    second = await abot.send_message(budi.id, "Balas", reply_markup=ForceReply(), reply_to_message_id=sent.message_id)
    assert second.message_id == 2  # ids increase per chat
    assert second.reply_to_message is not None and second.reply_to_message.message_id == 1
    assert tg.last_message(budi).reply_markup == {"force_reply": True}  # type: ignore[union-attr]


async def test_callback_round_trip_via_get_updates(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    sent = await abot.send_message(budi.id, "Ajukan cuti?", reply_markup=keyboard(("Setujui", "leave:ok:7")))
    with pytest.raises(ControlError, match="no button with callback_data 'leave:no:7'"):
        tg.press(budi, tg.last_message(budi), "leave:no:7")  # type: ignore[arg-type]

    query = tg.press(budi, tg.last_message(budi), "leave:ok:7")  # type: ignore[arg-type]
    updates = await abot.get_updates(timeout=0)
    callback = updates[-1].callback_query
    assert callback is not None
    assert (callback.id, callback.data, callback.from_user.id) == (query.id, "leave:ok:7", budi.id)
    assert isinstance(callback.message, Message) and callback.message.message_id == sent.message_id

    assert await abot.answer_callback_query(callback.id, text="Disetujui", show_alert=True) is True
    answer = await tg.wait_callback_answer(query.id)
    assert (answer.text, answer.show_alert) == ("Disetujui", True)
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await abot.answer_callback_query(callback.id)  # only once

    # Confirming with offset drops the update for good.
    assert await abot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == []
    assert "🔘 Budi pressed [Setujui]" in tg.transcript()
    assert "💬 answer → Budi: Disetujui (alert)" in tg.transcript()


async def test_edit_and_delete(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    sent = await abot.send_message(budi.id, "Status: <i>draf</i>", reply_markup=keyboard(("Kirim", "send")))
    edited = await abot.edit_message_text("Status: <b>final</b>", chat_id=budi.id, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.text == "Status: final" and edited.edit_date is not None
    stored = tg.last_message(budi)
    assert stored is not None and stored.edited and stored.reply_markup is None  # no markup = keyboard removed
    assert tg.transcript()[-1] == "✏️ edited → Budi: Status: final"

    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new message content"):
        await abot.edit_message_text("Status: <b>final</b>", chat_id=budi.id, message_id=sent.message_id)
    # Same words, different formatting, is a modification.
    await abot.edit_message_text("Status: final", chat_id=budi.id, message_id=sent.message_id)

    again = keyboard(("Ulang", "again"))
    await abot.edit_message_reply_markup(chat_id=budi.id, message_id=sent.message_id, reply_markup=again)
    assert tg.buttons(tg.last_message(budi)) == [("Ulang", "again")]  # type: ignore[arg-type]
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await abot.edit_message_reply_markup(chat_id=budi.id, message_id=sent.message_id, reply_markup=again)

    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await abot.edit_message_text("x", chat_id=budi.id, message_id=99)
    assert await abot.delete_message(budi.id, sent.message_id) is True
    assert tg.messages(budi) == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await abot.delete_message(budi.id, sent.message_id)


async def test_document_upload_get_file_and_download(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    content = b"nip,nama\n1990,Budi Santoso\n"
    sent = await abot.send_document(budi.id, BufferedInputFile(content, "rekap.csv"), caption="<b>Rekap</b> Mei")
    assert sent.document is not None and sent.document.file_name == "rekap.csv"
    assert sent.caption == "Rekap Mei" and sent.document.file_size == len(content)
    stored = tg.last_message(budi)
    assert stored is not None and (stored.file_name, stored.file_bytes) == ("rekap.csv", content)
    assert tg.transcript()[-1] == "🤖 → Budi: 📎 rekap.csv — Rekap Mei"

    file = await abot.get_file(sent.document.file_id)
    assert file.file_path and file.file_path.endswith(".csv")
    downloaded = await abot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == content

    again = await abot.send_document(budi.id, sent.document.file_id)  # re-send by file_id
    assert again.document is not None and again.document.file_id == sent.document.file_id

    # A user's upload reaches the bot, which can download it.
    tg.send_document(budi, "surat.pdf", b"%PDF-1.4 cuti", "application/pdf", caption="Surat cuti")
    update = (await abot.get_updates(timeout=0))[-1]
    assert update.message is not None and update.message.document is not None
    assert update.message.caption == "Surat cuti"
    user_file = await abot.get_file(update.message.document.file_id)
    assert (await abot.download_file(user_file.file_path or "")).read() == b"%PDF-1.4 cuti"  # type: ignore[union-attr]

    with pytest.raises(TelegramBadRequest, match="file must be non-empty"):
        await abot.send_document(budi.id, BufferedInputFile(b"", "empty.txt"))
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await abot.send_document(budi.id, "no-such-file-id")


async def test_photo_upload(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    sent = await abot.send_photo(budi.id, BufferedInputFile(tiny_png(3, 2), "chart.png"), caption="Grafik")
    assert sent.photo is not None and (sent.photo[-1].width, sent.photo[-1].height) == (3, 2)
    file = await abot.get_file(sent.photo[-1].file_id)
    assert (await abot.download_file(file.file_path or "")).read() == tiny_png(3, 2)  # type: ignore[union-attr]
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await abot.send_photo(budi.id, BufferedInputFile(b"not an image", "x.png"))


async def test_long_poll_returns_as_soon_as_an_update_arrives(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    poll = asyncio.create_task(abot.get_updates(timeout=30))
    await tg.wait_polling()
    tg.send_text(budi, "/ajukan cuti")
    updates = await asyncio.wait_for(poll, 3)  # far less than the 30 s poll timeout
    message = updates[0].message
    assert message is not None and message.text == "/ajukan cuti"
    assert message.entities is not None
    assert (message.entities[0].type, message.entities[0].offset, message.entities[0].length) == ("bot_command", 0, 7)


async def test_long_poll_times_out_empty_and_newer_poll_wins(abot: Bot, tg: FakeTelegram) -> None:
    started = asyncio.get_running_loop().time()
    assert await abot.get_updates(timeout=1) == []
    assert asyncio.get_running_loop().time() - started >= 0.9

    first = asyncio.create_task(abot.get_updates(timeout=30))
    await tg.wait_polling()
    second = asyncio.create_task(abot.get_updates(timeout=30))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 3)
    tg.send_text(tg.user(1001, "Budi"), "halo")
    assert len(await asyncio.wait_for(second, 3)) == 1


async def test_dispatcher_conversation(abot: Bot, tg: FakeTelegram) -> None:
    """A real aiogram Dispatcher, polling: command -> keyboard -> press -> edit + answer."""
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("Pilih tim:", reply_markup=keyboard(("Tim A", "team:a"), ("Tim B", "team:b")))

    @router.callback_query(F.data.startswith("team:"))
    async def chosen(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        team = (query.data or "").split(":")[1].upper()
        await query.message.edit_text(f"Tim <b>{team}</b> dipilih")
        await query.answer("Tersimpan")

    dp = Dispatcher()
    dp.include_router(router)
    polling = asyncio.create_task(dp.start_polling(abot, handle_signals=False, close_bot_session=False))
    try:
        budi = tg.user(1001, "Budi", username="budi")
        await tg.wait_polling()
        tg.send_text(budi, "/start")
        menu = await tg.wait_message(budi, contains="Pilih tim")
        query = tg.press(budi, menu, tg.button_data(menu, "Tim B"))
        edited = await tg.wait_for(lambda m: m.edited)
        assert edited.text == "Tim B dipilih" and edited.message_id == menu.message_id
        assert (await tg.wait_callback_answer(query)).text == "Tersimpan"
    finally:
        await dp.stop_polling()
        await polling
    assert tg.transcript()[:5] == [
        "👤 Budi (private): /start",
        "🤖 → Budi: Pilih tim: [Tim A] [Tim B]",
        "🔘 Budi pressed [Tim B]",
        "✏️ edited → Budi: Tim B dipilih",
        "💬 answer → Budi: Tersimpan",
    ]


# --- limits -------------------------------------------------------------------------


async def test_text_length_counts_visible_characters(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    tg.limits = Limits(enabled=False)
    ok = await abot.send_message(budi.id, "<b>" + "x" * 4000 + "</b>" + "&lt;" * 96)  # 4096 visible, more bytes
    assert ok.text is not None and len(ok.text) == 4096
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await abot.send_message(budi.id, "<i>" + "x" * 4097 + "</i>")
    for empty in ("", "   \n", "<b></b>"):
        with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
            await abot.send_message(budi.id, empty)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message caption is too long"):
        await abot.send_document(budi.id, BufferedInputFile(b"x", "a.txt"), caption="c" * 1025)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Halo <foo>", 'Unsupported start tag "foo" at byte offset 5'),
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("nilai < 5", 'Unsupported start tag "" at byte offset 6'),
        ("Rp 5 & 6", 'Character "&" is reserved and must be escaped as "&amp;" at byte offset 5'),
    ],
)
async def test_bad_html_is_refused(abot: Bot, tg: FakeTelegram, text: str, reason: str) -> None:
    budi = tg.user(1001, "Budi")
    with pytest.raises(TelegramBadRequest) as caught:
        await abot.send_message(budi.id, text)
    assert caught.value.message == f"Bad Request: can't parse entities: {reason}"
    assert tg.messages(budi) == []
    assert tg.transcript()[-1] == f"⚠️ 400 sendMessage: Bad Request: can't parse entities: {reason}"


async def test_escaped_html_is_accepted(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    sent = await abot.send_message(budi.id, "&lt;b&gt; &amp; &quot;ok&quot;")
    assert sent.text == '<b> & "ok"'


async def test_button_limits(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    tg.limits = Limits(enabled=False)
    await abot.send_message(budi.id, "ok", reply_markup=keyboard(("64 bytes", "é" * 32)))
    for data in ("é" * 33, "x" * 65):  # 66 and 65 bytes
        with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
            await abot.send_message(budi.id, "x", reply_markup=keyboard(("b", data)))
    rows = [[InlineKeyboardButton(text=str(i), callback_data=str(i))] for i in range(100)]
    await abot.send_message(budi.id, "100", reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
    rows.append([InlineKeyboardButton(text="101", callback_data="101")])
    with pytest.raises(TelegramBadRequest, match="Bad Request: reply markup is too long"):
        await abot.send_message(budi.id, "101", reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))

    tg.press(budi, tg.last_message(budi), "5")  # type: ignore[arg-type]
    callback = (await abot.get_updates(timeout=0))[-1].callback_query
    assert callback is not None
    with pytest.raises(TelegramBadRequest, match="Bad Request: MESSAGE_TOO_LONG"):
        await abot.answer_callback_query(callback.id, text="x" * 201)
    assert await abot.answer_callback_query(callback.id, text="x" * 200)


async def test_chat_errors(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    sari = tg.user(1002, "Sari", started=False)
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await abot.send_message(424242, "x")
    tg.block(budi.id)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await abot.send_message(budi.id, "x")
    tg.unblock(budi.id)
    await abot.send_message(budi.id, "x")
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot can't initiate conversation with a user"):
        await abot.send_message(sari.id, "x")
    tg.send_text(sari, "/start")
    await abot.send_message(sari.id, "x")  # she opened the chat


async def test_wrong_token_is_unauthorized(tg: FakeTelegram) -> None:
    bot = make_aiogram_bot(tg, token="123456:WRONG", stock_session=True)
    try:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await bot.get_me()
    finally:
        await bot.session.close()
    assert tg.calls[-1].status == 401


async def test_raw_http_shapes(tg: FakeTelegram) -> None:
    """Unknown methods, case-insensitive names, JSON bodies and query strings."""
    budi = tg.user(1001, "Budi")
    base = f"{tg.base_url}/bot{tg.token}"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/sendSticker3") as response:
            assert response.status == 404
            assert await response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.post(f"{base}/SENDMESSAGE", json={"chat_id": budi.id, "text": "json"}) as response:
            body = await response.json()
            assert response.status == 200 and body["ok"] and body["result"]["text"] == "json"
        async with http.get(f"{base}/sendmessage", params={"chat_id": str(budi.id), "text": "query"}) as response:
            assert (await response.json())["result"]["text"] == "query"
        form = {"chat_id": str(budi.id), "text": "<b>x", "parse_mode": "HTML"}
        async with http.post(f"{base}/sendMessage", data=form) as response:
            body = await response.json()
            assert response.status == 400 and body["error_code"] == 400
            assert body["description"].startswith("Bad Request: can't parse entities")
    assert [c.method for c in tg.calls] == ["sendSticker3", "sendMessage", "sendMessage", "sendMessage"]
    assert [c.status for c in tg.calls] == [404, 200, 200, 400]


# --- flood control ------------------------------------------------------------------


async def test_flood_private_chat_burst_then_429(abot: Bot, tg: FakeTelegram, clock: ManualClock) -> None:
    budi = tg.user(1001, "Budi")
    for i in range(3):
        await abot.send_message(budi.id, f"pesan {i}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await abot.send_message(budi.id, "pesan 3")
    assert caught.value.retry_after == 1
    assert tg.count_429 == 1
    assert tg.transcript()[-1] == "⚠️ 429 sendMessage: Too Many Requests: retry after 1"
    # Edits, answers and getUpdates are not counted.
    await abot.edit_message_text("diubah", chat_id=budi.id, message_id=1)
    await abot.get_updates(timeout=0)
    clock.advance(1)
    await abot.send_message(budi.id, "pesan 3")
    assert len(tg.messages(budi)) == 4


async def test_flood_group_twenty_per_minute(abot: Bot, tg: FakeTelegram, clock: ManualClock) -> None:
    tg.group(-1001234567890, "Kantor Dinas")
    for i in range(20):
        await abot.send_message(-1001234567890, f"pengumuman {i}")
        clock.advance(0.1)
    with pytest.raises(TelegramRetryAfter) as caught:
        await abot.send_message(-1001234567890, "satu lagi")
    assert caught.value.retry_after == 58  # the first one leaves the 60 s window at t=60
    clock.advance(58)
    await abot.send_message(-1001234567890, "satu lagi")


async def test_flood_global_thirty_per_second(abot: Bot, tg: FakeTelegram, clock: ManualClock) -> None:
    users = [tg.user(2000 + i, f"U{i}") for i in range(11)]
    for user in users[:10]:
        for _ in range(3):
            await abot.send_message(user.id, "broadcast")
    with pytest.raises(TelegramRetryAfter) as caught:
        await abot.send_message(users[10].id, "broadcast")  # its own bucket is full
    assert caught.value.retry_after == 1
    clock.advance(1)
    await abot.send_message(users[10].id, "broadcast")


@pytest.mark.parametrize("limits", [Limits(scale=2)])
async def test_flood_scale(abot: Bot, tg: FakeTelegram, clock: ManualClock) -> None:
    budi = tg.user(1001, "Budi")
    for _ in range(3):
        await abot.send_message(budi.id, "x")
    with pytest.raises(TelegramRetryAfter):
        await abot.send_message(budi.id, "x")
    clock.advance(0.5)  # refills at 2 messages/s
    await abot.send_message(budi.id, "x")
    tg.group(-100777, "Grup")
    for _ in range(20):
        await abot.send_message(-100777, "x")
    with pytest.raises(TelegramRetryAfter) as caught:
        await abot.send_message(-100777, "x")
    assert caught.value.retry_after == 30  # a 30 s window instead of 60 s


@pytest.mark.parametrize("limits", [Limits(enabled=False)])
async def test_flood_disabled(abot: Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    for _ in range(40):
        await abot.send_message(budi.id, "x")
    assert tg.count_429 == 0
