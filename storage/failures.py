"""Which database errors mean "the database cannot store anything right now" (disk full,
read-only file or directory, database gone or locked too long) rather than a bug or a
constraint: retrying later can succeed, so nothing may be reported as done."""
from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, ProgrammingError


def storage_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError):
        # IntegrityError is a duplicate (handled), ProgrammingError/DataError are bugs.
        return not isinstance(exc, (IntegrityError, DataError, ProgrammingError))
    return isinstance(exc, sqlite3.OperationalError)  # raised raw by e.g. a driver before wrapping


class Unwritable(Exception):
    """At start-up: the database cannot store anything; str() says why in one line."""
