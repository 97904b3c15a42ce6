"""What every runtime shares: turning a raw or neutral Update into replies and carrying
them out, receiving updates by polling or webhook, and running the outbox sender beside
the update loop. Adapters only translate."""
from __future__ import annotations

import abc
import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, cast

from bot import metrics
from bot.cluster import Cluster
from bot.observability import ObservabilityServer, add_routes
from bot.outbox import OutboxSender, RetryAfter, Unreachable
from bot.ratelimit import FloodGate, FloodLimits
from bot.runtimes.lanes import Lanes
from bot.runtimes.startup import StartupRetry, with_retries
from bot.runtimes.translate import update_from_api
from bot.runtimes.webhook import WebhookOptions, WebhookServer
from handlers.core import log_context
from handlers.core.app import App, DownloadFailed, FileTooBig
from handlers.core.cards import record_copy
from handlers.core.dispatch import NotStored, handle
from handlers.core.flood import flood_notice
from handlers.core.menus import startup_replies
from handlers.core.types import (
    AnswerCallback,
    EditMessage,
    Reply,
    SendDocument,
    SendFile,
    SendMessage,
    SetCommands,
    SetDescription,
    Update,
)
from handlers.features import registry

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 5.0  # a stop lets updates already received finish this long
POLL_PATIENCE = 0.025  # seconds a polled update may take before the next batch is fetched anyway
MENUS_REMEMBERED = 20_000  # chats whose menu this process remembers setting (see _set_menu)


class NotModified(Exception):
    """Editing a message to exactly what it already says; harmless."""


def classify_bad_request(description: str, cause: Exception) -> None:
    """Turn the Bot API's 400s that have a neutral meaning into neutral exceptions."""
    lowered = description.lower()
    if "not modified" in lowered:
        raise NotModified(description) from cause
    if "chat not found" in lowered:
        raise Unreachable(description) from cause


@contextlib.asynccontextmanager
async def neutral_errors(retry_after: type[Exception], forbidden: type[Exception], bad_request: type[Exception]):
    """A library's 429 / 403 / 400 exceptions -> the neutral ones the shared code handles.
    Both libraries' exceptions carry .message and .retry_after (whole seconds in aiogram,
    a timedelta in python-telegram-bot with PTB_TIMEDELTA)."""
    try:
        yield
    except retry_after as exc:
        metrics.RETRY_AFTER.inc()
        wait = cast(Any, exc).retry_after  # the libraries' exceptions share no base class
        raise RetryAfter(wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)) from exc
    except forbidden as exc:
        raise Unreachable(cast(Any, exc).message) from exc
    except bad_request as exc:
        classify_bad_request(cast(Any, exc).message, exc)
        raise


