"""Everything a handler needs that outlives one update: configuration, the unit-of-work
factory, the regulation profile and the clock. Built by bot/, passed in explicitly."""
from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from domain.letters import LetterSettings
from domain.profiles import Profile
from storage.uow import UnitOfWorkFactory


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DownloadFailed(Exception):
    """A file the user sent could not be fetched from Telegram (gone, network, no runtime)."""


class FileTooBig(DownloadFailed):
    """The file is bigger than the caller accepts (or than Telegram lets bots download)."""


async def no_download(file_id: str, max_bytes: int) -> bytes:
    raise DownloadFailed("no runtime attached to fetch files")


@dataclass(frozen=True)
class AppConfig:
    default_language: str = "id"
    bot_username: str = "SikerjaBot"
    link_code_ttl_hours: int = 72
    admin_telegram_ids: frozenset[int] = frozenset()
    letters: LetterSettings = field(default_factory=LetterSettings)  # kop surat, numbering, place
    # Delivered (or dead) notices are kept this many days, then pruned (SIKERJA_NOTICES_KEPT_DAYS).
    notices_kept_days: int = 30


@dataclass
class App:
    uow: UnitOfWorkFactory
    profile: Profile
    config: AppConfig = field(default_factory=AppConfig)
    clock: Callable[[], dt.datetime] = utc_now
    # Called after a commit that queued notices, so the outbox sender wakes at once.
    on_outbox: Callable[[], None] = lambda: None
    # (file_id, max_bytes) -> the file's bytes; the runtime attaches its Bot API client here.
    download: Callable[[str, int], Awaitable[bytes]] = no_download
    # What jobs remember between runs in this process (the reminder tick's quiet horizon); empty after a restart.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
