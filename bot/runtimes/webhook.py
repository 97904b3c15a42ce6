"""Webhook mode, the same for every runtime: one small aiohttp server receives Telegram's
POSTs, refuses any without the secret token (401) or a body that is no update (400), and
queues the update in its chat's lane (Runtime.receive). Telegram gets its answer once the
update is handled: 200, or 503 when nothing could be stored, so it delivers it again.
Different chats' requests are handled side by side, each chat's in order."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.runtimes.translate import ALLOWED_UPDATES
from handlers.core.dispatch import NotStored

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token

# Queues a raw update in order; the future (None: nothing to handle) resolves once it is handled.
Feed = Callable[[dict[str, Any]], "asyncio.Future[None] | None"]

# Telegram's updates are a few kilobytes and a dozen levels deep at most; anything far
# beyond is not from Telegram, and parsing or walking it must not cost us a traceback.
MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 64


class BadBody(ValueError):
    """A webhook body that is not a Telegram update; its text is the one-line reason."""


@dataclass(frozen=True)
class WebhookOptions:
    """url: the public address Telegram posts to (usually https, behind a proxy that
    forwards to listen:port). None: this listener's own address, for a Bot API server on
    the same machine (the fake one in tests). Every path is served; the secret decides."""
    secret: str = field(repr=False)
    url: str | None = None
    listen: str = "0.0.0.0"
    port: int = 8080
    # Several worker processes listening on one port (`run --workers N`): the kernel
    # spreads the connections among them.
    reuse_port: bool = False

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
    def __init__(self, options: WebhookOptions, feed: Feed,
                 extra_routes: Callable[[web.Application], None] | None = None) -> None:
        """extra_routes: adds GET routes (/healthz, /metrics) to the same server."""
        self.options, self._feed, self._extra_routes = options, feed, extra_routes
        self._secret = options.secret.encode()
        self._runner: web.AppRunner | None = None
        self.local_url = ""

    async def start(self) -> str:
        """Listen; returns the URL to give setWebhook."""
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post("/{path:.*}", self._handle)
        if self._extra_routes is not None:
            self._extra_routes(app)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=5)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.options.listen, self.options.port,
                          reuse_port=self.options.reuse_port or None).start()
        host, port = self._runner.addresses[0][:2]
        self.local_url = f"http://{host}:{port}/"  # where it listens (a proxy in front forwards here)
        return self.options.url or self.local_url

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
            raw = parse_update(await _body(request))
        except BadBody as exc:
            log.warning("webhook body from %s refused (400): %s", request.remote, exc)
            return web.Response(status=400, text="Not a Telegram update")
        done = self._feed(raw)  # synchronous: updates are queued in the order they arrive
        if done is not None:
            try:
                await done  # other chats' requests are handled meanwhile
            except NotStored:  # nothing was saved: a 5xx makes Telegram deliver it again later
                return web.Response(status=503, text="Not stored, try again")
        return web.Response()


async def _body(request: web.Request) -> bytes:
    try:
        return await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise BadBody(f"larger than {MAX_BODY_BYTES} bytes") from None


def parse_update(body: bytes) -> dict[str, Any]:
    """The update a webhook body holds, or BadBody saying in one line why it holds none."""
    try:
        raw = json.loads(body)
    except RecursionError:
        raise BadBody("JSON nested too deeply") from None
    except ValueError as exc:  # also undecodable bytes (UnicodeDecodeError)
        raise BadBody(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(raw, dict):
        raise BadBody(f"a JSON {type(raw).__name__}, not an object")
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise BadBody("no integer update_id")
    for kind in ALLOWED_UPDATES:  # oddities deeper in are ignored quietly by translate
        if kind in raw and not isinstance(raw[kind], dict):
            raise BadBody(f"{kind} is not an object")
    if _depth(raw) > MAX_DEPTH:
        raise BadBody(f"nested more than {MAX_DEPTH} levels")
    return raw


def _depth(value: Any) -> int:
    """How deeply lists and objects nest, without recursion (a deep body must not blow the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