class Runtime(abc.ABC):
    name = "base"
    # The library's exceptions for "the Bot API did not answer (well)": what start-up retries.
    network_errors: tuple[type[BaseException], ...] = (OSError,)
    startup_retry = StartupRetry()

    def __init__(self, app: App, flood: FloodLimits | None = None, webhook: WebhookOptions | None = None) -> None:
        self.app = app
        self.webhook = webhook  # None: long polling
        self._webhook_server: WebhookServer | None = None
        self.flood = FloodGate(flood)
        self.lanes = Lanes(self.process, self._tell_flooding, self.flood.limits.senders)
        self.outbox = OutboxSender(app.uow, self.send_message, app.clock, gate=self.flood)
        app.on_outbox = self.outbox.wake
        app.download = self.download
        self.scheduler = None  # a bot.scheduler.ReminderScheduler, started and stopped with the runtime
        # Several workers on one database (bot/cluster.py): None, this process is alone and
        # sends and schedules itself; otherwise only while the cluster elects it.
        self.cluster: Cluster | None = None
        self.metrics_port: int | None = None  # /healthz and /metrics on a port of their own
        self._observability: ObservabilityServer | None = None
        self._tasks: list[asyncio.Task] = []
        self._sending: asyncio.Task | None = None  # the outbox sender's loop, while it runs here
        # The menus this process set, per chat: a SetCommands marked unless_set that would set
        # the same again is skipped (one API call fewer on every /start). Forgotten when big.
        self._menus_set: dict[int | None, tuple[tuple[str, str], ...]] = {}

    # --- adapter surface -------------------------------------------------------------
    @abc.abstractmethod
    async def send_message(self, reply: SendMessage) -> int:
        """Returns the sent message's id (so a decision card's copies can be edited later)."""

    @abc.abstractmethod
    async def set_commands(self, reply: SetCommands) -> None:
        """setMyCommands, or deleteMyCommands when there are none."""

    @abc.abstractmethod
    async def set_description(self, reply: SetDescription) -> None:
        """setMyDescription and setMyShortDescription."""

    @abc.abstractmethod
    async def edit_message(self, reply: EditMessage) -> None: ...

    @abc.abstractmethod
    async def answer_callback(self, reply: AnswerCallback) -> None: ...

    @abc.abstractmethod
    async def send_document(self, reply: SendDocument) -> None: ...

    @abc.abstractmethod
    async def send_file(self, reply: SendFile) -> None: ...

    @abc.abstractmethod
    async def _get_file(self, file_id: str) -> tuple[int | None, Callable[[], Awaitable[bytes]]]:
        """getFile: the file's size (if Telegram says) and how to fetch its bytes from the
        file URL (<api base>/file/bot<token>/<file_path>)."""

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        """The port handlers reach as ctx.download: getFile, then the file URL. Whatever the
        library raises becomes DownloadFailed; more than `max_bytes` is FileTooBig."""
        try:
            size, fetch = await self._get_file(file_id)
            if size is not None and size > max_bytes:
                raise FileTooBig(f"{size} bytes")
            content = await fetch()
        except DownloadFailed:
            raise
        except Exception as exc:
            raise DownloadFailed(str(exc)) from exc
        if len(content) > max_bytes:
            raise FileTooBig(f"{len(content)} bytes")
        return content

    @property
    @abc.abstractmethod
    def bot_id(self) -> int:
        """The bot's own user id (valid once _connect has run)."""

    @property
    def bot_username(self) -> str | None:
        """The bot's own username (once _connect has run), to tell "/cmd@OtherBot" apart."""
        return None

    @abc.abstractmethod
    async def _connect(self) -> None:
        """Make the client ready for API calls (polling does this itself)."""

    @abc.abstractmethod
    async def set_webhook(self, url: str, secret: str) -> None: ...

    @abc.abstractmethod
    async def delete_webhook(self) -> None: ...

    @abc.abstractmethod
    async def _poll(self) -> None:
        """Receive updates until stopped, calling self.process for each."""

    @abc.abstractmethod
    async def _stop_polling(self) -> None: ...

    # --- shared behaviour ------------------------------------------------------------
    async def process_raw(self, raw: dict[str, Any]) -> None:
        """A Bot API update as JSON, from either library's polling. Queued in its chat's
        lane and handled there: each chat in order, chats side by side. Both libraries feed
        one update at a time (aiogram handle_as_tasks=False, PTB concurrent_updates(False))
        and nothing here awaits before queueing, so the order is Telegram's; the
        concurrency is ours alone."""
        update = self._translate(raw)
        if update is not None:
            self.lanes.submit(update)

    async def process_patiently(self, raw: dict[str, Any]) -> None:
        """process_raw for a library that fetches the next batch of updates only when this
        returns (aiogram): the update is queued the same way, then given up to POLL_PATIENCE
        to be handled. Updates that arrive meanwhile then come in one getUpdates instead of
        one each (measured: a third of the round trips under load, benchmarks/bench_runtimes.py),
        while a slow update holds the next ones back no longer than that."""
        update = self._translate(raw)
        if update is None:
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.add_done_callback(_log_failure)
        self.lanes.submit(update, done)
        await asyncio.wait({done}, timeout=POLL_PATIENCE)

    def receive(self, raw: dict[str, Any]) -> asyncio.Future[None] | None:
        """The webhook's entry: queued like process_raw, and the returned future resolves
        once the update is handled, or fails with NotStored, so Telegram is answered only
        then and redelivers what was not stored."""
        update = self._translate(raw)
        if update is None:
            return None
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.lanes.submit(update, done)
        return done

    def _translate(self, raw: dict[str, Any]) -> Update | None:
        try:
            return update_from_api(raw, self.bot_id, self.bot_username)
        except Exception:
            log.exception("translating update %s failed", raw.get("update_id"))
            return None

    async def process(self, update: Update) -> None:
        log_context.update_id.set(update.update_id)  # each lane is a task: its own context
        log_context.person.set(None)
        label = metrics.command_label(update.command, update.is_callback, registry.commands.keys())
        with metrics.LATENCY.labels(label).time():
            if self.cluster is None:
                await self._process(update)
            else:
                async with self.cluster.chat(update.chat_id):
                    await self._process(update)
        metrics.UPDATES.labels(label).inc()

    async def _process(self, update: Update) -> None:
        try:
            replies = await handle(self.app, update)
        except NotStored as err:  # tell the user, and let the caller (webhook) ask for a redelivery
            await self.execute(err.replies)
            raise
        except Exception:
            log.exception("handling update %s failed", update.update_id)
            return
        await self.execute(replies)

    async def _tell_flooding(self, update: Update) -> None:
        await self.execute(await flood_notice(self.app, update))

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
            message_id = await self.send_message(reply)
        if reply.card is not None:
            await record_copy(self.app, reply, message_id)

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
        elif isinstance(reply, SendFile):
            async with self.flood.slot(reply.chat_id):
                await self.send_file(reply)
        elif isinstance(reply, SetCommands):
            await self._set_menu(reply)
        elif isinstance(reply, SetDescription):
            await self.set_description(reply)

    async def _set_menu(self, reply: SetCommands) -> None:
        if reply.scope != "chat":
            await self.set_commands(reply)
            return
        if reply.unless_set and self._menus_set.get(reply.chat_id) == reply.commands:
            return
        await self.set_commands(reply)
        if len(self._menus_set) >= MENUS_REMEMBERED:
            self._menus_set.clear()
        self._menus_set[reply.chat_id] = reply.commands

    async def start(self) -> None:
        if self.cluster is None:
            await self._lead()
            assert self._sending is not None
            self._tasks.append(self._sending)  # in webhook mode, what run_forever waits on
        else:
            self._tasks.append(asyncio.create_task(self.cluster.run(self._lead, self._follow), name="election"))
        if self.metrics_port is not None:
            self._observability = ObservabilityServer(self, self.metrics_port)
            log.info("health and metrics at %shealthz and %smetrics", url := await self._observability.start(), url)
        if self.webhook is None:
            await self._at_startup("getMe", self._connect)
            await self._set_menus()
            self._tasks.append(asyncio.create_task(self._poll(), name=f"{self.name}-polling"))
            log.info("%s runtime receives updates by long polling", self.name)
        else:
            await self._start_webhook(self.webhook)

    async def _set_menus(self) -> None:
        """Command menus and descriptions; a refusal is logged, never fatal."""
        try:
            await self.execute(await startup_replies(self.app))
        except Exception:
            log.exception("setting the command menus failed")

    @property
    def webhook_server(self) -> WebhookServer | None:
        return self._webhook_server

    async def _lead(self) -> None:
        """Send the outbox and run the scheduler here (alone, or elected leader)."""
        self.outbox.resume()
        self._sending = asyncio.create_task(self.outbox.run(), name="outbox")
        if self.scheduler is not None:
            self.scheduler.start()

    async def _follow(self) -> None:
        """Another worker leads now (or this one stops): stop sending and scheduling."""
        if self.scheduler is not None:
            self.scheduler.shutdown()
        sending, self._sending = self._sending, None
        if sending is not None:
            self.outbox.stop()
            await asyncio.gather(sending, return_exceptions=True)

    async def _at_startup(self, what: str, call: Callable[[], Awaitable[None]]) -> None:
        await with_retries(f"{self.name} runtime: {what}", call, self.network_errors, self.startup_retry)

    async def _start_webhook(self, options: WebhookOptions) -> None:
        await self._at_startup("getMe", self._connect)
        await self._set_menus()
        self._webhook_server = WebhookServer(options, self.receive, partial(add_routes, runtime=self))
        url = await self._webhook_server.start()
        await self._at_startup("setWebhook", partial(self.set_webhook, url, options.secret))
        log.info("%s runtime receives updates by webhook at %s", self.name, url)

    async def _stop_webhook(self) -> None:
        server, self._webhook_server = self._webhook_server, None
        assert server is not None  # stop() calls this only while a server runs
        try:
            if self.cluster is None:  # the other workers still take updates: the webhook stays
                await self.delete_webhook()  # Telegram keeps what arrives meanwhile for the next start
        finally:
            await server.stop()

    async def stop(self) -> None:
        for task in self._tasks:  # the election first: a leader hands its lease back at once
            if task.get_name() == "election":
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await self._follow()
        if self._observability is not None:
            await self._observability.stop()
            self._observability = None
        if self._webhook_server is not None:
            await self._stop_webhook()
        elif self.webhook is None:
            await self._stop_polling()
        await self.lanes.drain(timeout=STOP_GRACE_SECONDS)
        for task in self._tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self.cluster is not None:
            self.cluster.close()
        await self.close()

    async def crash(self) -> None:
        """Stop as a killed process would, for tests and benchmarks: no lease or claim is
        handed back (they run out), the webhook stays set, nothing queued is finished.
        Requests already on the wire are let finish, so the test can tell "sent" apart."""
        if self.cluster is not None:
            self.cluster.crash()
        self.outbox.crash()
        if self._webhook_server is not None:
            server, self._webhook_server = self._webhook_server, None
            await server.stop()
        await self.lanes.drain(timeout=0)
        await self.stop()

    async def close(self) -> None:  # noqa: B027 - optional hook: not every library holds a session
        """Release the HTTP session."""

    async def run_forever(self) -> None:
        try:
            await self.start()  # in webhook mode this can fail (setWebhook refused): clean up all the same
            await asyncio.gather(*self._tasks)
        finally:
            await self.stop()


def _log_failure(done: asyncio.Future[None]) -> None:
    """A polled update's outcome: polling cannot ask Telegram to deliver it again, so a
    failure is only logged (the user was told when nothing was stored)."""
    if done.cancelled() or (error := done.exception()) is None:
        return
    if isinstance(error, NotStored):
        log.warning("update not stored: %s", error)
    else:
        log.error("handling a polled update failed", exc_info=error)
