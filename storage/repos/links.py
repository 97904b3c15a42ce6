"""Telegram links (employee <-> Telegram user), single-use link codes and the failed
attempts to use one."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.org import Employee
from storage.records import Conversation, LinkCode, TelegramLink
from storage.repos.batch import chunked
from storage.repos.conversations import COLUMNS as CONVERSATION
from storage.repos.conversations import loaded
from storage.tables.links import link_attempts, telegram_links
from storage.tables.messaging import conversations


class Reach(NamedTuple):
    """Where and how a linked employee is written to: what the reminder tick needs of a link."""

    telegram_user_id: int
    chat_id: int
    language: str


@cache
def _with_employee() -> Any:
    """Built once (after the mapping started): every update runs it. The chat's open
    conversation comes along (most updates read it next): one statement, not two."""
    c = conversations.c
    return (select(TelegramLink, Employee, *CONVERSATION)
            .outerjoin(Employee, Employee.id == TelegramLink.employee_id)
            .outerjoin(conversations, and_(c.telegram_user_id == TelegramLink.telegram_user_id,
                                           c.chat_id == bindparam("chat")))
            .where(TelegramLink.telegram_user_id == bindparam("tid")))


class LinkRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def by_telegram_user(self, telegram_user_id: int) -> TelegramLink | None:
        q = select(TelegramLink).where(TelegramLink.telegram_user_id == telegram_user_id)
        return (await self.s.scalars(q)).first()

    async def with_employee(self, telegram_user_id: int, chat_id: int
                            ) -> tuple[TelegramLink | None, Employee | None, Conversation | None]:
        """The link, its employee and the person's open conversation in `chat_id`, in one
        statement (every update starts here). No link: (None, None, None), and the
        conversation is not read."""
        row = (await self.s.execute(_with_employee(), {"tid": telegram_user_id, "chat": chat_id})).first()
        if row is None:
            return None, None, None
        return row[0], row[1], loaded(telegram_user_id, chat_id, row[2:])

    async def by_employee(self, employee_id: int) -> TelegramLink | None:
        q = select(TelegramLink).where(TelegramLink.employee_id == employee_id)
        return (await self.s.scalars(q)).first()

    async def by_employees(self, employee_ids: list[int]) -> dict[int, TelegramLink]:
        if not employee_ids:
            return {}
        q = select(TelegramLink).where(TelegramLink.employee_id.in_(employee_ids))
        return {link.employee_id: link for link in await self.s.scalars(q)}

    async def reach(self, employee_ids: Iterable[int]) -> dict[int, Reach]:
        """by_employees as columns, no objects: the tick reaches thousands of people."""
        found: dict[int, Reach] = {}
        c = telegram_links.c
        for part in chunked(employee_ids):
            q = select(c.employee_id, c.telegram_user_id, c.chat_id, c.language).where(c.employee_id.in_(part))
            found.update((employee_id, Reach(*rest)) for employee_id, *rest in await self.s.execute(q))
        return found

    def add(self, link: TelegramLink) -> None:
        self.s.add(link)

    async def remove(self, link: TelegramLink) -> None:
        await self.s.delete(link)

    async def code(self, code: str) -> LinkCode | None:
        return (await self.s.scalars(select(LinkCode).where(LinkCode.code == code))).first()

    def add_code(self, code: LinkCode) -> None:
        self.s.add(code)

    async def open_codes_for(self, employee_id: int) -> list[LinkCode]:
        q = select(LinkCode).where(LinkCode.employee_id == employee_id,
                                   LinkCode.used_at.is_(None), LinkCode.revoked_at.is_(None))
        return list(await self.s.scalars(q))

    async def failed_attempts(self, telegram_user_id: int, since: dt.datetime) -> list[dt.datetime]:
        """When this account's failed link attempts since `since` happened, newest first."""
        q = (select(link_attempts.c.attempted_at)
             .where(link_attempts.c.telegram_user_id == telegram_user_id, link_attempts.c.attempted_at > since)
             .order_by(link_attempts.c.attempted_at.desc()))
        return list((await self.s.execute(q)).scalars())

    async def record_failed_attempt(self, telegram_user_id: int, at: dt.datetime, forget_before: dt.datetime) -> None:
        """Note one failure, dropping this account's ones too old to count any more."""
        await self.s.execute(delete(link_attempts).where(link_attempts.c.telegram_user_id == telegram_user_id,
                                                         link_attempts.c.attempted_at <= forget_before))
        await self.s.execute(insert(link_attempts).values(telegram_user_id=telegram_user_id, attempted_at=at))
