"""Fan-out benchmark (not a test): N notices to many private chats and groups through the
real runtime's outbox sender and FloodGate, against the fake Bot API server enforcing
Telegram's flood limits (optionally sped up by --scale, the bot's pacing scaled alike).

Prints the delivery rate against the ceiling (30 msg/s x scale), the 429s provoked, the
notices lost or duplicated (outbox keys vs what the fake recorded) and peak memory, and
writes benchmarks/results/fanout.json (or --out).

    .venv/bin/python benchmarks/bench_fanout.py                 # 10,000 notices, limits x2
    .venv/bin/python benchmarks/bench_fanout.py --runtime ptb --scale 1
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import logging
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.harness import Harness
from bot.wiring import build_app

RESULTS = ROOT / "benchmarks" / "results" / "fanout.json"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def plan_chats(notices: int, users: int, groups: int, per_group: int) -> list[int]:
    """Round-robin over the chats (as a real fan-out is: one notice per person per event):
    each group gets `per_group`, the rest is spread over the private chats."""
    user_ids = [100_000 + i for i in range(users)]
    group_ids = [-1_000_000_000 - i for i in range(groups)]
    private = notices - groups * per_group
    queues = {uid: private // users + (i < private % users) for i, uid in enumerate(user_ids)}
    queues.update(dict.fromkeys(group_ids, per_group))
    order: list[int] = []
    while len(order) < notices:
        for chat, left in queues.items():
            if left:
                order.append(chat)
                queues[chat] = left - 1
    return order


async def run(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="sikerja-bench-"))
    h = Harness(runtime=args.runtime, flood_scale=args.scale, workdir=workdir, timeout=30)
    await h.start()
    try:
        chats = plan_chats(args.notices, args.users, args.groups, args.per_group)
        for chat in set(chats):
            if chat > 0:
                h.fake.user(chat, f"Pegawai {chat}")
            else:
                h.fake.group(chat, f"Tim {chat}")
        await h.stop_bot()  # queue everything first, then start the bot: it finds a full outbox
        app, engine = build_app(h.settings())
        t0 = time.perf_counter()
        for first in range(0, len(chats), 500):  # as ticks would: several small transactions
            async with app.uow() as uow:
                for n in range(first, min(first + 500, len(chats))):
                    await uow.outbox.enqueue(f"bench:{n}", chats[n], {"text": f"Pengingat bench:{n}",
                                                                      "keyboard": None}, app.clock())
                await uow.commit()
        enqueue_s = time.perf_counter() - t0
        await engine.dispose()
        mark = len(h.fake.calls)
        start = time.perf_counter()
        await h.start_bot()
        assert h.runtime is not None
        app = h.runtime.app
        pending, polls = len(chats), 0
        while pending:  # watch the fake (cheap); ask the database now and then (dead notices)
            await asyncio.sleep(0.25)
            polls += 1
            if len(h.fake.calls) - mark < len(chats) and polls % 8:
                continue
            async with app.uow() as uow:
                pending = await uow.outbox.count_by_status("pending")
            if time.perf_counter() - start > args.timeout:
                break
        wall = time.perf_counter() - start
        calls = [c for c in h.fake.calls[mark:] if c.method == "sendMessage"]
        ok = [c for c in calls if c.status == 200]
        span = (ok[-1].time - ok[0].time) if len(ok) > 1 else wall
        arrived = collections.Counter(m.text for chat in set(chats) for m in h.fake.messages(chat))
        expected = {f"Pengingat bench:{n}" for n in range(len(chats))}
        async with app.uow() as uow:
            status = {s: await uow.outbox.count_by_status(s) for s in ("pending", "sent", "dead")}
    finally:
        await h.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    ceiling = 30 * args.scale
    rate = len(ok) / span if span else 0.0
    return {
        "runtime": args.runtime, "scale": args.scale, "notices": len(chats), "private_chats": args.users,
        "groups": args.groups, "per_group": args.per_group,
        "enqueue_seconds": round(enqueue_s, 2), "delivery_seconds": round(wall, 2),
        "messages_per_second": round(rate, 2), "ceiling_per_second": ceiling,
        "of_ceiling": round(rate / ceiling, 4),
        "implied_at_real_limits_per_second": round(30 * rate / ceiling, 2),
        "count_429": h.fake.count_429, "other_errors": sum(1 for c in calls if c.status not in (200, 429)),
        "lost": len(expected - set(arrived)), "duplicated": sum(n - 1 for n in arrived.values() if n > 1),
        "outbox": status, "peak_rss_mb": round(rss_mb(), 1),
        "python": platform.python_version(), "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runtime", choices=["aiogram", "ptb"], default="aiogram")
    p.add_argument("--scale", type=float, default=2.0, help="speed-up of Telegram's limits on both sides")
    p.add_argument("--notices", type=int, default=10_000)
    p.add_argument("--users", type=int, default=2_000)
    p.add_argument("--groups", type=int, default=200)
    p.add_argument("--per-group", type=int, default=5)
    p.add_argument("--timeout", type=float, default=1800)
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--min-of-ceiling", type=float, default=0.95,
                   help="fail below this share of the ceiling (a tiny run cannot reach it)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(run(args))
    print(f"{result['notices']} notices to {args.users} chats and {args.groups} groups, {args.runtime}, "
          f"limits x{args.scale:g}")
    print(f"  delivered in {result['delivery_seconds']} s: {result['messages_per_second']} msg/s of a "
          f"{result['ceiling_per_second']:g} msg/s ceiling ({result['of_ceiling']:.1%}); "
          f"≈ {result['implied_at_real_limits_per_second']} msg/s at real limits")
    print(f"  429s: {result['count_429']}, other errors: {result['other_errors']}, lost: {result['lost']}, "
          f"duplicated: {result['duplicated']}, outbox: {result['outbox']}")
    print(f"  peak RSS: {result['peak_rss_mb']} MB (bot, fake server and harness in one process)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.out.read_text()) if args.out.exists() else {}
    existing = existing if isinstance(existing, dict) and "runs" in existing else {"runs": {}}
    existing["runs"][f"{args.runtime}-x{args.scale:g}"] = result
    args.out.write_text(json.dumps(existing, indent=2) + "\n")
    print(f"  written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    ok = result["count_429"] == 0 and result["lost"] == 0 and result["duplicated"] == 0
    return 0 if ok and result["of_ceiling"] >= args.min_of_ceiling else 1


if __name__ == "__main__":
    raise SystemExit(main())
