"""`python -m bot run` as an operator starts it: a real process against the fake server,
with either runtime, by long polling or by webhook; and what it refuses."""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.fake_api import FakeTelegram
from bot.runtimes import RUNTIMES
from bot.settings import Settings
from bot.wiring import build_app, build_runtime, webhook_options

TIMEOUT = 30  # a cold start imports both libraries and migrates a fresh database


def _env(tg: FakeTelegram, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIKERJA_")}
    return {**env, "BOT_TOKEN": tg.token, "TELEGRAM_API_BASE": tg.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", **extra}


async def _run(tg: FakeTelegram, tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", *args, cwd=tmp_path, env=_env(tg, tmp_path, **env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def _terminate(proc: asyncio.subprocess.Process) -> tuple[int, str]:
    """SIGTERM, as systemd or docker stop sends it; the bot must stop cleanly."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return proc.returncode, err.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_run_ptb_polling_answers_and_stops_on_sigterm(tmp_path):
    async with FakeTelegram() as tg:
        rina = tg.user(4242, "Rina")
        proc = await _run(tg, tmp_path, "--runtime", "ptb")
        try:
            await tg.wait_polling(TIMEOUT)
            tg.send_text(rina, "/start")
            reply = await tg.wait_message(rina, "/start", TIMEOUT)
        finally:
            code, err = await _terminate(proc)
    assert code == 0, err
    assert "BKPSDM" in reply.text  # not linked yet: ask HR for a code
    assert "ptb runtime receives updates by long polling" in err


async def test_run_webhook_with_runtime_from_env_generates_a_secret_never_logged(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/sikerja/hook"
    async with FakeTelegram() as tg:
        rina = tg.user(4242, "Rina")
        proc = await _run(tg, tmp_path, "--webhook", url, "--listen", "127.0.0.1", "--port", str(port),
                          SIKERJA_RUNTIME="ptb")
        try:
            hook = await tg.state.wait_until(lambda: tg.state.webhook, TIMEOUT)
            tg.send_text(rina, "/start")
            await tg.wait_message(rina, "/start", TIMEOUT)
        finally:
            code, err = await _terminate(proc)
        assert tg.state.webhook is None  # deleteWebhook at stop
    assert code == 0, err
    assert hook.url == url and hook.delivered == 1 and not tg.calls_of("getUpdates")
    assert len(hook.secret_token) >= 32
    assert "ptb runtime receives updates by webhook" in err
    assert "webhook secret token is set (generated for this run" in err
    assert hook.secret_token not in err


def _no_env(monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    for key in [k for k in os.environ if k.startswith("SIKERJA_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")


def test_unknown_runtime_option_is_refused_with_the_valid_names(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--runtime", "telethon"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "'telethon'" in err and "'aiogram', 'ptb'" in err


def test_unknown_runtime_setting_is_refused_with_the_valid_names(monkeypatch, tmp_path, capsys):
    _no_env(monkeypatch, tmp_path)
    monkeypatch.setenv("SIKERJA_RUNTIME", "telethon")
    assert main(["run"]) == 2
    assert "Unknown runtime 'telethon' (SIKERJA_RUNTIME). Valid runtimes: aiogram, ptb" in capsys.readouterr().err
    assert not (tmp_path / "bot.db").exists()  # refused before touching anything


async def test_build_runtime_refuses_an_unknown_name(tmp_path):
    settings = Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", _env_file=None)
    app, engine = build_app(settings)
    try:
        with pytest.raises(ValueError, match="choose one of aiogram, ptb"):
            build_runtime(app, settings, "telethon")
    finally:
        await engine.dispose()
    assert RUNTIMES == ("aiogram", "ptb")


@pytest.mark.parametrize("secret", ["ada spasi", "x" * 257, "tanda!"])
def test_a_secret_telegram_would_refuse_is_refused_at_start(monkeypatch, tmp_path, capsys, secret):
    _no_env(monkeypatch, tmp_path)
    monkeypatch.setenv("SIKERJA_WEBHOOK_SECRET", secret)
    assert main(["run", "--webhook", "https://bot.example.go.id/hook"]) == 2
    err = capsys.readouterr().err
    assert "SIKERJA_WEBHOOK_SECRET" in err and "letters, digits" in err and secret not in err


def test_listen_and_port_need_a_webhook(monkeypatch, tmp_path, capsys):
    _no_env(monkeypatch, tmp_path)
    assert main(["run", "--port", "8443"]) == 2
    assert "--listen and --port go with --webhook" in capsys.readouterr().err


def test_a_given_secret_is_used_and_logged_only_as_set(caplog):
    secret = "Rahasia_Pemda-2024"
    settings = Settings(SIKERJA_WEBHOOK_URL="https://bot.example.go.id/hook", SIKERJA_WEBHOOK_SECRET=secret,
                        _env_file=None)
    with caplog.at_level(logging.INFO):
        options = webhook_options(settings)
    assert (options.secret, options.url, options.listen, options.port) == (
        secret, "https://bot.example.go.id/hook", "0.0.0.0", 8080)
    assert "webhook secret token is set (SIKERJA_WEBHOOK_SECRET" in caplog.text
    assert secret not in caplog.text and secret not in repr(options)


def test_without_a_webhook_url_the_bot_polls(monkeypatch):
    monkeypatch.delenv("SIKERJA_WEBHOOK_URL", raising=False)
    assert webhook_options(Settings(SIKERJA_WEBHOOK_SECRET="abc", _env_file=None)) is None
