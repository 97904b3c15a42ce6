"""`python -m bot run --workers 2`: two worker processes on one webhook port and one
database, as an operator starts them; SIGTERM stops them all."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp

from bot.cli import main
from bot.fake_api import FakeTelegram
from tests.runtimes.test_cli_run import _free_port, _no_env, _run, _terminate

TIMEOUT = 120  # two cold starts side by side, on a machine that may be busy
ROOT = Path(__file__).resolve().parents[2]  # the processes import this tree's code, wherever it is


async def test_two_worker_processes_share_the_port_and_elect_one_leader(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    async with FakeTelegram() as tg:
        rina = tg.user(4242, "Rina")
        proc = await _run(tg, tmp_path, "--webhook", url, "--listen", "127.0.0.1", "--port", str(port),
                          "--workers", "2", PYTHONPATH=str(ROOT))
        try:
            await tg.state.wait_until(lambda: len(tg.calls_of("setWebhook")) >= 2, TIMEOUT)
            tg.send_text(rina, "/start")
            await tg.wait_message(rina, "/start", TIMEOUT)
            roles = set()
            async with aiohttp.ClientSession() as session:
                async with asyncio.timeout(TIMEOUT):
                    while not {"leader", "follower"} <= roles:  # the kernel picks a worker per connection
                        async with session.get(f"http://127.0.0.1:{port}/healthz",
                                               headers={"Connection": "close"}) as response:
                            roles.add(json.loads(await response.text())["role"])
                        await asyncio.sleep(0.1)
        finally:
            code, err = await _terminate(proc)
        assert tg.state.webhook is not None  # a worker stopping leaves the webhook to the others
    assert code == 0, err
    assert err.count("shares the database with other workers") == 2
    assert "leads: it sends the outbox" in err


def test_workers_need_a_webhook(monkeypatch, tmp_path, capsys):
    _no_env(monkeypatch, tmp_path)
    assert main(["run", "--workers", "2"]) == 2
    assert "--workers goes with --webhook" in capsys.readouterr().err


def test_a_cluster_worker_needs_a_fixed_webhook_secret(monkeypatch, tmp_path, capsys):
    """Each worker registers its secret with Telegram: generated ones would lock the others out."""
    _no_env(monkeypatch, tmp_path)
    monkeypatch.setenv("SIKERJA_CLUSTER", "true")
    assert main(["run", "--webhook", "https://bot.example.go.id/hook"]) == 2
    assert "SIKERJA_CLUSTER needs SIKERJA_WEBHOOK_SECRET" in capsys.readouterr().err
    assert not (tmp_path / "bot.db").exists()
