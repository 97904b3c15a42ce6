"""Ids of stored entities. Entities carry `id: int | None` because a new one has no id
until the unit of work flushes it; code that handles a stored entity asks for its id
through `id_of`, which says so to the type checker and fails loudly on an unsaved one."""
from __future__ import annotations

from typing import Protocol


class _Identified(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(entity: _Identified) -> int:
    if entity.id is None:
        raise ValueError(f"{type(entity).__name__} has no id yet: flush it first")
    return entity.id
