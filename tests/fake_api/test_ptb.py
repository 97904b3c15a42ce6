"""The fake driven by a real python-telegram-bot v22 (httpx, urlencoded/multipart)."""

from __future__ import annotations

import datetime as dt

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.fake_api import FakeTelegram

from .test_aiogram import tiny_png


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data) for text, data in buttons]])


async def test_get_me_on_initialize(pbot: telegram.Bot) -> None:
    assert (pbot.id, pbot.username, pbot.first_name) == (123456, "SikerjaBot", "Sikerja")


async def test_send_press_answer_edit(pbot: telegram.Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi", "Santoso", username="budi")
    sent = await pbot.send_message(
        budi.id,
        "Setujui <b>cuti</b>?",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(("Ya", "yes"), ("Tidak", "no")),
    )
    assert sent.text == "Setujui cuti?" and sent.entities[0].type == "bold"
    assert sent.reply_markup is not None and sent.reply_markup.inline_keyboard[0][0].callback_data == "yes"
    assert sent.chat.username == "budi" and sent.chat.last_name == "Santoso"

    query = tg.press(budi, tg.last_message(budi), "no")  # type: ignore[arg-type]
    updates = await pbot.get_updates(timeout=0)
    callback = updates[-1].callback_query
    assert callback is not None and callback.data == "no" and callback.message.message_id == sent.message_id
    assert await callback.answer("Ditolak")
    assert (await tg.wait_callback_answer(query.id)).text == "Ditolak"

    edited = await pbot.edit_message_text("Cuti <i>ditolak</i>", budi.id, sent.message_id, parse_mode=ParseMode.HTML)
    assert isinstance(edited, telegram.Message) and edited.text == "Cuti ditolak"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await pbot.edit_message_text("Cuti <i>ditolak</i>", budi.id, sent.message_id, parse_mode=ParseMode.HTML)
    assert await pbot.delete_message(budi.id, sent.message_id)


async def test_document_upload_and_download(pbot: telegram.Bot, tg: FakeTelegram) -> None:
    budi = tg.user(1001, "Budi")
    content = b"PK\x03\x04 xlsx bytes"
    sent = await pbot.send_document(budi.id, content, filename="rekap.xlsx", caption="Rekap")
    assert sent.document is not None and sent.document.file_name == "rekap.xlsx"
    assert sent.document.mime_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    file = await pbot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content

    photo = await pbot.send_photo(budi.id, tiny_png(4, 4))
    assert (photo.photo[-1].width, photo.photo[-1].height) == (4, 4)

    tg.send_photo(budi, tiny_png(2, 2), caption="bukti")
    update = (await pbot.get_updates(timeout=0))[-1]
    assert update.message is not None and update.message.caption == "bukti"
    user_photo = await pbot.get_file(update.message.photo[-1].file_id)
    assert bytes(await user_photo.download_as_bytearray()) == tiny_png(2, 2)


async def test_errors_map_to_ptb_exceptions(
    pbot: telegram.Bot, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    budi = tg.user(1001, "Budi")
    with pytest.raises(BadRequest, match="Message is too long"):
        await pbot.send_message(budi.id, "x" * 4097)
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await pbot.send_message(budi.id, "<foo>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await pbot.send_message(budi.id, "x", reply_markup=keyboard(("b", "x" * 65)))
    tg.block(budi)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await pbot.send_message(budi.id, "x")
    tg.unblock(budi)

    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # opt in to timedelta, avoiding a deprecation warning
    for _ in range(3):
        await pbot.send_message(budi.id, "x")
    with pytest.raises(RetryAfter) as caught:
        await pbot.send_message(budi.id, "x")
    assert caught.value.retry_after == dt.timedelta(seconds=1)


async def test_wrong_token(tg: FakeTelegram) -> None:
    bot = telegram.Bot("123456:WRONG", base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot")
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()


async def test_commands_chats_members_and_actions(pbot: telegram.Bot, tg: FakeTelegram) -> None:
    budi, sari = tg.user(1001, "Budi"), tg.user(1002, "Sari")
    group = tg.group(-1001, "Bidang Umum", members=[(budi, "creator"), sari], bot_status="administrator")

    assert await pbot.set_my_commands([("ajukan", "Ajukan cuti"), ("status", "Lihat status")])
    assert [(c.command, c.description) for c in await pbot.get_my_commands()] == [
        ("ajukan", "Ajukan cuti"),
        ("status", "Lihat status"),
    ]
    assert tg.commands()[0]["command"] == "ajukan"
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await pbot.set_my_commands([("Bad-Name", "x")])
    assert await pbot.delete_my_commands()
    assert await pbot.get_my_commands() == ()

    chat = await pbot.get_chat(group.id)
    assert (chat.type, chat.title) == ("supergroup", "Bidang Umum")
    assert (await pbot.get_chat_member(group.id, budi.id)).status == "creator"
    assert (await pbot.get_chat_member(group.id, sari.id)).status == "member"
    tg.set_member_status(group, sari, "left")
    assert (await pbot.get_chat_member(group.id, sari.id)).status == "left"
    admins = await pbot.get_chat_administrators(group.id)
    assert sorted(a.user.id for a in admins) == [budi.id, tg.bot_user.id]
    assert (await pbot.get_chat_member(budi.id, budi.id)).status == "member"  # private chat

    assert await pbot.send_chat_action(budi.id, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await pbot.send_chat_action(budi.id, "dancing")
    assert [c.status for c in tg.calls_of("sendChatAction")] == [200, 400]


async def test_application_polling_conversation(tg: FakeTelegram) -> None:
    """A real PTB Application, polling: /start -> keyboard -> press -> answer + edit."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("Pilih tim:", reply_markup=keyboard(("Tim A", "team:a")))

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Tersimpan")
        await query.edit_message_text(f"Dipilih: {query.data}")

    app = (
        Application.builder()
        .token(tg.token)
        .base_url(f"{tg.base_url}/bot")
        .base_file_url(f"{tg.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(chosen))
    budi = tg.user(1001, "Budi")
    async with app:
        await app.start()
        await app.updater.start_polling()  # type: ignore[union-attr]
        try:
            await tg.wait_polling()
            tg.send_text(budi, "/start")
            menu = await tg.wait_message(budi, contains="Pilih tim")
            query = tg.press(budi, menu, "team:a")
            assert (await tg.wait_callback_answer(query)).text == "Tersimpan"
            assert (await tg.wait_message(budi, contains="Dipilih: team:a")).edited
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
    # The updater confirmed what it handled.
    assert tg.pending_updates == []
