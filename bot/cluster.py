"""Several workers on one database (`run --workers N`, or N processes started apart with
SIKERJA_CLUSTER=true): any worker takes any webhook update, and the database decides the
rest (storage/repos/leases.py):

- the update itself is claimed atomically (dispatch: processed_updates), so a redelivery
  that reaches another worker is not handled twice;
- a per-chat lease is held while an update is handled and answered, so one person's
  consecutive updates never interleave across workers (within one worker the chat's lane
  already keeps them in order). On PostgreSQL it is a row in `leases`; on SQLite, whose
  workers are all on one machine, an OS lock on a byte of a file beside the database
  (_FileChatLocks) does the same without two write transactions per update;
- one worker, the leader, drains the outbox and runs the scheduler tick. It renews its
  lease every `renew_every` seconds; when it dies the lease runs out after `leader_ttl`
  and a follower, trying as often, takes over. A leader that cannot renew steps down
  before its lease could have passed to another, so two never lead at once for long —
  and if they did, the outbox's own per-notice claims still keep a notice from being
  sent twice."""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import fcntl
import logging
import os
import secrets
import socket
import struct
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from handlers.core.app import utc_now
from storage.repos.leases import LeaseRepo

log = logging.getLogger(__name__)

LEADER = "leader"

Hook = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class ClusterTiming:
    """Seconds."""
    leader_ttl: float = 6.0  # a leader's lease lasts this long unrenewed: takeover within it
    renew_every: float = 2.0  # the leader renews, and followers try to take over, this often
    chat_ttl: float = 30.0  # the longest a chat stays leased by a worker that died handling it
    chat_poll: float = 0.02  # how often a worker looks again at a chat another worker handles


def worker_name() -> str:
    """Unique among the workers: host, process and a random tail (a restarted process on
    the same pid is a new worker)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


class _FileChatLocks:
    """Chat leases for workers on one machine: an open-file-description lock on one byte
    (chosen by the chat id) of a shared file. Each worker opens the file itself, so two
    workers exclude each other even inside one process (tests); the kernel drops a dead
    worker's locks at once. Chats that share a byte share the lock: within a worker they
    are counted, not locked twice."""

    SLOTS = 1 << 20
    _FLOCK = "hhqqi4x"  # struct flock on Linux: type, whence, start, len, pid (0 for OFD locks)

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._held: Counter[int] = Counter()

    def _lock(self, kind: int, slot: int) -> None:
        fcntl.fcntl(self._fd, fcntl.F_OFD_SETLK, struct.pack(self._FLOCK, kind, os.SEEK_SET, slot, 1, 0))

    def try_take(self, chat_id: int) -> bool:
        slot = chat_id % self.SLOTS
        if not self._held[slot]:
            try:
                self._lock(fcntl.F_WRLCK, slot)
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EAGAIN):
                    return False
                raise
        self._held[slot] += 1
        return True

    def release(self, chat_id: int) -> None:
        slot = chat_id % self.SLOTS
        self._held[slot] -= 1
        if self._held[slot] <= 0:
            del self._held[slot]
            self._lock(fcntl.F_UNLCK, slot)

    def close(self) -> None:
        os.close(self._fd)


def _lock_file(engine: AsyncEngine) -> Path | None:
    """Beside an SQLite database file; None for a database served over the network."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or not hasattr(fcntl, "F_OFD_SETLK"):
        return None
    return Path(url.database).with_name(Path(url.database).name + ".chats")


