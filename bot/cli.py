"""`python -m bot`: run the bot, manage the database, seed and play the demo."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import html
import importlib
import signal
import sys

from bot.logs import configure as configure_logging
from bot.runtimes import RUNTIMES
from bot.settings import Settings
from domain.errors import DomainError
from storage.failures import Unwritable

# Feature modules that add subcommands: each has add_commands(subparsers) -> {name: fn(args, settings)}.
CLI_MODULES: list[str] = ["bot.cli_org", "bot.cli_schedule", "bot.cli_letters", "bot.cli_db", "bot.cli_rekap"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Sikerja — Sistem Kerja Telegram bot")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (long polling or webhook); applies migrations first")
    run.add_argument("--runtime", choices=RUNTIMES, help="Telegram library (default: SIKERJA_RUNTIME or aiogram)")
    run.add_argument("--webhook", metavar="URL", help="receive updates by webhook at this public URL "
                     "(default: SIKERJA_WEBHOOK_URL; without one, long polling)")
    run.add_argument("--listen", metavar="HOST", help="webhook: address to listen on (default 0.0.0.0)")
    run.add_argument("--port", type=int, help="webhook: port to listen on (default 8080)")
    run.add_argument("--workers", type=int, default=1, metavar="N",
                     help="webhook: N worker processes on the port, sharing the database (default 1)")
    run.add_argument("--metrics-port", type=int, metavar="PORT",
                     help="serve /healthz and /metrics on this port too (default: SIKERJA_METRICS_PORT)")
    run.add_argument("--no-migrate", action="store_true", help=argparse.SUPPRESS)  # workers: the parent did
    seed = sub.add_parser("seed-demo", help="create a demo Pemda for the profile and print link codes")
    seed.add_argument("--profile", help="regulation profile (default: SIKERJA_PROFILE)")
    seed.add_argument("--small", action="store_true", help="the small one-Dinas demo instead (10 people)")
    demo = sub.add_parser("demo", help="play the demo scenario against the fake Telegram server")
    demo.add_argument("--runtime", choices=RUNTIMES, default="aiogram", help="Telegram library (default aiogram)")
    demo.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of polling")
    prof = sub.add_parser("profile", help="regulation profiles")
    prof.add_argument("action", choices=["show", "list"])
    prof.add_argument("name", nargs="?")
    for module in CLI_MODULES:
        COMMANDS.update(importlib.import_module(module).add_commands(sub))
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    configure_logging(args.command, settings.log_format)  # quiet but for `run`, masked, tagged (bot/logs.py)
    try:
        return COMMANDS[args.command](args, settings)
    except DomainError as err:  # e.g. an unknown regulation profile: a sentence, not a traceback
        from handlers.core.i18n import translator
        from handlers.core.messages import explain

        print(html.unescape(explain(translator(settings.language), err)), file=sys.stderr)
        return 2
    except Unwritable as err:  # read-only file or folder, full disk: one line, not a traceback
        print(err, file=sys.stderr)
        return 2


def _check_profile(settings: Settings) -> None:
    from bot.profile_settings import deployment_profile

    deployment_profile(settings)


def _run_settings(args, settings: Settings) -> Settings:
    given = {"runtime": args.runtime, "webhook_url": args.webhook, "webhook_listen": args.listen,
             "webhook_port": args.port, "metrics_port": args.metrics_port}
    return settings.model_copy(update={k: v for k, v in given.items() if v is not None})


def cmd_run(args, settings: Settings) -> int:
    settings = _run_settings(args, settings)
    if settings.runtime not in RUNTIMES:
        print(f"Unknown runtime {settings.runtime!r} (SIKERJA_RUNTIME). Valid runtimes: {', '.join(RUNTIMES)}",
              file=sys.stderr)
        return 2
    _check_profile(settings)  # an unknown profile or a refused setting fails first, in one sentence
    if settings.bot_token is None or not settings.bot_token.get_secret_value():
        from bot.cli_text import no_token
        from handlers.core.i18n import translator

        print(html.unescape(no_token(translator(settings.language))), file=sys.stderr)
        return 2
    if not settings.webhook_url and (args.listen or args.port):
        print("--listen and --port go with --webhook URL (or SIKERJA_WEBHOOK_URL).", file=sys.stderr)
        return 2
    if settings.cluster and settings.webhook_url and not settings.webhook_secret:
        print("SIKERJA_CLUSTER needs SIKERJA_WEBHOOK_SECRET: every worker must register the same secret.",
              file=sys.stderr)
        return 2
    if not settings.webhook_url and args.workers != 1:  # polling: Telegram serves one getUpdates at a time
        print("--workers goes with --webhook URL (or SIKERJA_WEBHOOK_URL).", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("--workers must be at least 1.", file=sys.stderr)
        return 2
    from bot.scheduler import attach as attach_scheduler
    from bot.wiring import attach_cluster, build_app, build_runtime, flood_limits, webhook_options
    from storage.migrate import prepare

    try:
        webhook = webhook_options(settings)
    except ValueError as err:
        print(f"SIKERJA_WEBHOOK_SECRET: {err}", file=sys.stderr)
        return 2
    if not args.no_migrate:
        prepare(settings.database_url, settings.db_wait_seconds)
    if args.workers > 1:
        from bot.workers import run_workers

        assert webhook is not None
        forwarded = [f"--{flag}={value}" for flag, value in (
            ("runtime", settings.runtime), ("webhook", settings.webhook_url), ("listen", settings.webhook_listen),
            ("port", settings.webhook_port), ("metrics-port", settings.metrics_port)) if value is not None]
        return run_workers(args.workers, forwarded, webhook.secret)

    async def _run() -> None:
        with contextlib.suppress(NotImplementedError):  # SIGTERM stops as cleanly as Ctrl-C
            task = asyncio.current_task()
            assert task is not None  # inside asyncio.run
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        app, engine = build_app(settings)
        runtime = build_runtime(app, settings, webhook=webhook, flood=flood_limits(settings, settings.flood_scale))
        attach_scheduler(runtime, settings)
        attach_cluster(runtime, settings, engine)
        try:
            await runtime.run_forever()
        except asyncio.CancelledError:
            pass  # stopped by a signal; run_forever has already stopped the runtime
        finally:
            await engine.dispose()

    from bot.runtimes.startup import StartupFailed

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_run())
    except StartupFailed as failed:
        print(f"Sikerja did not start: {failed}", file=sys.stderr)
        return 1
    return 0


def cmd_seed_demo(args, settings: Settings) -> int:
    from bot.cli_text import local_time, who_is_who
    from bot.wiring import build_app
    from handlers.core.i18n import translator
    from handlers.demo_data.seed_demo import seed_demo
    from handlers.demo_data.seed_pemda import seed_pemda
    from handlers.org.link_codes import deep_link
    from storage.migrate import upgrade

    if args.profile:
        settings = settings.model_copy(update={"profile": args.profile})
    _check_profile(settings)
    upgrade(settings.database_url)

    async def _seed():
        app, engine = build_app(settings)
        try:
            async with app.uow() as uow:
                if await uow.org.all_units():
                    return None
                if args.small:
                    seeded = await seed_demo(uow, app.clock(), settings.link_code_ttl_hours)
                else:
                    seeded = await seed_pemda(uow, settings.profile, app.clock(), settings.link_code_ttl_hours)
                await uow.commit()
                timezone = settings.timezone or app.profile.timezone
                return seeded, await uow.org.all_units(), app.clock() + dt.timedelta(
                    hours=settings.link_code_ttl_hours), timezone
        finally:
            await engine.dispose()

    t = translator(settings.language)
    done = asyncio.run(_seed())
    if done is None:
        print(t("The database already has units; the demo Pemda was not added again."), file=sys.stderr)
        return 1
    seeded, units, expires, timezone = done
    people = [(p.employee, p.code, deep_link(settings.bot_username, p.code)) for p in seeded]
    print(html.unescape("\n".join(who_is_who(t, units, people, local_time(expires, timezone)))))
    return 0


def cmd_demo(args, settings: Settings) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo(settings, args.runtime, args.webhook))


def cmd_profile(args, settings: Settings) -> int:
    from bot.profile_settings import deployment_profile
    from domain.profiles import load_profile, profile_names
    from domain.profiles.describe import describe

    if args.action == "list":
        print("\n".join(profile_names()))
        return 0
    # Another profile than the deployment's is shown as its regulation has it, without our settings.
    own = args.name in (None, settings.profile)
    print("\n".join(describe(deployment_profile(settings) if own else load_profile(args.name))))
    print(PROFILE_LEGEND)
    return 0


# How to read the [source] of each knob; the documents are in the repository.
PROFILE_LEGEND = ('[source]: "product decision N" = docs/DECISIONS.md §N; "NS" = not stated (the regulation is '
                  'silent); "⚠" = the regulation contradicts itself, both articles named. Terms: docs/GLOSSARY.md.')


COMMANDS = {"run": cmd_run, "seed-demo": cmd_seed_demo, "demo": cmd_demo, "profile": cmd_profile}
