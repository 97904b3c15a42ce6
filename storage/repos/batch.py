"""Bounded `IN (...)` lists: a batched load over thousands of ids stays below SQLite's and
asyncpg's bound-parameter limits, in a number of statements that grows by one per CHUNK ids."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
CHUNK = 900


def chunked(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    ordered = sorted(set(values))  # type: ignore[type-var]
    for i in range(0, len(ordered), size):
        yield ordered[i:i + size]
