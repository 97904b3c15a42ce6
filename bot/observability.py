"""GET /healthz and /metrics for load balancers and Prometheus: on the webhook port, or on
a small server of their own (SIKERJA_METRICS_PORT; the only way in polling mode).

/healthz answers 200 while this worker is of use and 503 when not: the database cannot be
reached, the outbox has had a due notice waiting longer than `max_outbox_lag`, or (on the
leader) the scheduler has not ticked for three intervals. The body says which, and whether
this worker leads."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from bot import metrics

if TYPE_CHECKING:
    from bot.runtimes.base import Runtime

log = logging.getLogger(__name__)

MAX_OUTBOX_LAG = 900.0  # seconds; a 429's retry_after or a backoff is far shorter


@dataclass
class Health:
    ok: bool
    body: dict[str, Any]


async def health(runtime: Runtime, max_outbox_lag: float = MAX_OUTBOX_LAG) -> Health:
    now = dt.datetime.now(dt.UTC)
    role = "single" if runtime.cluster is None else "leader" if runtime.cluster.leader else "follower"
    body: dict[str, Any] = {"role": role}
    if runtime.cluster is not None:
        body["worker"] = runtime.cluster.name
    problems: list[str] = []
    try:
        async with runtime.app.uow() as uow:
            await uow.session.execute(text("SELECT 1"))
            oldest = await uow.outbox.oldest_due(now)
            pending = await uow.outbox.count_by_status("pending")
            dead = await uow.outbox.count_by_status("dead")
        body["database"] = "ok"
        lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
        body["outbox"] = {"pending": pending, "dead": dead, "lag_seconds": round(lag, 1)}
        metrics.OUTBOX.labels("pending").set(pending)
        metrics.OUTBOX.labels("dead").set(dead)
        metrics.OUTBOX_LAG.set(lag)
        if lag > max_outbox_lag:
            problems.append(f"outbox lag {lag:.0f} s")
    except Exception as exc:  # the one thing /healthz is for
        log.warning("health check: database unreachable (%s)", type(exc).__name__)
        body["database"] = "unreachable"
        problems.append("database unreachable")
    scheduler = runtime.scheduler
    if scheduler is not None and scheduler.running:
        since = scheduler.last_tick or scheduler.started
        age = (now - since).total_seconds() if since is not None else 0.0
        body["scheduler"] = {"last_tick_age_seconds": round(age, 1)}
        if age > 3 * scheduler.interval + 30:
            problems.append(f"no scheduler tick for {age:.0f} s")
    metrics.LEADER.set(1 if role in ("leader", "single") else 0)
    body["status"] = "ok" if not problems else "; ".join(problems)
    return Health(not problems, body)


def add_routes(app: web.Application, runtime: Runtime) -> None:
    async def healthz(_request: web.Request) -> web.Response:
        result = await health(runtime)
        return web.json_response(result.body, status=200 if result.ok else 503)

    async def metrics_page(_request: web.Request) -> web.Response:
        await health(runtime)  # refreshes the outbox gauges
        return web.Response(body=generate_latest(metrics.REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_page)


class ObservabilityServer:
    """/healthz and /metrics on a port of their own."""

    def __init__(self, runtime: Runtime, port: int, listen: str = "0.0.0.0") -> None:
        self.runtime, self.port, self.listen = runtime, port, listen
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        add_routes(app, self.runtime)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port, reuse_port=True).start()
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
