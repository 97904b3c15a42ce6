"""Chats the bot cannot reach (blocked, deleted): recorded once per episode."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables.messaging import unreachable_chats


class UnreachableRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def is_marked(self, chat_id: int) -> bool:
        q = select(unreachable_chats.c.chat_id).where(unreachable_chats.c.chat_id == chat_id)
        return (await self.s.execute(q)).first() is not None

    async def mark(self, chat_id: int, employee_id: int | None, reason: str, now: dt.datetime) -> None:
        await self.s.execute(unreachable_chats.insert().values(
            chat_id=chat_id, employee_id=employee_id, reason=reason[:500], since=now))

    async def clear(self, chat_id: int) -> bool:
        result = await self.s.execute(delete(unreachable_chats).where(unreachable_chats.c.chat_id == chat_id))
        return bool(result.rowcount)

    async def all_chat_ids(self) -> set[int]:
        return set(await self.s.scalars(select(unreachable_chats.c.chat_id)))
