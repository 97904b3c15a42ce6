"""Composition root: settings -> engine -> App -> runtime. Nothing here runs at import."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ratelimit import FloodLimits
from bot.runtimes.base import Runtime
from bot.settings import Settings
from domain.profiles import load_profile
from handlers.app import App, AppConfig
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory

RUNTIMES = ("aiogram", "ptb")


def build_app(settings: Settings, engine: AsyncEngine | None = None, **overrides) -> tuple[App, AsyncEngine]:
    engine = engine or make_engine(settings.database_url)
    config = AppConfig(default_language=settings.language, link_code_ttl_hours=settings.link_code_ttl_hours,
                       admin_telegram_ids=frozenset(settings.admins))
    app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile(settings.profile),
              config=config, **overrides)
    return app, engine


def build_runtime(app: App, settings: Settings, runtime: str | None = None,
                  flood: FloodLimits | None = None) -> Runtime:
    name = runtime or settings.runtime
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    if name == "aiogram":
        from bot.runtimes.aiogram_runtime import AiogramRuntime

        return AiogramRuntime(app, token, settings.telegram_api_base, flood)
    if name == "ptb":
        from bot.runtimes.ptb_runtime import PtbRuntime

        return PtbRuntime(app, token, settings.telegram_api_base, flood)
    raise ValueError(f"unknown runtime {name!r}; choose one of {', '.join(RUNTIMES)}")
