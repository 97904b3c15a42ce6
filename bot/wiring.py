"""Composition root: settings -> engine -> App -> runtime. Nothing here runs at import."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.profile_settings import deployment_profile
from bot.ratelimit import FloodLimits, SenderLimits
from bot.runtimes import RUNTIMES
from bot.runtimes.base import Runtime
from bot.runtimes.webhook import WebhookOptions, masked, new_secret
from bot.settings import Settings
from handlers.core.app import App, AppConfig
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)


def build_app(settings: Settings, engine: AsyncEngine | None = None, **overrides) -> tuple[App, AsyncEngine]:
    engine = engine or make_engine(settings.database_url)
    config = AppConfig(default_language=settings.language, link_code_ttl_hours=settings.link_code_ttl_hours,
                       admin_telegram_ids=frozenset(settings.admins), bot_username=settings.bot_username,
                       letters=settings.letters(),
                       notices_kept_days=settings.notices_kept_days)
    app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=deployment_profile(settings),
              config=config, **overrides)
    return app, engine


def flood_limits(settings: Settings, scale: float = 1.0) -> FloodLimits:
    """Telegram's limits (scaled up only against a fake server scaled alike) and ours per sender."""
    return FloodLimits(scale=scale, senders=SenderLimits(settings.flood_max_messages, settings.flood_window_seconds))


def build_runtime(app: App, settings: Settings, runtime: str | None = None,
                  flood: FloodLimits | None = None, webhook: WebhookOptions | None = None) -> Runtime:
    """webhook None: long polling. flood None: flood_limits(settings)."""
    name = runtime or settings.runtime
    if name not in RUNTIMES:
        raise ValueError(f"unknown runtime {name!r}; choose one of {', '.join(RUNTIMES)}")
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    adapter: type[Runtime]
    if name == "aiogram":
        from bot.runtimes.aiogram_runtime import AiogramRuntime
        adapter = AiogramRuntime
    else:
        from bot.runtimes.ptb_runtime import PtbRuntime
        adapter = PtbRuntime
    return adapter(app, token, settings.telegram_api_base, flood or flood_limits(settings), webhook)


def webhook_options(settings: Settings) -> WebhookOptions | None:
    """None without a webhook URL (long polling). Without SIKERJA_WEBHOOK_SECRET a random
    secret is made for this run; setWebhook registers it anew at every start anyway.
    Raises ValueError for a secret Telegram would refuse."""
    if not settings.webhook_url:
        return None
    given = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    options = WebhookOptions(given or new_secret(), settings.webhook_url, settings.webhook_listen,
                             settings.webhook_port, reuse_port=settings.cluster)
    log.info("webhook secret token is set (%s; %s)", "SIKERJA_WEBHOOK_SECRET" if given else "generated for this run",
             masked(options.secret))
    return options


def attach_cluster(runtime: Runtime, settings: Settings, engine: AsyncEngine) -> None:
    """One of several workers on the database (SIKERJA_CLUSTER), and where /healthz and
    /metrics are served besides the webhook port (SIKERJA_METRICS_PORT)."""
    if settings.cluster:
        from bot.cluster import Cluster

        runtime.cluster = Cluster(engine)
        log.info("worker %s shares the database with other workers", runtime.cluster.name)
    runtime.metrics_port = settings.metrics_port
