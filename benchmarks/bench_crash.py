"""Crash benchmark (not a test): `python -m bot run` as a real process against the fake Bot
API server, SIGKILLed in the middle of a fan-out of N notices, then started again; repeated.

Per run it counts the notices delivered, duplicated and lost, the notices "in flight" at the
kill (accepted by Telegram but not yet marked sent: the most a restart may repeat), how long
after the restart the first notice went out and how long the dead process's claims held up
the rest. Prints the figures and writes benchmarks/results/crash.json (or --out).

    .venv/bin/python benchmarks/bench_crash.py                  # 500 notices x 5 kills
    .venv/bin/python benchmarks/bench_crash.py --notices 100 --runs 1
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import platform
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.fake_api import FakeTelegram
from bot.settings import Settings
from bot.wiring import build_app
from storage.migrate import upgrade_async

RESULTS = ROOT / "benchmarks" / "results" / "crash.json"
FIRST_CHAT = 100_000


def _text(n: int) -> str:
    return f"Pemberitahuan crash:{n}"


async def _start_bot(tg: FakeTelegram, db_url: str, workdir: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIKERJA_")}
    env.update(PYTHONPATH=str(ROOT), BOT_TOKEN=tg.token, TELEGRAM_API_BASE=tg.base_url, DATABASE_URL=db_url)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


def _status(db: Path) -> dict[str, int]:
    """Read without a write transaction (the app's sessions begin IMMEDIATE), so watching
    never holds the bot's writes up."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        counts = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    return {s: counts.get(s, 0) for s in ("pending", "sent", "dead")}


def _delivered(tg: FakeTelegram, since: int) -> list[str]:
    return [c.params.get("text", "") for c in tg.calls[since:] if c.method == "sendMessage" and c.ok]


async def one_run(notices: int, kill_after: int, timeout: float) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="sikerja-crash-"))
    db = workdir / "sikerja.db"
    db_url = f"sqlite:///{db}"
    settings = Settings(BOT_TOKEN="1:x", DATABASE_URL=db_url, _env_file=None)
    await upgrade_async(db_url)
    app, engine = build_app(settings)
    try:
        async with FakeTelegram() as tg:
            for n in range(notices):
                tg.user(FIRST_CHAT + n, f"Pegawai {n}")
            async with app.uow() as uow:  # one notice per person, as an announcement fans out
                for n in range(notices):
                    await uow.outbox.enqueue(f"crash:{n}", FIRST_CHAT + n, {"text": _text(n), "keyboard": None},
                                             app.clock())
                await uow.commit()
            mark = len(tg.calls)
            proc = await _start_bot(tg, db_url, workdir)
            deadline = time.monotonic() + timeout
            while len(_delivered(tg, mark)) < kill_after and proc.returncode is None:
                if time.monotonic() > deadline:
                    raise TimeoutError("the first process never got to the kill point")
                await asyncio.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            killed_at = time.monotonic()
            at_kill = len(_delivered(tg, mark))
            marked_at_kill = _status(db)["sent"]
            in_flight = at_kill - marked_at_kill  # Telegram has them, the outbox does not know

            restart_mark = len(tg.calls)
            restarted = time.time()
            proc = await _start_bot(tg, db_url, workdir)
            pending = notices
            try:
                while pending and time.monotonic() < deadline + timeout:
                    await asyncio.sleep(0.05)
                    pending = _status(db)["pending"]
                finished = time.monotonic()
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(proc.wait(), 30)
                except TimeoutError:
                    proc.kill()
                    await proc.wait()
            arrived = collections.Counter(_delivered(tg, mark))
            # (a long poll of the dead process is logged when its connection drops: skip it)
            after = [c for c in tg.calls[restart_mark:] if c.time >= restarted]
            # Start-up (imports, migrations) is the machine's; recovery is ours: from the new
            # process's first Bot API call to its first notice.
            ready = after[0].time if after else None
            first_send = next((c.time for c in after if c.method == "sendMessage" and c.ok), None)
            status = _status(db)
    finally:
        await engine.dispose()
        shutil.rmtree(workdir, ignore_errors=True)
    expected = {_text(n) for n in range(notices)}
    return {
        "delivered_at_kill": at_kill, "marked_sent_at_kill": marked_at_kill, "in_flight_at_kill": in_flight,
        "delivered": len(expected & set(arrived)), "duplicated": sum(n - 1 for n in arrived.values() if n > 1),
        "lost": len(expected - set(arrived)), "outbox": status,
        "startup_s": None if ready is None else round(ready - restarted, 2),
        "recovery_start_s": None if ready is None or first_send is None else round(first_send - ready, 2),
        "all_sent_after_kill_s": round(finished - killed_at, 2),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    runs = []
    for i in range(args.runs):
        # Kill at a different point each run: early, middle, late in the fan-out.
        kill_after = max(1, int(args.notices * (0.2 + 0.6 * i / max(1, args.runs - 1))))
        result = await one_run(args.notices, kill_after, args.timeout)
        runs.append(result)
        print(f"  run {i + 1}: killed after {result['delivered_at_kill']} delivered "
              f"({result['in_flight_at_kill']} in flight), duplicated {result['duplicated']}, lost {result['lost']}, "
              f"restarted process up in {result['startup_s']} s, first notice {result['recovery_start_s']} s later, "
              f"all sent {result['all_sent_after_kill_s']} s after the kill")
    return {
        "notices": args.notices, "runs": runs,
        "lost": sum(r["lost"] for r in runs), "duplicated": sum(r["duplicated"] for r in runs),
        "in_flight_at_kill": sum(r["in_flight_at_kill"] for r in runs),
        "worst_recovery_start_s": max((r["recovery_start_s"] or 1e9) for r in runs),
        "python": platform.python_version(), "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--notices", type=int, default=500)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--timeout", type=float, default=120, help="seconds per phase before giving up")
    p.add_argument("--recovery-limit", type=float, default=10.0,
                   help="fail when the restarted process's first notice takes longer (seconds)")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    print(f"{args.notices} notices, SIGKILL mid fan-out, restart; {args.runs} runs")
    result = asyncio.run(run(args))
    print(f"  total: lost {result['lost']}, duplicated {result['duplicated']} "
          f"(at most {result['in_flight_at_kill']} were in flight at the kills), "
          f"slowest recovery start {result['worst_recovery_start_s']} s after the restarted process was up")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"  written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    ok = result["lost"] == 0 and all(r["duplicated"] <= r["in_flight_at_kill"] for r in result["runs"]) \
        and result["worst_recovery_start_s"] <= args.recovery_limit
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
