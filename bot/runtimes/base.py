"""What every runtime shares: turning a neutral Update into replies and carrying them
out, and running the outbox sender beside the update loop. Adapters only translate."""
from __future__ import annotations

import abc
import asyncio
import logging

from bot.outbox import OutboxSender, RetryAfter, Unreachable
from bot.ratelimit import FloodGate, FloodLimits
from handlers.app import App
from handlers.dispatch import handle
from handlers.types import AnswerCallback, EditMessage, Reply, SendDocument, SendMessage, Update

log = logging.getLogger(__name__)


class NotModified(Exception):
    """Editing a message to exactly what it already says; harmless."""


def classify_bad_request(description: str, cause: Exception) -> None:
    """Turn the Bot API's 400s that have a neutral meaning into neutral exceptions."""
    lowered = description.lower()
    if "not modified" in lowered:
        raise NotModified(description) from cause
    if "chat not found" in lowered:
        raise Unreachable(description) from cause


class Runtime(abc.ABC):
    name = "base"

    def __init__(self, app: App, flood: FloodLimits | None = None) -> None:
        self.app = app
        self.flood = FloodGate(flood)
        self.outbox = OutboxSender(app.uow, self._send_paced, app.clock)
        app.on_outbox = self.outbox.wake
        self._tasks: list[asyncio.Task] = []

    # --- adapter surface -------------------------------------------------------------
    @abc.abstractmethod
    async def send_message(self, reply: SendMessage) -> None: ...

    @abc.abstractmethod
    async def edit_message(self, reply: EditMessage) -> None: ...

    @abc.abstractmethod
    async def answer_callback(self, reply: AnswerCallback) -> None: ...

    @abc.abstractmethod
    async def send_document(self, reply: SendDocument) -> None: ...

    @abc.abstractmethod
    async def _poll(self) -> None:
        """Receive updates until stopped, calling self.process for each."""

    @abc.abstractmethod
    async def _stop_polling(self) -> None: ...

    # --- shared behaviour ------------------------------------------------------------
    async def process(self, update: Update) -> None:
        try:
            replies = await handle(self.app, update)
        except Exception:
            log.exception("handling update %s failed", update.update_id)
            return
        await self.execute(replies)

    async def execute(self, replies: list[Reply]) -> None:
        for reply in replies:
            try:
                await self._execute_one(reply)
            except NotModified:
                pass
            except Exception:
                # A failed direct reply must not undo the committed state; the user can
                # always ask again (/status), so log and carry on with the rest.
                log.exception("reply %r failed", type(reply).__name__)

    async def _execute_one(self, reply: Reply) -> None:
        try:
            await self._call(reply)
        except RetryAfter as exc:
            # A direct reply is throttled: wait as told, once, rather than drop it.
            await asyncio.sleep(exc.seconds)
            await self._call(reply)

    async def _send_paced(self, reply: SendMessage) -> None:
        async with self.flood.slot(reply.chat_id):
            await self.send_message(reply)

    async def _call(self, reply: Reply) -> None:
        if isinstance(reply, SendMessage):
            await self._send_paced(reply)
        elif isinstance(reply, EditMessage):
            await self.edit_message(reply)
        elif isinstance(reply, AnswerCallback):
            await self.answer_callback(reply)
        elif isinstance(reply, SendDocument):
            async with self.flood.slot(reply.chat_id):
                await self.send_document(reply)

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self.outbox.run(), name="outbox"),
                       asyncio.create_task(self._poll(), name=f"{self.name}-polling")]

    async def stop(self) -> None:
        self.outbox.stop()
        await self._stop_polling()
        for task in self._tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self.close()

    async def close(self) -> None:
        """Release the HTTP session."""

    async def run_forever(self) -> None:
        await self.start()
        try:
            await asyncio.gather(*self._tasks)
        finally:
            await self.stop()
