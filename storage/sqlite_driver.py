"""SQLite under asyncio without a thread hop per call where none is needed.

SQLAlchemy's aiosqlite adapter sends every DBAPI call to aiosqlite's thread: make a cursor,
execute, fetch, close, commit. Each hop costs ~70 µs of CPU (a queue, a thread wake-up, the
GIL, a wake-up of the event loop); a statement costs four of them, while SQLite answers a
local WAL database in about a microsecond. That was most of what an update cost
(docs/DECISIONS.md 26). This adapter keeps aiosqlite's connection and thread, and:

- runs a statement as one call (execute, fetch and close together);
- runs it inline, on the event loop, when it cannot wait. The connection's busy timeout is 0,
  so a statement that would wait for another process's write lock fails at once with
  SQLITE_BUSY, and is then run on the thread, which waits with the usual timeout
  (`wait_seconds`) while the loop serves everyone else;
- sends a whole transaction to the thread when it is a long read (BEGIN DEFERRED: the
  reminder tick's look at the whole Pemda) or once one of its statements ran longer than
  SLOW inline, so one long query does not hold every other user twice;
- queues one process's write transactions (BEGIN IMMEDIATE) on an asyncio lock, in order,
  instead of letting them poll SQLite's busy handler, whose sleeps grow to 100 ms: that
  polling was the long tail of concurrent updates.

The sqlite3 connection is opened with check_same_thread=False because it is used from the
loop and from aiosqlite's thread; never from both at once, since each call on it completes
before the next begins (the caller awaits it)."""
from __future__ import annotations

import asyncio
import collections
import sqlite3
import time
from collections.abc import Awaitable, Callable, Generator, Iterator, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util.concurrency import await_

# An inline statement slower than this sends the rest of its transaction to the thread.
SLOW = 0.002
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)

Outcome = tuple[Any, list[Any], int, Any]  # description, rows, rowcount, lastrowid


class _Ready(Awaitable[None]):
    """An awaitable that is done at once. SQLAlchemy's AsyncConnection insists that a
    statement awaited something (else it suspects a blocking driver); an inline statement
    awaits this, which costs two greenlet switches and never yields to the loop."""

    def __await__(self) -> Generator[None, None, None]:
        yield from ()


_READY = _Ready()


