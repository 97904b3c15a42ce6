"""Single-use, expiring link codes that bind a Telegram account to an employee record."""
from __future__ import annotations

import datetime as dt
import secrets

from storage.records import LinkCode
from storage.uow import UnitOfWork

# No 0/O or 1/I/L: codes are read aloud and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


async def issue_code(uow: UnitOfWork, employee_id: int, now: dt.datetime, ttl_hours: int) -> LinkCode:
    """A fresh code for an employee; earlier unused codes are revoked so only one works."""
    for old in await uow.links.open_codes_for(employee_id):
        old.revoked_at = now
    code = LinkCode(new_code(), employee_id, now, now + dt.timedelta(hours=ttl_hours))
    uow.links.add_code(code)
    return code


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"
