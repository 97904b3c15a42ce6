"""Transactional outbox: notices are written in the same transaction as the state change
that causes them, and delivered later by the sender."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, delete, func, insert, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import OutboxMessage
from storage.repos.batch import chunked
from storage.tables.messaging import outbox
from storage.types import UTCDateTime


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def enqueue(self, key: str, chat_id: int, payload: dict, now: dt.datetime, card: str | None = None) -> bool:
        """Add a notice unless one with the same key exists; True when added."""
        existing = (await self.s.scalars(select(OutboxMessage.id).where(OutboxMessage.key == key))).first()
        if existing is not None:
            return False
        self.s.add(OutboxMessage(key=key, chat_id=chat_id, payload=payload, created_at=now, card=card))
        return True

    async def record_copy(self, card: str, chat_id: int, message_id: int, payload: dict, now: dt.datetime) -> None:
        """A decision card sent as a direct reply (e.g. by /persetujuan): kept as a sent
        notice so the decision edits it like the copies the outbox delivered."""
        self.s.add(OutboxMessage(key=f"copy:{card}:{chat_id}:{message_id}", chat_id=chat_id, payload=payload,
                                 created_at=now, status="sent", sent_at=now, message_id=message_id, card=card))

    async def move_pending(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup (a new chat id): what still waits goes to the new one."""
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.chat_id == old_chat_id,
                                                         OutboxMessage.status == "pending")
                             .values(chat_id=new_chat_id).execution_options(synchronize_session=False))

    async def copies(self, card: str) -> list[OutboxMessage]:
        """Every notice carrying the card, sent or still waiting, oldest first."""
        q = select(OutboxMessage).where(OutboxMessage.card == card).order_by(OutboxMessage.id)
        return list(await self.s.scalars(q))

    async def enqueue_many(self, notices: list[tuple[str, int, dict]], now: dt.datetime) -> set[str]:
        """Add many (key, chat_id, payload) notices in one INSERT, skipping keys already queued;
        returns the keys added."""
        existing: set[str] = set()
        for part in chunked(key for key, _, _ in notices):
            existing.update(await self.s.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(part))))
        rows = {key: {"key": key, "chat_id": chat_id, "payload": payload, "status": "pending", "attempts": 0,
                      "created_at": now} for key, chat_id, payload in notices if key not in existing}
        if rows:
            await self.s.execute(insert(outbox), list(rows.values()))
        return set(rows)

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

    async def mark_sent(self, message_ids: list[int], now: dt.datetime, telegram_message_id: int | None = None) -> None:
        """telegram_message_id: where the (single) notice landed, so it can be edited later."""
        values: dict = {"status": "sent", "sent_at": now, "next_attempt_at": None}
        if telegram_message_id is not None:
            values["message_id"] = telegram_message_id
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids))
                             .values(**values).execution_options(synchronize_session=False))

    async def extend_lease(self, message_ids: list[int], until: dt.datetime) -> None:
        """A live sender still holds these claims (they wait for a flood-gate slot)."""
        await self.s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids),
                                                         OutboxMessage.status == "pending")
                             .values(next_attempt_at=until).execution_options(synchronize_session=False))

    async def prune(self, older_than: dt.datetime, limit: int = 5000) -> int:
        """Forget up to `limit` notices delivered (or given up on) before `older_than`; pending
        ones always stay. Sent ones are found through the index on sent_at, dead ones (few)
        through the status index; returns how many."""
        old = (select(OutboxMessage.id)
               .where(or_(and_(OutboxMessage.status == "sent", OutboxMessage.sent_at < older_than),
                          and_(OutboxMessage.status == "dead", OutboxMessage.created_at < older_than)))
               .limit(limit))
        result = await self.s.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old.scalar_subquery()))
                                      .execution_options(synchronize_session=False))
        return getattr(result, "rowcount", 0) or 0

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
