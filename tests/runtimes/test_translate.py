"""update_from_api: odd updates are ignored quietly; lone surrogates never get through."""
from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.runtimes.translate import update_from_api
from handlers.core.types import AnswerCallback, Button, EditMessage, SendDocument, SendMessage, valid_utf8

BOT_ID = 42
USER = {"id": 7, "is_bot": False, "first_name": "Budi", "language_code": "id"}
CHAT = {"id": 7, "type": "private"}


def _message(**fields: Any) -> dict[str, Any]:
    return {"update_id": 1, "message": {"message_id": 3, "from": USER, "chat": CHAT, "text": "halo"} | fields}


ODD = {
    "no chat": {"update_id": 1, "message": {"message_id": 3, "from": USER, "text": "halo"}},
    "numeric text": _message(text=12345),
    "missing from": {"update_id": 1, "message": {"message_id": 3, "chat": CHAT, "text": "halo"}},
    "from not an object": _message(**{"from": "budi"}),
    "sender id a string": _message(**{"from": USER | {"id": "7"}}),
    "chat id missing": _message(chat={"type": "private"}),
    "unknown chat type": _message(chat={"id": 7, "type": "planet"}),
    "message a list": {"update_id": 1, "message": ["halo"]},
    "photo not a list": _message(text=None, photo="big"),
    "document without file_id": _message(text=None, document={"file_name": "a.pdf"}),
    "reply_to_message a number": _message(reply_to_message=5),
    "channel post": {"update_id": 1, "channel_post": {"message_id": 3, "chat": {"id": -100, "type": "channel"},
                                                      "text": "halo"}},
    "edited message": {"update_id": 1, "edited_message": {"message_id": 3, "from": USER, "chat": CHAT}},
    "unknown kind": {"update_id": 1, "something_new": {}},
    "nothing at all": {"update_id": 1},
    "callback without from": {"update_id": 1, "callback_query": {"id": "q", "data": "x"}},
    "callback id a number": {"update_id": 1, "callback_query": {"id": 5, "from": USER, "data": "x"}},
    "callback data a list": {"update_id": 1, "callback_query": {"id": "q", "from": USER, "data": ["x"]}},
    "callback message without chat": {"update_id": 1, "callback_query": {"id": "q", "from": USER,
                                                                         "message": {"message_id": 3}}},
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_update_is_ignored_with_a_debug_line(caplog, name) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.runtimes.translate")
    assert update_from_api(ODD[name], BOT_ID) is None
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]
    assert caplog.records[0].exc_info is None


def test_well_formed_updates_still_translate() -> None:
    update = update_from_api(_message(reply_to_message={"message_id": 2, "from": {"id": BOT_ID}}), BOT_ID)
    assert update is not None and update.text == "halo" and update.chat_id == 7 and update.reply_to_bot
    press = update_from_api({"update_id": 2, "callback_query": {"id": "q", "from": USER, "data": "x"}}, BOT_ID)
    assert press is not None and press.chat_id == 7 and press.callback_data == "x"
    photo = update_from_api(_message(text=None, caption="bukti", photo=[{"file_id": "s"}, {"file_id": "L"}]), BOT_ID)
    assert photo is not None and photo.file is not None and photo.file.file_id == "L" and photo.text == "bukti"
    assert update_from_api(_message(**{"from": USER | {"is_bot": True}}), BOT_ID) is None  # bots: not odd, ignored


def test_lone_surrogates_in_incoming_text_become_replacement_characters() -> None:
    raw = json.loads('{"update_id": 1, "message": {"message_id": 3, "chat": {"id": 7, "type": "private"}, '
                     '"from": {"id": 7, "first_name": "Bu\\udc00di"}, "text": "ha\\ud800lo \\ud83d\\ude00"}}')
    update = update_from_api(raw, BOT_ID)
    assert update is not None
    assert update.text == "ha\ufffdlo \U0001F600"  # a proper pair stays the emoji it encodes
    assert update.sender.first_name == "Bu\ufffddi"
    update.text.encode("utf-8")


