"""Each chat's open conversation (a form's step and data), read by nearly every update and
written by most form steps: plain statements built once, no ORM unit of work (its flush
cost more than the rest of such an update's database work)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import Conversation
from storage.tables.messaging import conversations as t

# What a conversation is read as, here and joined to the sender's link (LinkRepo.with_employee).
COLUMNS = (t.c.id, t.c.name, t.c.step, t.c.data, t.c.updated_at)
_ONE = select(*COLUMNS).where(t.c.telegram_user_id == bindparam("user"), t.c.chat_id == bindparam("chat"))


def loaded(telegram_user_id: int, chat_id: int, values: Sequence[Any]) -> Conversation | None:
    """The conversation from COLUMNS' values (all None: the chat has none)."""
    conv_id, name, step, data, updated_at = values
    return None if conv_id is None else Conversation(telegram_user_id, chat_id, name, step, data, updated_at, conv_id)
_NEW = insert(t).values(telegram_user_id=bindparam("user"), chat_id=bindparam("chat"), name=bindparam("n"),
                        step=bindparam("s"), data=bindparam("d"), updated_at=bindparam("at"))
_CHANGE = update(t).where(t.c.id == bindparam("cid")).values(name=bindparam("n"), step=bindparam("s"),
                                                              data=bindparam("d"), updated_at=bindparam("at"))
_GONE = delete(t).where(t.c.id == bindparam("cid"))


class ConversationRepo:
    """One chat's conversation is read by dispatch and again by the form it routes to: the
    first read is remembered for the unit of work, and kept as written (forget() after a
    rollback)."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session
        self._known: dict[tuple[int, int], Conversation | None] = {}

    def forget(self) -> None:
        self._known.clear()

    def know(self, telegram_user_id: int, chat_id: int, conv: Conversation | None) -> None:
        """What another statement of this unit of work read (LinkRepo.with_employee)."""
        self._known[(telegram_user_id, chat_id)] = conv

    async def get(self, telegram_user_id: int, chat_id: int) -> Conversation | None:
        key = (telegram_user_id, chat_id)
        if key in self._known:
            return self._known[key]
        row = (await self.s.execute(_ONE, {"user": telegram_user_id, "chat": chat_id})).first()
        conv = self._known[key] = None if row is None else loaded(telegram_user_id, chat_id, row)
        return conv

    async def set(self, telegram_user_id: int, chat_id: int, name: str, step: str, data: dict,
                  now: dt.datetime) -> Conversation:
        conv = await self.get(telegram_user_id, chat_id)
        values = {"n": name, "s": step, "d": dict(data), "at": now}
        if conv is None:
            result = await self.s.execute(_NEW, {"user": telegram_user_id, "chat": chat_id} | values)
            conv = Conversation(telegram_user_id, chat_id, name, step, dict(data), now,
                                result.inserted_primary_key[0])
            self._known[(telegram_user_id, chat_id)] = conv
        else:
            await self.s.execute(_CHANGE, {"cid": conv.id} | values)
            conv.name, conv.step, conv.data, conv.updated_at = name, step, dict(data), now
        return conv

    async def clear(self, telegram_user_id: int, chat_id: int) -> None:
        conv = await self.get(telegram_user_id, chat_id)
        if conv is not None:
            await self.s.execute(_GONE, {"cid": conv.id})
        self._known[(telegram_user_id, chat_id)] = None
