"""Delivers queued updates to the bot's webhook, the way Telegram does: one POST
per update (JSON body, X-Telegram-Bot-Api-Secret-Token header), up to the webhook's
max_connections at once but one at a time per chat, so each chat's updates arrive in
order; a failed update is retried until it is accepted, and its chat's later updates
wait behind it. A reply body holding a method call (JSON or multipart, as aiogram
sends it) is executed like a request."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from functools import partial
from typing import Any

import aiohttp

from .errors import ApiError
from .methods import BotApi
from .params import Params, Upload, read_multipart
from .state import State, Update, WebhookConfig

RETRY_FIRST = 0.05  # seconds; short, so tests of retries stay fast
RETRY_MAX = 1.0
DELIVERY_TIMEOUT = 10.0


class WebhookSender:
    def __init__(self, state: State, api: BotApi) -> None:
        self.state = state
        self.api = api
        self._task: asyncio.Task[None] | None = None
        self._in_flight: dict[int, Any] = {}  # update_id -> its chat key

    def kick(self) -> None:
        """Start delivering if a webhook is set and no sender runs yet."""
        if self.state.webhook is not None and (self._task is None or self._task.done()):
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self.state.changed()  # the caller has set state.closing
            await self._task
            self._task = None

    def _hook_gone(self, hook: WebhookConfig) -> bool:
        """The webhook was changed or deleted, or the server is stopping."""
        return self.state.closing or self.state.webhook is not hook

    def _next_job(self) -> tuple[WebhookConfig, Update] | bool | None:
        """The earliest pending update whose chat has none in flight, while a connection is free."""
        state = self.state
        if state.closing or state.webhook is None:
            return True  # stop
        if len(self._in_flight) >= state.webhook.max_connections:
            return None
        busy = set(self._in_flight.values())
        for update in state.pending():
            key = _chat_key(update)
            if update.update_id in self._in_flight:
                continue
            if key in busy:
                busy.add(key)
                continue
            return state.webhook, update
        return None

    async def _run(self) -> None:
        async with aiohttp.ClientSession() as session:
            workers: set[asyncio.Task[None]] = set()
            try:
                while True:
                    job = await self.state.wait_until(self._next_job, None)
                    if job is True:
                        break
                    assert isinstance(job, tuple)
                    hook, update = job
                    self._in_flight[update.update_id] = _chat_key(update)
                    worker = asyncio.create_task(self._deliver_until_accepted(session, hook, update))
                    workers.add(worker)
                    worker.add_done_callback(workers.discard)
            finally:
                if workers:
                    await asyncio.gather(*workers, return_exceptions=True)
                self._in_flight.clear()

    async def _deliver_until_accepted(self, session: aiohttp.ClientSession, hook: WebhookConfig,
                                      update: Update) -> None:
        delay = RETRY_FIRST
        try:
            while not self._hook_gone(hook):
                error = await self._deliver(session, hook, update)
                if error is None:
                    hook.delivered += 1
                    self.state.updates = [u for u in self.state.updates if u.update_id != update.update_id]
                    return
                if delay == RETRY_FIRST:  # log once per failure streak, not every retry
                    self.state.say(f"⚠️ webhook delivery failed: {error}")
                hook.last_error_date, hook.last_error_message = int(time.time()), error
                self.state.changed()
                # Back off, but wake at once if the webhook is changed or the server stops.
                with contextlib.suppress(TimeoutError):
                    await self.state.wait_until(partial(self._hook_gone, hook), delay)
                delay = min(delay * 2, RETRY_MAX)
        finally:
            self._in_flight.pop(update.update_id, None)
            self.state.changed()

    async def _deliver(self, session: aiohttp.ClientSession, hook: WebhookConfig, update: Update) -> str | None:
        """POST one update; None on success, else Telegram-style error text."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
        try:
            async with session.post(
                hook.url,
                json=update.to_api(),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=DELIVERY_TIMEOUT),
            ) as response:
                if not 200 <= response.status < 300:
                    return f"Wrong response from the webhook: {response.status} {response.reason}"
                await self._run_reply_method(response)
        except aiohttp.ClientConnectorError:
            return "Connection refused"
        except TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientError as exc:
            return f"Failed to deliver: {type(exc).__name__}"
        return None

    async def _run_reply_method(self, response: aiohttp.ClientResponse) -> None:
        fields: dict[str, Any] = {}
        uploads: dict[str, Upload] = {}
        if response.content_type.startswith("multipart/"):
            try:
                await read_multipart(aiohttp.MultipartReader(response.headers, response.content), fields, uploads)
            except ApiError:
                return  # too large: Telegram ignores such a reply too
        elif response.content_type == "application/json":
            try:
                data = json.loads(await response.read() or b"{}")
            except ValueError:
                return
            if isinstance(data, dict):
                fields.update(data)
        method = fields.pop("method", None)
        if isinstance(method, str) and method:
            await self.api.call(method, Params(fields, uploads))


def _chat_key(update: Update) -> Any:
    """Which conversation an update belongs to: its chat, else its sender."""
    payload = update.payload
    message = payload.get("message") if update.kind == "callback_query" else payload
    chat = message.get("chat") if isinstance(message, dict) else None
    if isinstance(chat, dict) and "id" in chat:
        return chat["id"]
    sender = payload.get("from")
    return ("user", sender.get("id")) if isinstance(sender, dict) else ("update", update.update_id)
