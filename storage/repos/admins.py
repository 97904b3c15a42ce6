"""HR admins registered in the database (`python -m bot admin add`), on top of those in
SIKERJA_ADMINS. Identified by Telegram user id: an admin need not be an employee."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables.links import admins


@dataclass(frozen=True)
class AdminEntry:
    telegram_user_id: int
    added_at: dt.datetime
    note: str | None = None


class AdminRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def is_admin(self, telegram_user_id: int) -> bool:
        q = select(admins.c.id).where(admins.c.telegram_user_id == telegram_user_id)
        return (await self.s.execute(q)).first() is not None

    async def add(self, telegram_user_id: int, now: dt.datetime, note: str | None = None) -> bool:
        """False when already registered (nothing changes)."""
        if await self.is_admin(telegram_user_id):
            return False
        await self.s.execute(admins.insert().values(telegram_user_id=telegram_user_id, added_at=now, note=note))
        return True

    async def remove(self, telegram_user_id: int) -> bool:
        result = await self.s.execute(delete(admins).where(admins.c.telegram_user_id == telegram_user_id))
        return result.rowcount > 0

    async def all(self) -> list[AdminEntry]:
        rows = await self.s.execute(select(admins.c.telegram_user_id, admins.c.added_at, admins.c.note)
                                    .order_by(admins.c.telegram_user_id))
        return [AdminEntry(*row) for row in rows]