def _busy(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and getattr(error, "sqlite_errorcode", None) in _BUSY


class Turns:
    """One write transaction at a time among one engine's connections, in arrival order.
    Taking a free turn does not touch the event loop; a turn given up goes straight to the
    next in line."""

    def __init__(self) -> None:
        self._held = False
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()

    def take(self, timeout: float) -> None:
        """Called in SQLAlchemy's greenlet; raises "database is locked" after `timeout`, as
        SQLite's own busy timeout would."""
        if not self._held and not self._waiting:
            self._held = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await_(asyncio.wait_for(asyncio.shield(turn), timeout))
        except BaseException as error:
            if turn.done() and not turn.cancelled():
                self.give()  # it came as we gave up: pass it on
            else:
                turn.cancel()
                if turn in self._waiting:
                    self._waiting.remove(turn)
            if isinstance(error, TimeoutError):
                raise sqlite3.OperationalError("database is locked") from None
            raise

    def give(self) -> None:
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._held = False


class Cursor:
    """A DB-API cursor whose statements are each one call, inline or on the thread."""

    server_side = False

    def __init__(self, connection: Connection) -> None:
        self._adapt = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: Any = None
        self.arraysize = 1
        self._rows: collections.deque[Any] = collections.deque()

    def execute(self, operation: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> None:
        def run(raw: sqlite3.Connection) -> Outcome:
            cursor = raw.cursor()
            try:
                cursor.execute(operation, () if parameters is None else parameters)
                description = cursor.description
                rows = cursor.fetchall() if description else []
                return description, rows, cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self._take(self._adapt.call(run, operation))

    def executemany(self, operation: str, seq_of_parameters: Sequence[Any]) -> None:
        def run(raw: sqlite3.Connection) -> Outcome:
            cursor = raw.cursor()
            try:
                cursor.executemany(operation, seq_of_parameters)
                return cursor.description, [], cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self._take(self._adapt.call(run, operation))

    def _take(self, outcome: Outcome) -> None:
        self.description, rows, self.rowcount, self.lastrowid = outcome
        self._rows = collections.deque(rows)

    def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        rows = self._rows
        return [rows.popleft() for _ in range(min(size or self.arraysize, len(rows)))]

    def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    def __iter__(self) -> Iterator[Any]:
        while self._rows:
            yield self._rows.popleft()

    def close(self) -> None:
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        """SQLAlchemy's async results call this; the rows are already here."""

    def setinputsizes(self, *sizes: Any) -> None:
        pass

    def __enter__(self) -> Cursor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Connection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's connection, driven as the module docstring says."""

    __slots__ = ("_offload", "_wait_ms", "_writers", "_writing")
    _cursor_cls = Cursor  # type: ignore[assignment]

    def __init__(self, dbapi: Driver, connection: aiosqlite.Connection) -> None:
        super().__init__(dbapi, connection)  # type: ignore[arg-type]  # aiosqlite's is the protocol's, untyped
        self._writers = dbapi.writers
        self._wait_ms = int(dbapi.wait_seconds * 1000)
        self._offload = False  # this transaction runs on the thread
        self._writing = False  # this connection holds the process's write turn

    @property
    def _raw(self) -> sqlite3.Connection:
        return self._connection._conn

    def call(self, run: Callable[[sqlite3.Connection], Any], operation: str = "") -> Any:
        """run(raw connection), inline when it cannot wait, else on the thread; re-raised
        errors are the driver's, as SQLAlchemy expects."""
        try:
            head = operation[:16].upper()
            if head.startswith("BEGIN"):
                return self._begin(run, head)
            if not self._offload:
                started = time.perf_counter()
                try:
                    await_(_READY)
                    return run(self._raw)
                except sqlite3.OperationalError as error:
                    if not _busy(error):
                        raise
                finally:
                    if time.perf_counter() - started > SLOW:
                        self._offload = True
            return self._on_thread(run)
        except Exception as error:
            self._handle_exception(error)

    def _begin(self, run: Callable[[sqlite3.Connection], Any], head: str) -> Any:
        if "IMMEDIATE" not in head and "EXCLUSIVE" not in head:
            self._offload = True  # a deferred transaction is a long read
            return self._on_thread(run)
        self._offload = False
        self._writers.take(self._wait_ms / 1000)
        self._writing = True
        try:
            try:
                await_(_READY)
                return run(self._raw)
            except sqlite3.OperationalError as error:
                if not _busy(error):  # another process writes: wait for it off the loop
                    raise
            return self._on_thread(run)
        except BaseException:
            self._end()
            raise

    def _on_thread(self, run: Callable[[sqlite3.Connection], Any]) -> Any:
        raw, wait_ms = self._raw, self._wait_ms

        def waiting() -> Any:
            raw.execute(f"PRAGMA busy_timeout={wait_ms}")
            try:
                return run(raw)
            finally:
                raw.execute("PRAGMA busy_timeout=0")

        return await_(self._connection._execute(waiting))

    def _end(self) -> None:
        self._offload = False
        if self._writing:
            self._writing = False
            self._writers.give()

    def commit(self) -> None:
        try:
            self.call(lambda raw: raw.commit())
        finally:
            self._end()

    def rollback(self) -> None:
        if self._connection._connection is None:
            self._end()
            return
        try:
            self.call(lambda raw: raw.rollback())
        finally:
            self._end()

    def close(self) -> None:
        self._end()
        super().close()

    def terminate(self) -> None:
        self._end()
        super().terminate()


class Driver(AsyncAdapt_aiosqlite_dbapi):
    """The DB-API module SQLAlchemy is given for one engine (`create_async_engine(module=…)`):
    its connections share that engine's queue of writers."""

    def __init__(self, wait_seconds: float) -> None:
        super().__init__(aiosqlite, sqlite3)
        self.wait_seconds = wait_seconds
        self.writers = Turns()

    def connect(self, *arg: Any, **kw: Any) -> Connection:
        kw["check_same_thread"] = False
        kw.pop("async_creator_fn", None)
        connection = self.aiosqlite.connect(*arg, **kw)
        connection._thread.daemon = True
        return Connection(self, await_(connection))
