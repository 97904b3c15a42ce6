"""Several workers against the fake Telegram server, as `run --workers N` or a compose file
deploys them: N runtimes on one database, each with its own webhook listener, behind a
round-robin proxy (the reverse proxy's part) that the fake server posts every update to.
Used by the e2e test of the cluster and by benchmarks/bench_workers.py."""
from __future__ import annotations

import datetime as dt
import itertools

import aiohttp
from aiohttp import web

from bot.cluster import Cluster, ClusterTiming
from bot.harness import WEBHOOK_SECRET, Harness
from bot.runtimes.base import Runtime
from bot.runtimes.webhook import WebhookOptions
from bot.wiring import build_app, build_runtime, flood_limits

# Short enough that a test sees a takeover within seconds, long enough for two busy CPUs.
FAST = ClusterTiming(leader_ttl=2.0, renew_every=0.4, chat_ttl=10.0)
FAST_OUTBOX_LEASE = dt.timedelta(seconds=2)


class Balancer:
    """POSTs round-robin over the upstreams, passing each answer back; an upstream that
    refuses the connection is skipped (the next one gets the request), as nginx's
    proxy_next_upstream does. Counts what each upstream took."""

    def __init__(self) -> None:
        self.upstreams: list[str] = []
        self.taken: dict[str, int] = {}
        self._turn = itertools.count()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_post("/{path:.*}", self._forward)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self._session = aiohttp.ClientSession()
        self.url = f"http://{host}:{port}/"
        return self.url

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        first = next(self._turn)
        for i in range(len(self.upstreams)):
            upstream = self.upstreams[(first + i) % len(self.upstreams)]
            try:
                async with self._session.post(upstream, data=body, headers=headers) as answer:
                    self.taken[upstream] = self.taken.get(upstream, 0) + 1
                    return web.Response(status=answer.status, body=await answer.read())
            except aiohttp.ClientConnectionError:
                continue
        return web.Response(status=502, text="no upstream")


class ClusterHarness(Harness):
    """`workers` runtimes in webhook mode sharing one database. `runtime` is a live one
    (for reading the database); `runtimes` all of them, by index."""

    def __init__(self, workers: int = 2, timing: ClusterTiming = FAST, **kwargs) -> None:
        super().__init__(webhook=True, **kwargs)
        self.workers, self.timing = workers, timing
        self.balancer = Balancer()
        self.runtimes: list[Runtime] = []
        self._engines: list = []

    async def start_bot(self) -> None:
        if not self.balancer.url:
            await self.balancer.start()
        settings = self.settings()
        for _ in range(self.workers):
            app, engine = build_app(settings)
            webhook = WebhookOptions(WEBHOOK_SECRET, url=self.balancer.url, listen="127.0.0.1", port=0)
            runtime = build_runtime(app, settings, flood=flood_limits(settings, self.flood_scale), webhook=webhook)
            runtime.cluster = Cluster(engine, self.timing)
            runtime.outbox.lease, runtime.outbox.renew_every = FAST_OUTBOX_LEASE, 0.5
            await runtime.start()
            assert runtime.webhook_server is not None
            self.balancer.upstreams.append(runtime.webhook_server.local_url)
            self.runtimes.append(runtime)
            self._engines.append(engine)
        self.runtime = self.runtimes[0]

    async def stop_bot(self) -> None:
        for runtime in self.runtimes:
            await runtime.stop()
        for engine in self._engines:
            await engine.dispose()
        self.runtimes, self._engines, self.balancer.upstreams = [], [], []
        self.runtime = None

    async def stop(self) -> None:
        await super().stop()
        await self.balancer.stop()

    def leader(self) -> Runtime | None:
        leading = [r for r in self.runtimes if r.cluster is not None and r.cluster.leader]
        assert len(leading) <= 1, "two workers lead at once"
        return leading[0] if leading else None

    async def crash(self, runtime: Runtime) -> None:
        """Kill one worker as SIGKILL would (bot.runtimes.base.Runtime.crash)."""
        await runtime.crash()
        self.runtimes.remove(runtime)
        self.runtime = self.runtimes[0]
