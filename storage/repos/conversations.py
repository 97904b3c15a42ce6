from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import Conversation


class ConversationRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, telegram_user_id: int, chat_id: int) -> Conversation | None:
        q = select(Conversation).where(Conversation.telegram_user_id == telegram_user_id,
                                       Conversation.chat_id == chat_id)
        return (await self.s.scalars(q)).first()

    async def set(self, telegram_user_id: int, chat_id: int, name: str, step: str, data: dict,
                  now: dt.datetime) -> Conversation:
        conv = await self.get(telegram_user_id, chat_id)
        if conv is None:
            conv = Conversation(telegram_user_id, chat_id, name, step, dict(data), now)
            self.s.add(conv)
        else:
            conv.name, conv.step, conv.data, conv.updated_at = name, step, dict(data), now
        return conv

    async def clear(self, telegram_user_id: int, chat_id: int) -> None:
        conv = await self.get(telegram_user_id, chat_id)
        if conv is not None:
            await self.s.delete(conv)
