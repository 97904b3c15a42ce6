from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import Conversation


@cache
def _one() -> Any:
    """Built once (after the mapping started): most updates read their chat's conversation."""
    return select(Conversation).where(Conversation.telegram_user_id == bindparam("user"),
                                      Conversation.chat_id == bindparam("chat"))


class ConversationRepo:
    """One chat's conversation is read by dispatch and again by the form it routes to: the
    first read is remembered for the unit of work (its object is the session's, so changes
    show; forget() after a rollback)."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session
        self._known: dict[tuple[int, int], Conversation | None] = {}

    def forget(self) -> None:
        self._known.clear()

    async def get(self, telegram_user_id: int, chat_id: int) -> Conversation | None:
        key = (telegram_user_id, chat_id)
        if key in self._known:
            return self._known[key]
        found = await self.s.scalars(_one(), {"user": telegram_user_id, "chat": chat_id})
        conv = self._known[key] = found.first()
        return conv

    async def set(self, telegram_user_id: int, chat_id: int, name: str, step: str, data: dict,
                  now: dt.datetime) -> Conversation:
        conv = await self.get(telegram_user_id, chat_id)
        if conv is None:
            conv = Conversation(telegram_user_id, chat_id, name, step, dict(data), now)
            self.s.add(conv)
            self._known[(telegram_user_id, chat_id)] = conv
        else:
            conv.name, conv.step, conv.data, conv.updated_at = name, step, dict(data), now
        return conv

    async def clear(self, telegram_user_id: int, chat_id: int) -> None:
        conv = await self.get(telegram_user_id, chat_id)
        if conv is not None:
            await self.s.flush()  # one opened in this unit of work is written first, then deleted
            await self.s.delete(conv)
            await self.s.flush()  # gone before a new one for the same chat is added (unit of work order)
        self._known[(telegram_user_id, chat_id)] = None