class Cluster:
    def __init__(self, engine: AsyncEngine, timing: ClusterTiming | None = None,
                 clock: Callable[[], dt.datetime] = utc_now, name: str | None = None,
                 file_locks: bool | None = None) -> None:
        """engine: the database the workers share; leases are taken on a bare connection
        (no unit of work). file_locks: chat leases by OS file locks (default: on SQLite)."""
        self._engine, self.timing, self._clock = engine, timing or ClusterTiming(), clock
        path = _lock_file(engine) if file_locks is not False else None
        self._files = _FileChatLocks(path) if path is not None else None
        self.name = name or worker_name()
        self.leader = False
        self._renewed = 0.0  # monotonic time of the last successful renewal
        self._release_on_stop = True

    # --- leadership ------------------------------------------------------------------
    async def run(self, on_lead: Hook, on_follow: Hook) -> None:
        """Take part in the election until cancelled; on_lead / on_follow are awaited on
        each change. A normal stop hands the lease back so a follower takes over at once."""
        try:
            while True:
                await self._round(on_lead, on_follow)
                await asyncio.sleep(self.timing.renew_every)
        finally:
            if self.leader:
                self.leader = False
                await asyncio.shield(self._step_down(on_follow))

    async def _round(self, on_lead: Hook, on_follow: Hook) -> None:
        try:
            won = await self._take(LEADER, self.timing.leader_ttl)
        except Exception:  # the database is busy or gone: keep leading only while the lease surely holds
            log.warning("worker %s could not reach the leader lease", self.name, exc_info=True)
            won = self.leader and time.monotonic() - self._renewed < self.timing.leader_ttl - self.timing.renew_every
        if won:
            self._renewed = time.monotonic()
        if won and not self.leader:
            self.leader = True
            log.info("worker %s leads: it sends the outbox and runs the scheduler", self.name)
            await on_lead()
        elif not won and self.leader:
            self.leader = False
            log.warning("worker %s lost the lead; it stops sending", self.name)
            await on_follow()

    async def _step_down(self, on_follow: Hook) -> None:
        await on_follow()
        if self._release_on_stop:
            with contextlib.suppress(Exception):  # it runs out by itself anyway
                await self._release(LEADER)

    def crash(self) -> None:
        """Die as a killed process would (tests, benchmarks): the lease is not handed back."""
        self._release_on_stop = False

    # --- chats -----------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def chat(self, chat_id: int) -> AsyncIterator[None]:
        """Hold `chat_id` while its update is handled and answered; waits while another
        worker holds it, at most chat_ttl (a worker that died holding it)."""
        if self._files is not None:
            async with self._file_lock(chat_id):
                yield
            return
        name = f"chat:{chat_id}"
        deadline = time.monotonic() + self.timing.chat_ttl
        while not await self._take(name, self.timing.chat_ttl):
            if time.monotonic() > deadline:
                log.warning("chat %s still leased by another worker after %g s; going ahead", chat_id,
                            self.timing.chat_ttl)
                break
            await asyncio.sleep(self.timing.chat_poll)
        try:
            yield
        finally:
            try:
                await asyncio.shield(self._release(name))
            except Exception:  # it runs out after chat_ttl
                log.warning("releasing the lease of chat %s failed", chat_id, exc_info=True)

    @contextlib.asynccontextmanager
    async def _file_lock(self, chat_id: int) -> AsyncIterator[None]:
        files = self._files
        assert files is not None
        deadline = time.monotonic() + self.timing.chat_ttl
        held = files.try_take(chat_id)
        while not held:
            if time.monotonic() > deadline:  # not a dead worker (the kernel frees its locks): a stuck one
                log.warning("chat %s still held by another worker after %g s; going ahead", chat_id,
                            self.timing.chat_ttl)
                break
            await asyncio.sleep(self.timing.chat_poll)
            held = files.try_take(chat_id)
        try:
            yield
        finally:
            if held:
                files.release(chat_id)

    def close(self) -> None:
        if self._files is not None:
            self._files.close()
            self._files = None

    # --- the database ----------------------------------------------------------------
    async def _take(self, name: str, ttl: float) -> bool:
        async with self._engine.begin() as conn:
            return await LeaseRepo(conn).take(name, self.name, self._clock(), dt.timedelta(seconds=ttl))

    async def _release(self, name: str) -> None:
        async with self._engine.begin() as conn:
            await LeaseRepo(conn).release(name, self.name)

    async def current_leader(self) -> str | None:
        async with self._engine.connect() as conn:
            return await LeaseRepo(conn).holder(LEADER, self._clock())
