"""The roles that shape a person's menu and help (handlers/core/menus.py), read in one
statement: /start and /help ask on every call."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from domain.acting import ActingOfficial
from domain.org import Unit
from domain.team import Team, TeamStatus
from storage.tables.links import admins


@dataclass(frozen=True)
class Roles:
    admin: bool  # registered as an HR admin in the database (SIKERJA_ADMINS is the caller's)
    ketua: bool  # leads a team that has not ended
    head: bool  # heads a unit, or is (or will be) its Plt/Plh


@cache
def _roles() -> Any:
    """Built once, after the mapping started."""
    employee: BindParameter[int] = bindparam("employee")
    day: BindParameter[dt.date] = bindparam("day")
    heads = select(Unit.head_id).where(Unit.head_id.is_not(None))
    return select(
        exists().where(admins.c.telegram_user_id == bindparam("user")).label("admin"),
        exists().where(Team.ketua_id == employee, Team.status != TeamStatus.ENDED).label("ketua"),
        or_(exists().where(Unit.head_id == employee),
            exists().where(ActingOfficial.acting_id == employee, ActingOfficial.ends_on >= day,
                           ActingOfficial.official_id.in_(heads))).label("head"))


class RoleRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def of(self, employee_id: int, telegram_user_id: int, day: dt.date) -> Roles:
        row = (await self.s.execute(_roles(), {"employee": employee_id, "user": telegram_user_id, "day": day})).one()
        return Roles(bool(row.admin), bool(row.ketua), bool(row.head))
