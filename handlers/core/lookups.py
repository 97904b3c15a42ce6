"""Values the stored data guarantees. A row loaded through a foreign key of a row just read
in the same transaction cannot be missing (the schema's foreign keys see to that), nor can a
field an entity's state implies (a submitted application has a decider). `present` says so
to the type checker and fails loudly if it ever happens. A row named by a button or a form
is different: it may be gone by now, and the handler tells the user so."""
from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None, what: str) -> T:
    if value is None:
        raise LookupError(f"{what} is missing, though the stored data guarantees it")
    return value
