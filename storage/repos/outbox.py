"""Transactional outbox: notices are written in the same transaction as the state change
that causes them, and delivered later by the sender."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import OutboxMessage
from storage.types import UTCDateTime


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

    async def claim(self, now: dt.datetime, limit: int, lease: dt.timedelta,
                    take=lambda message_id, chat_id: True) -> list[tuple[int, int, dict]]:
        """Due notices for one sender, oldest first, as (id, chat_id, payload), each leased
        (hidden from other senders) until `now + lease`; `take` may pass over some (e.g.
        chats that are busy). The caller commits."""
        # Ids first (the due index covers them: no table reads to sort), then the rows.
        ids = (select(OutboxMessage.id)
               .where(OutboxMessage.status == "pending",
                      or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
               .order_by(OutboxMessage.id).limit(limit * 4))
        rows = (select(OutboxMessage.id, OutboxMessage.chat_id)
                .where(OutboxMessage.id.in_(ids.scalar_subquery())).order_by(OutboxMessage.id)
                .with_for_update(skip_locked=True))
        chosen: list[int] = []
        for mid, chat_id in await self.s.execute(rows):
            if len(chosen) < limit and take(mid, chat_id):
                chosen.append(mid)
        taken = []
        if chosen:
            q = select(OutboxMessage.id, OutboxMessage.chat_id, OutboxMessage.payload).where(
                OutboxMessage.id.in_(chosen)).order_by(OutboxMessage.id)
            taken = [tuple(row) for row in await self.s.execute(q)]
        if taken:
            await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([t[0] for t in taken]))
                                 .values(next_attempt_at=now + lease).execution_options(synchronize_session=False))
        return taken

    async def mark_sent(self, message_ids: list[int], now: dt.datetime) -> None:
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids))
                             .values(status="sent", sent_at=now, next_attempt_at=None)
                             .execution_options(synchronize_session=False))

    async def extend_lease(self, message_ids: list[int], until: dt.datetime) -> None:
        """A live sender still holds these claims (they wait for a flood-gate slot)."""
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids),
                                                         OutboxMessage.status == "pending")
                             .values(next_attempt_at=until).execution_options(synchronize_session=False))

    async def oldest_due(self, now: dt.datetime) -> dt.datetime | None:
        """Since when the longest-waiting due notice has been due (None: nothing is due)."""
        since = type_coerce(func.min(func.coalesce(OutboxMessage.next_attempt_at, OutboxMessage.created_at)),
                            UTCDateTime())
        q = select(since).where(OutboxMessage.status == "pending",
                                or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        return (await self.s.execute(q)).scalar_one()

    async def count_by_status(self, status: str) -> int:
        q = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == status)
        return (await self.s.execute(q)).scalar_one()

    async def requeue(self, message: OutboxMessage) -> None:
        """Give a dead notice a fresh set of attempts."""
        message.status, message.attempts, message.next_attempt_at = "pending", 0, None

    async def release(self, message_ids: list[int]) -> None:
        """Hand back the lease of notices a stopping sender did not get to."""
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids),
                                                         OutboxMessage.status == "pending")
                             .values(next_attempt_at=None))
