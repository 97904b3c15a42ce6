"""A whole Sikerja against the fake Telegram server: a fresh database (SQLite by default), the demo
Pemda, a real runtime over HTTP (long polling, or a webhook the fake posts to), and people
who chat with it. Used by the demo and by the end-to-end tests, so both exercise exactly
what production runs."""
from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.fake_api import FakeTelegram, Limits
from bot.fake_api.models import StoredMessage
from bot.runtimes.base import Runtime
from bot.runtimes.webhook import WebhookOptions
from bot.settings import Settings
from bot.wiring import build_app, build_runtime, flood_limits
from handlers.demo_data.seed_demo import SeededPerson, seed_demo
from storage.migrate import upgrade_async

WEBHOOK_SECRET = "harness-webhook-secret"

TELEGRAM_IDS = {"kadis": 7001, "sekretaris": 7002, "kasubbag": 7003, "kabid_apt": 7004, "kabid_ikp": 7005,
                "budi": 8001, "dewi": 8002, "siti": 8003, "yoga": 8004, "andi": 8005}


class Harness:
    def __init__(self, runtime: str = "aiogram", profile: str = "nasional", flood_scale: float = 1.0,
                 workdir: Path | None = None, timeout: float = 10.0, webhook: bool = False,
                 database_url: str | None = None) -> None:
        """flood_scale > 1 speeds Telegram's flood limits up on both sides (the fake server
        and the bot's own pacing) so tests run faster with the same behaviour.
        webhook: the bot listens on a local port and the fake POSTs each update to it.
        database_url: an empty or migrated database (default: SQLite in workdir)."""
        self.runtime_name, self.profile, self.timeout = runtime, profile, timeout
        self.webhook = WebhookOptions(WEBHOOK_SECRET, listen="127.0.0.1", port=0) if webhook else None
        self.flood_scale = flood_scale
        self.fake = FakeTelegram(limits=Limits(scale=flood_scale))
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="sikerja-")
            workdir = Path(self._tmp.name)
        self.workdir = workdir
        self.database_url = database_url or f"sqlite:///{workdir / 'sikerja.db'}"
        self.people: dict[str, SeededPerson] = {}
        self.runtime: Runtime | None = None
        self._engine: AsyncEngine | None = None

    # --- lifecycle -------------------------------------------------------------------
    def settings(self) -> Settings:
        return Settings(BOT_TOKEN=self.fake.token, DATABASE_URL=self.database_url,
                        TELEGRAM_API_BASE=self.fake.base_url, SIKERJA_PROFILE=self.profile,
                        SIKERJA_RUNTIME=self.runtime_name, _env_file=None)

    async def start(self, seed: bool = True) -> Harness:
        await self.fake.start()
        settings = self.settings()
        await upgrade_async(settings.database_url)
        if seed:
            app, engine = build_app(settings)
            async with app.uow() as uow:
                self.people = {p.key: p for p in await seed_demo(uow, app.clock())}
                await uow.commit()
            await engine.dispose()
        for key, person in self.people.items():
            self.fake.user(TELEGRAM_IDS[key], person.employee.name.split(",")[0])
        await self.start_bot()
        return self

    async def start_bot(self) -> None:
        settings = self.settings()
        app, self._engine = build_app(settings)
        flood = flood_limits(settings, self.flood_scale)
        self.runtime = build_runtime(app, settings, flood=flood, webhook=self.webhook)
        await self.runtime.start()  # with a webhook, setWebhook has been called when this returns
        if self.webhook is None:
            await self.fake.wait_polling(self.timeout)

    async def stop_bot(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
            self.runtime = None
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def restart_bot(self) -> None:
        """A process restart: everything in memory is gone, only the database remains."""
        await self.stop_bot()
        await self.start_bot()

    async def stop(self) -> None:
        await self.stop_bot()
        await self.fake.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    async def __aenter__(self) -> Harness:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    # --- people ----------------------------------------------------------------------
    def tid(self, key: str) -> int:
        return TELEGRAM_IDS[key]

    async def say(self, key: str, text: str, expect: str | None = None, reply_to: StoredMessage | None = None
                  ) -> StoredMessage:
        """`key` sends `text`; returns the first bot message in their chat that follows
        (containing `expect`, when given)."""
        mark = self.fake.mark()
        self.fake.send_text(self.tid(key), text, reply_to=reply_to)
        return await self.fake.wait_message(self.tid(key), expect, self.timeout, since=mark)

    async def press(self, key: str, message: StoredMessage, button_text: str, expect: str | None = None
                    ) -> StoredMessage:
        mark = self.fake.mark()
        query = self.fake.press(self.tid(key), message, self.fake.button_data(message, button_text))
        await self.fake.wait_callback_answer(query, self.timeout)
        return await self.fake.wait_message(self.tid(key), expect, self.timeout, since=mark)

    async def press_expect_alert(self, key: str, message: StoredMessage, data: str) -> str:
        query = self.fake.press_raw(self.tid(key), message.message_id, message.chat_id, data)
        answer = await self.fake.wait_callback_answer(query, self.timeout)
        return answer.text or ""

    async def link(self, *keys: str) -> None:
        for key in keys:
            await self.say(key, f"/start {self.people[key].code}", expect="NIP")

    async def notice(self, key: str, contains: str, since: int | None = None) -> StoredMessage:
        return await self.fake.wait_message(self.tid(key), contains, self.timeout, since=since)

    async def settle(self) -> None:
        """Let in-flight notices go out (the outbox is drained asynchronously)."""
        await asyncio.sleep(0)
