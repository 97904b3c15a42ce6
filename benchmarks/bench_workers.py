"""Two workers against one: throughput and CPU per update of `run` in webhook mode as
separate processes on one SQLite database. Not a test: run it, read the table.

    .venv/bin/python benchmarks/bench_workers.py [--updates 2000] [--users 20] [--workers 1,2] [--out FILE]

For each worker count, a fresh database and N worker processes (`python -m bot run`,
SIKERJA_CLUSTER=true when N > 1, all on one port through SO_REUSEPORT) behind the fake
Bot API server, whose flood limits and the bot's own pacing are scaled out of the way so
the handling is what is measured. --users people, each waiting for the answer before
sending the next message (as people do), send --updates messages in all: "/start"
without a code and free text, each answered once (an unlinked person is told how to
link). Every update is claimed in the database, and with N > 1 each also takes and hands
back its chat's lease (two short transactions more) — the price of several workers.

Reported: updates/s over the measured phase (after a warm-up), CPU seconds the worker
processes used per update (from /proc, so Linux only), and the fake server's own CPU
share (it runs in this process and is part of what limits the rate on a small machine).
Writes benchmarks/results/workers.json (or --out). tests/test_benchmarks_smoke.py runs it
on a handful of updates so it cannot rot unnoticed."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url

from bot.fake_api import FakeTelegram, Limits
from storage.migrate import alembic_config, upgrade


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)

RESULTS = ROOT / "benchmarks" / "results" / "workers.json"
TEXTS = ("/start", "halo, apa kabar?")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_workers(n: int, tg: FakeTelegram, workdir: Path, timeout: float, database: str | None
                        ) -> list[asyncio.subprocess.Process]:
    if database is None:
        database = f"sqlite:///{workdir / 'bench.db'}"
    else:  # every run starts empty: the fake numbers its updates from 1 again
        await asyncio.to_thread(downgrade, database, "base")
    await asyncio.to_thread(upgrade, database)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIKERJA_")}
    env.update({"BOT_TOKEN": tg.token, "TELEGRAM_API_BASE": tg.base_url, "DATABASE_URL": database,
                "PYTHONPATH": str(ROOT), "SIKERJA_WEBHOOK_SECRET": "bench-secret", "SIKERJA_FLOOD_SCALE": "10000",
                "SIKERJA_FLOOD_MAX_MESSAGES": "1000000", "SIKERJA_CLUSTER": "true" if n > 1 else "false"})
    args = [sys.executable, "-m", "bot", "run", "--no-migrate", "--webhook", f"http://127.0.0.1:{port}/",
            "--listen", "127.0.0.1", "--port", str(port)]
    procs = []
    for i in range(n):
        with open(workdir / f"worker{i}.log", "wb") as log:  # noqa: ASYNC230  (the child gets its own copy)
            procs.append(await asyncio.create_subprocess_exec(
                *args, cwd=workdir, env={**env, "SIKERJA_WORKER_INDEX": str(i)}, stdout=log, stderr=log))
    await tg.state.wait_until(lambda: len(tg.calls_of("setWebhook")) >= n, timeout)
    return procs


def print_logs(workdir: Path) -> None:
    """What the workers said, when they do not answer."""
    for log in sorted(workdir.glob("worker*.log")):
        print(f"--- {log.name}\n{log.read_text()[-3000:]}", file=sys.stderr)


async def stop_workers(procs: list[asyncio.subprocess.Process]) -> None:
    for proc in procs:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            await proc.wait()


async def converse(tg: FakeTelegram, uids: list[int], per_user: int, timeout: float) -> None:
    async def person(uid: int) -> None:
        for i in range(per_user):
            mark = tg.mark()
            tg.send_text(uid, TEXTS[i % len(TEXTS)])
            await tg.wait_message(uid, None, timeout, since=mark)

    await asyncio.gather(*(person(uid) for uid in uids))


async def measure(n: int, updates: int, users: int, timeout: float, database: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="sikerja-bench-") as tmp:
        async with FakeTelegram(limits=Limits(enabled=False)) as tg:
            uids = [90_001 + i for i in range(users)]
            for uid in uids:
                tg.user(uid, f"Pegawai {uid}")
            procs = await start_workers(n, tg, Path(tmp), timeout, database)
            try:
                try:
                    await converse(tg, uids, 2, timeout)  # warm-up: imports, caches, first connections
                except TimeoutError:
                    print_logs(Path(tmp))
                    raise
                per_user = max(1, updates // users)
                cpu0 = sum(cpu_seconds(p.pid) for p in procs)
                own0, t0 = time.process_time(), time.perf_counter()
                await converse(tg, uids, per_user, timeout)
                elapsed = time.perf_counter() - t0
                own = time.process_time() - own0
                cpu = sum(cpu_seconds(p.pid) for p in procs) - cpu0
            finally:
                await stop_workers(procs)
            handled = per_user * users
            answers = sum(len(tg.messages(uid)) for uid in uids)
            return {"workers": n, "updates": handled, "seconds": round(elapsed, 3),
                    "updates_per_second": round(handled / elapsed, 1),
                    "worker_cpu_ms_per_update": round(1000 * cpu / handled, 2),
                    "fake_server_cpu_share": round(own / elapsed, 2),
                    "answers": answers, "expected_answers": (per_user + 2) * users,
                    "exit_codes": [p.returncode for p in procs]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--database-url", help="an empty database to use (e.g. PostgreSQL) instead of a fresh "
                        "SQLite file; the same one serves every run: the people stay unlinked")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    runs = []
    backend = make_url(args.database_url).get_backend_name() if args.database_url else "sqlite"
    print(f"{args.updates} updates from {args.users} people, {backend}, {os.cpu_count()} CPUs")
    print(f"{'workers':>8} {'updates/s':>10} {'CPU ms/update':>14} {'fake CPU':>9} {'answers':>9}")
    for n in counts:
        run = asyncio.run(measure(n, args.updates, args.users, args.timeout, args.database_url))
        runs.append(run)
        print(f"{n:>8} {run['updates_per_second']:>10} {run['worker_cpu_ms_per_update']:>14} "
              f"{run['fake_server_cpu_share']:>9.0%} {run['answers']:>4}/{run['expected_answers']}")
    base = runs[0]["updates_per_second"]
    for run in runs[1:]:
        print(f"{run['workers']} workers / {runs[0]['workers']}: {run['updates_per_second'] / base:.2f}x throughput, "
              f"{run['worker_cpu_ms_per_update'] / max(runs[0]['worker_cpu_ms_per_update'], 1e-9):.2f}x CPU "
              "per update")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"platform": platform.platform(), "cpus": os.cpu_count(), "backend": backend,
                                    "updates": args.updates,
                                    "users": args.users, "runs": runs}, indent=2))
    print(f"written to {args.out}")
    return 0 if all(r["answers"] == r["expected_answers"] for r in runs) else 1


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
