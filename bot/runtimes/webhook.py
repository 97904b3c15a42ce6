"""Webhook mode, the same for every runtime: one small aiohttp server receives Telegram's
POSTs, refuses any without the secret token (401) and feeds the raw update JSON to
Runtime.process_raw, one update at a time, exactly as polling does."""
from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from handlers.core.dispatch import NotStored

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token

Feed = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class WebhookOptions:
    """url: the public address Telegram posts to (usually https, behind a proxy that
    forwards to listen:port). None: this listener's own address, for a Bot API server on
    the same machine (the fake one in tests). Every path is served; the secret decides."""
    secret: str = field(repr=False)
    url: str | None = None
    listen: str = "0.0.0.0"
    port: int = 8080

    def __post_init__(self) -> None:
        check_secret(self.secret)


def check_secret(secret: str) -> None:
    if not _SECRET_RE.fullmatch(secret):
        raise ValueError("the webhook secret must be 1-256 characters: letters, digits, '_' and '-'")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def masked(secret: str) -> str:
    """Enough to tell two secrets apart in a log, never the secret itself."""
    return f"{secret[:3]}…({len(secret)} chars)"


class WebhookServer:
    def __init__(self, options: WebhookOptions, feed: Feed) -> None:
        self.options, self._feed = options, feed
        self._secret = options.secret.encode()
        self._one_at_a_time = asyncio.Lock()  # updates are handled in order, as in polling
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Listen; returns the URL to give setWebhook."""
        app = web.Application()
        app.router.add_post("/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=5)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.options.listen, self.options.port).start()
        host, port = self._runner.addresses[0][:2]
        return self.options.url or f"http://{host}:{port}/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook request from %s without the right secret token refused", request.remote)
            return web.Response(status=401, text="Unauthorized")
        try:
            raw = await request.json()
        except ValueError:
            raw = None
        if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
            return web.Response(status=400, text="Not a Telegram update")
        async with self._one_at_a_time:
            try:
                await self._feed(raw)
            except NotStored:  # nothing was saved: a 5xx makes Telegram deliver it again later
                return web.Response(status=503, text="Not stored, try again")
        return web.Response()
