"""Transactional outbox: notices are written in the same transaction as the state change
that causes them, and delivered later by the sender."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import OutboxMessage


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def enqueue(self, key: str, chat_id: int, payload: dict, now: dt.datetime) -> bool:
        """Add a notice unless one with the same key exists; True when added."""
        existing = (await self.s.scalars(select(OutboxMessage.id).where(OutboxMessage.key == key))).first()
        if existing is not None:
            return False
        self.s.add(OutboxMessage(key=key, chat_id=chat_id, payload=payload, created_at=now))
        return True

    async def due(self, now: dt.datetime, limit: int = 100) -> list[OutboxMessage]:
        q = (select(OutboxMessage)
             .where(OutboxMessage.status == "pending",
                    or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
             .order_by(OutboxMessage.id).limit(limit))
        return list(await self.s.scalars(q))

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self.s.get(OutboxMessage, message_id)

    async def by_status(self, status: str, limit: int = 50) -> list[OutboxMessage]:
        q = select(OutboxMessage).where(OutboxMessage.status == status).order_by(OutboxMessage.id).limit(limit)
        return list(await self.s.scalars(q))

    async def all(self) -> list[OutboxMessage]:
        return list(await self.s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