def test_a_nul_in_incoming_text_is_dropped() -> None:
    """Nobody types one, and PostgreSQL cannot store it in a text column."""
    raw = json.loads('{"update_id": 1, "message": {"message_id": 3, "chat": {"id": 7, "type": "private"}, '
                     '"from": {"id": 7, "first_name": "Bu\\u0000di"}, "text": "ha\\u0000lo"}}')
    update = update_from_api(raw, BOT_ID)
    assert update is not None and update.text == "halo" and update.sender.first_name == "Budi"


def test_every_reply_is_valid_utf8_however_it_was_built() -> None:
    bad = "x\ud800y"
    replies = [SendMessage(1, bad, ((Button(bad, "d"),),), placeholder=bad), EditMessage(1, 2, bad),
               AnswerCallback("q", bad), SendDocument(1, bad, b"", caption=bad)]
    for reply in replies:
        json.dumps(reply.__dict__, default=lambda b: b.__dict__ if isinstance(b, Button) else "",
                   ensure_ascii=False).encode("utf-8")  # the way an adapter sends it: no UnicodeEncodeError
    assert replies[0].text == "x\ufffdy" and replies[0].keyboard[0][0].text == "x\ufffdy"  # type: ignore[index]
    assert valid_utf8("ok ✓") == "ok ✓"


# --- issue 12: what groups do to the bot ------------------------------------------------

def _member_event(old: str, new: str, chat_type: str = "supergroup") -> dict[str, Any]:
    bot = {"id": 1, "is_bot": True, "first_name": "Sikerja"}
    return {"update_id": 5, "my_chat_member": {
        "chat": {"id": -100, "type": chat_type, "title": "Tim"}, "from": {"id": 7, "is_bot": False, "first_name": "A"},
        "date": 0, "old_chat_member": {"status": old, "user": bot}, "new_chat_member": {"status": new, "user": bot}}}


def test_bot_added_removed_and_promoted() -> None:
    added = update_from_api(_member_event("left", "member"), bot_id=1)
    assert added is not None and (added.membership, added.chat_id, added.sender.id) == ("added", -100, 7)
    assert update_from_api(_member_event("member", "kicked"), bot_id=1).membership == "removed"  # type: ignore[union-attr]
    assert update_from_api(_member_event("member", "administrator"), bot_id=1) is None  # still there
    assert update_from_api(_member_event("member", "kicked", "private"), bot_id=1) is None


def test_migration_topics_and_commands_for_other_bots() -> None:
    chat = {"id": -5, "type": "group", "title": "Tim"}
    user = {"id": 7, "is_bot": False, "first_name": "A"}
    moved = update_from_api({"update_id": 1, "message": {"message_id": 3, "date": 0, "chat": chat, "from": user,
                                                         "migrate_to_chat_id": -1005}}, bot_id=1)
    assert moved is not None and moved.migrated_to == -1005 and moved.command is None
    forum = {"id": -100, "type": "supergroup", "title": "F", "is_forum": True}

    def message(text: str, **extra: Any) -> dict[str, Any]:
        return {"update_id": 2, "message": {"message_id": 4, "date": 0, "chat": forum, "from": user, "text": text,
                                            **extra}}

    topic = update_from_api(message("/tim", message_thread_id=9, is_topic_message=True), bot_id=1)
    assert topic is not None and topic.thread_id == 9
    reply_thread = update_from_api(message("/tim", message_thread_id=9), bot_id=1)  # a reply, not a topic
    assert reply_thread is not None and reply_thread.thread_id is None
    ours = update_from_api(message("/tim@SikerjaBot"), bot_id=1, bot_username="SikerjaBot")
    theirs = update_from_api(message("/tim@OtherBot x"), bot_id=1, bot_username="SikerjaBot")
    assert ours is not None and ours.command == "tim"
    assert theirs is not None and theirs.command is None and theirs.addressed_elsewhere
