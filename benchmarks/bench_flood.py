"""Does one chatty user stall the others? Not a test: run it, read the figures.

    .venv/bin/python benchmarks/bench_flood.py [--burst 300] [--trials 20] [--scale 1] [--out FILE]

Against the fake Bot API run *strict* (about one message per second per chat, no burst),
one linked user pastes `--burst` lines at once while another user sends /help every
1.5 s, `--trials` times; each /help is timed from injecting it at the fake to the
bot's answer appearing there. Then both users get an answer, the bot restarts at once
(nothing in memory survives) and the same happens again: a gate that forgot what it sent
just before the restart provokes 429s there. A trial that gets no answer within
`--timeout` seconds ends its phase (the rest would only wait behind it).
Figures per runtime and phase: p50/p99 latency of the other user's /help (target p99
<= 2 s), 429s the bot provoked (target 0). Writes benchmarks/results/flood.json (or --out).
tests/test_benchmarks_smoke.py runs it on a tiny burst so it cannot rot unnoticed."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.fake_api import Limits
from bot.harness import Harness

SPAMMER, OTHER = "budi", "dewi"


async def phase(h: Harness, args: argparse.Namespace) -> dict[str, Any]:
    """The burst, and the other user's /help timed while the bot works through it."""
    fake = h.fake
    before_429 = fake.count_429
    for i in range(args.burst):
        fake.send_text(h.tid(SPAMMER), f"baris {i + 1} dari laporan yang tertempel")
    latencies: list[float] = []
    unanswered = 0
    for _ in range(args.trials):
        mark = fake.mark()
        injected = time.perf_counter()
        fake.send_text(h.tid(OTHER), "/help")
        try:
            await fake.wait_message(h.tid(OTHER), None, args.timeout, since=mark)
        except (TimeoutError, AssertionError):
            unanswered = args.trials - len(latencies)
            break
        latencies.append(time.perf_counter() - injected)
        await asyncio.sleep(args.pause)
    await asyncio.sleep(args.tail)  # what the burst still provokes after the last trial
    result: dict[str, Any] = {"trials": args.trials, "answered": len(latencies), "unanswered": unanswered,
                              "timeout_s": args.timeout, "count_429": fake.count_429 - before_429}
    if latencies:
        q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [latencies[0]] * 99
        result.update(p50_s=round(q[49], 3), p99_s=round(q[98], 3), max_s=round(max(latencies), 3))
    return result


async def bench(runtime: str, args: argparse.Namespace) -> dict[str, Any]:
    h = Harness(runtime=runtime, flood_scale=args.scale, timeout=args.timeout)
    async with h:
        await h.link(SPAMMER, OTHER)
        h.fake.limits = Limits.strict(args.scale)  # strict from here on
        results = {"burst": await phase(h, args)}
        if args.no_restart:
            return results
        for key in (SPAMMER, OTHER):  # each chat has just been sent a message ...
            with contextlib.suppress(TimeoutError):  # (a stalled bot may still owe the burst)
                await h.say(key, "/help")
        await h.restart_bot()  # ... when the bot restarts
        results["after_restart"] = await phase(h, args)
        return results


def table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = [f"{'runtime':<10}{'phase':<15}{'answered':>10}{'p50 s':>8}{'p99 s':>8}{'max s':>8}{'429s':>6}"]
    for runtime, phases in results.items():
        for name, r in phases.items():
            answered = f"{r['answered']}/{r['trials']}"
            lines.append(f"{runtime:<10}{name:<15}{answered:>10}{r.get('p50_s', '-'):>8}{r.get('p99_s', '-'):>8}"
                         f"{r.get('max_s', '-'):>8}{r['count_429']:>6}")
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.ERROR)
    results = {}
    for runtime in args.runtimes:
        print(f"… {runtime}", file=sys.stderr, flush=True)
        results[runtime] = await bench(runtime, args)
    print(f"\nOne user pastes {args.burst} lines, another sends /help {args.trials} times "
          f"(strict fake: 1 msg/s per chat, no burst; scale {args.scale:g})\n")
    print(table(results))
    out = args.out or ROOT / "benchmarks" / "results" / "flood.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "benchmark": "bench_flood", "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "burst": args.burst,
        "trials": args.trials, "scale": args.scale, "python": platform.python_version(),
        "latency": "the other user's /help injected at the fake -> the bot's answer there",
        "targets": {"p99_s": 2.0, "count_429": 0}, "results": results}, indent=2) + "\n")
    print(f"\nwrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=300, help="lines the chatty user pastes (default 300)")
    parser.add_argument("--trials", type=int, default=20, help="timed /help of the other user per phase")
    parser.add_argument("--pause", type=float, default=1.5,
                        help="seconds between trials (a person reading the answer; under 1 s it times their own pace)")
    parser.add_argument("--tail", type=float, default=3.0, help="seconds to go on counting 429s after the trials")
    parser.add_argument("--timeout", type=float, default=30.0, help="a trial unanswered this long ends its phase")
    parser.add_argument("--scale", type=float, default=1.0, help="speed the flood limits up on both sides")
    parser.add_argument("--no-restart", action="store_true", help="only the first phase")
    parser.add_argument("--runtimes", nargs="+", default=["aiogram", "ptb"], choices=["aiogram", "ptb"])
    parser.add_argument("--out", type=Path, help="results file (default benchmarks/results/flood.json)")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
