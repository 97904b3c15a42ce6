"""How fast does each runtime handle updates? Not a test: run it, read the table.

    .venv/bin/python benchmarks/bench_runtimes.py [--n 500] [--users 5] [--webhook] [--out FILE]

Feeds N updates per bot through the fake Bot API server, flood limits off (the fake's)
or scaled far up (the bot's own pacing), and the per-person flood limit lifted (each
simulated person sends far faster than any civil servant types), so the bot's handling
is what is measured. The
mix is what people do all day: /start CODE, /status, free text the bot does not
understand, and the /ajukan flow (command, team button, motivation text, a button on the
summary). Each person's first flow (in the warm-up) ends with Kirim, which writes an
application and an outbox notice; later ones end with Batal, so the mix stays the same
however long the run (/status answers with one message listing the applications).

Each bot runs the mix twice:
  serial      one update in flight at a time: latency is pure handling time;
  concurrent  --users people act at once, each waiting for the bot's answer before the
              next step (as people do): updates/s is the bot's throughput.
Latency is from injecting the update at the fake to the bot's first reply call arriving
at the fake (FakeTelegram records each call's arrival time). The floor is a bare echo
bot on each library (aiogram Dispatcher, python-telegram-bot Application) fed the same
mix of texts and button presses; ours/bare is how much Sikerja's handling costs.
Writes benchmarks/results/runtimes.json (or --out). tests/test_benchmarks_smoke.py runs it
on a handful of updates so it cannot rot unnoticed."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

import aiogram
import telegram
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery as AgQuery
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram import InlineKeyboardButton as PtbButton
from telegram import InlineKeyboardMarkup as PtbMarkup
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.demo import MOTIVATION_BUDI
from bot.fake_api import FakeTelegram, Limits
from bot.fake_api.models import StoredMessage
from bot.harness import Harness

ACTORS = ("budi", "dewi", "siti", "yoga", "andi")  # staff: they apply, nobody sends them notices
FLOOD_SCALE = 10_000.0  # the bot's own pacing, scaled far beyond anything this run reaches


# --- the workload ------------------------------------------------------------------
@dataclass
class Step:
    text: str | None = None  # the user writes this...
    button: str | None = None  # ...or presses the button whose label contains this
    done: str | None = None  # the step is over once a bot message containing this arrives


def sikerja_cycle(code: str, submit: bool) -> list[Step]:
    """submit: the person's first cycle, before they have any application."""
    return [Step(f"/start {code}", done="sudah terhubung"),
            Step("/status", done="belum memiliki pengajuan" if submit else "Pengajuan Anda"),
            Step("halo, apa kabar?", done="tidak memahami"),
            Step("/ajukan", done="Tim atau pekerjaan apa"),
            Step(button="", done="kompetensi"),  # the first team offered
            Step(MOTIVATION_BUDI, done="Kirim pengajuan ini?"),
            Step(button="Kirim", done="PS-") if submit else Step(button="Batal", done="dibatalkan")]


def echo_cycle(code: str) -> list[Step]:
    """The same shape for an echo bot: five texts, two button presses."""
    return [Step(f"/start {code}", done=f"/start {code}"), Step("/status", done="/status"),
            Step("halo, apa kabar?", done="halo"), Step("/ajukan", done="/ajukan"), Step(button="echo"),
            Step(MOTIVATION_BUDI, done="sertifikat"), Step(button="echo")]


class Person:
    def __init__(self, fake: FakeTelegram, tid: int, first: list[Step], then: list[Step] | None = None) -> None:
        """Does the steps of `first` once, then those of `then` (default: first) round and round."""
        self.fake, self.tid, self.first, self.steps = fake, tid, first, then or first
        self.i = 0
        self.last_message: StoredMessage | None = None

    async def act(self) -> float:
        """Do the next step, wait until the bot has fully answered; returns the latency."""
        fake = self.fake
        first, i = len(self.first), self.i
        step = self.first[i] if i < first else self.steps[(i - first) % len(self.steps)]
        self.i += 1
        mark, first_call = fake.mark(), len(fake.state.calls)
        injected = time.time()
        query_id = None
        if step.text is not None:
            fake.send_text(self.tid, step.text)
        else:
            assert self.last_message is not None and step.button is not None, "a button needs a message"
            data = fake.button_data(self.last_message, step.button)
            query_id = fake.press(self.tid, self.last_message, data).id
        done = step.done
        if done is not None:
            self.last_message = await fake.state.wait_until(lambda: self._answer(mark, done), 30)
        else:
            assert query_id is not None, "a step without an awaited message is a button press"
            await fake.wait_callback_answer(query_id, 30)
        return self._first_reply(first_call, query_id) - injected

    def _recent(self, mark: int, last: int) -> list[StoredMessage]:
        """The bot's messages sent or edited since mark among the chat's `last` newest.
        (FakeTelegram.wait_message scans every message of every chat at every change: as
        cheap as nothing in a test, but here it would cost more than the bot's handling.)"""
        newest = itertools.islice(reversed(self.fake.state.messages.get(self.tid, {}).values()), last)
        return [m for m in newest if m.seq > mark and m.from_bot and not m.deleted]

    def _answer(self, mark: int, contains: str) -> StoredMessage | None:
        return next((m for m in self._recent(mark, 4) if contains in m.visible), None)

    def _first_reply(self, first_call: int, query_id: str | None) -> float:
        for call in self.fake.state.calls[first_call:]:
            p = call.params
            if str(p.get("chat_id")) == str(self.tid) or (query_id and p.get("callback_query_id") == query_id):
                return call.time
        raise RuntimeError("the bot answered without a call to this chat")


async def drive(people: list[Person], n: int, concurrent: bool) -> dict[str, Any]:
    """n steps in all, round-robin (serial) or every person at once (concurrent)."""
    latencies: list[float] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    if concurrent:
        share = [n // len(people) + (i < n % len(people)) for i in range(len(people))]

        async def run(person: Person, count: int) -> None:
            for _ in range(count):
                latencies.append(await person.act())

        await asyncio.gather(*(run(p, k) for p, k in zip(people, share, strict=True)))
    else:
        for i in range(n):
            latencies.append(await people[i % len(people)].act())
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"updates": len(latencies), "seconds": round(elapsed, 3),
            "updates_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 2), "p99_ms": round(q[98] * 1000, 2),
            "mean_ms": round(statistics.fmean(latencies) * 1000, 2),
            # CPU of this whole process (bot, fake server and simulated people) per update:
            # steadier than wall time when the machine is busy with something else
            "cpu_ms_per_update": round(cpu / len(latencies) * 1000, 2)}


# --- the bots ----------------------------------------------------------------------
async def bench_sikerja(runtime: str, args: argparse.Namespace) -> dict[str, Any]:
    os.environ["SIKERJA_FLOOD_MAX_MESSAGES"] = str(10 * args.n)  # read by the Harness's Settings
    h = Harness(runtime=runtime, flood_scale=FLOOD_SCALE, webhook=args.webhook)
    h.fake.limits = Limits(enabled=False)
    async with h:
        for key in ACTORS:  # linking is part of the warm-up, not of the measurement
            await h.say(key, f"/start {h.people[key].code}", expect="NIP")
        return await measure([Person(h.fake, h.tid(k), sikerja_cycle(h.people[k].code, submit=True),
                                     sikerja_cycle(h.people[k].code, submit=False)) for k in ACTORS[:args.users]], args)


async def measure(people: list[Person], args: argparse.Namespace) -> dict[str, Any]:
    await drive(people, len(people) * 7, concurrent=False)  # warm-up: one cycle each (Sikerja's submits)
    serial = await drive(people, args.n, concurrent=False)
    concurrent = await drive(people, args.n, concurrent=True)
    return {"serial": serial, "concurrent": concurrent}


def _people(fake: FakeTelegram, users: int) -> list[Person]:
    people = []
    for i in range(users):
        fake.user(9100 + i, f"Orang{i}")
        people.append(Person(fake, 9100 + i, echo_cycle(f"KODE{i}")))
    return people


def _echo_markup_aiogram() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="echo", callback_data="echo")]])


async def bench_bare_aiogram(args: argparse.Namespace) -> dict[str, Any]:
    async with FakeTelegram(limits=Limits(enabled=False)) as fake:
        bot = Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
        dp = Dispatcher()

        @dp.message()
        async def echo(message: Message) -> None:
            await message.answer(message.text or "?", parse_mode=None, reply_markup=_echo_markup_aiogram())

        @dp.callback_query()
        async def pressed(query: AgQuery) -> None:
            await query.answer("ok")

        polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, handle_as_tasks=False,
                                                       close_bot_session=False, polling_timeout=10))
        await fake.wait_polling(10)
        try:
            return await measure(_people(fake, args.users), args)
        finally:
            await dp.stop_polling()
            await polling
            await bot.session.close()


async def bench_bare_ptb(args: argparse.Namespace) -> dict[str, Any]:
    async with FakeTelegram(limits=Limits(enabled=False)) as fake:
        application = (Application.builder().token(fake.token).base_url(f"{fake.base_url}/bot")
                       .base_file_url(f"{fake.base_url}/file/bot").concurrent_updates(False).build())
        markup = PtbMarkup([[PtbButton("echo", callback_data="echo")]])

        async def echo(update, _context) -> None:
            await update.effective_message.reply_text(update.effective_message.text or "?", reply_markup=markup,
                                                      do_quote=False)

        async def pressed(update, _context) -> None:
            await update.callback_query.answer("ok")

        application.add_handler(MessageHandler(filters.ALL, echo))
        application.add_handler(CallbackQueryHandler(pressed))
        updater = application.updater
        assert updater is not None  # the builder makes one
        await application.initialize()
        await application.start()
        await updater.start_polling(timeout=10)
        await fake.wait_polling(10)
        try:
            return await measure(_people(fake, args.users), args)
        finally:
            await updater.stop()
            await application.stop()
            await application.shutdown()


# --- report ------------------------------------------------------------------------
def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'bot':<16}{'mode':<12}{'updates/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'cpu ms/upd':>12}"]
    for name, phases in results.items():
        for mode, r in phases.items():
            lines.append(f"{name:<16}{mode:<12}{r['updates_per_s']:>10}{r['p50_ms']:>9}{r['p99_ms']:>9}"
                         f"{r['mean_ms']:>9}{r['cpu_ms_per_update']:>12}")
    return "\n".join(lines)


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    out = {}
    for runtime in ("aiogram", "ptb"):
        ours, bare = results[runtime], results[f"bare {runtime}"]
        out[runtime] = {
            "serial_p50_ours_over_bare": round(ours["serial"]["p50_ms"] / bare["serial"]["p50_ms"], 2),
            "serial_p99_ours_over_bare": round(ours["serial"]["p99_ms"] / bare["serial"]["p99_ms"], 2),
            "concurrent_updates_per_s_ours_over_bare": round(
                ours["concurrent"]["updates_per_s"] / bare["concurrent"]["updates_per_s"], 3),
            "cpu_per_update_ours_over_bare": round(
                ours["concurrent"]["cpu_ms_per_update"] / bare["concurrent"]["cpu_ms_per_update"], 2),
        }
    return out


async def run(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("httpx", "aiogram", "telegram"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    benches: dict[str, Callable[[], Awaitable[dict[str, Any]]]] = {
        "aiogram": lambda: bench_sikerja("aiogram", args), "ptb": lambda: bench_sikerja("ptb", args),
        "bare aiogram": lambda: bench_bare_aiogram(args), "bare ptb": lambda: bench_bare_ptb(args)}
    results = {}
    for name, bench in benches.items():
        print(f"… {name}", file=sys.stderr, flush=True)
        results[name] = await bench()
    mix = f"{args.n} updates per mode, {args.users} people, {'webhook' if args.webhook else 'long polling'}"
    print(f"\nSikerja runtimes vs bare echo bots — {mix}\n")
    print(table(results))
    r = ratios(results)
    print("\nours / bare:")
    for runtime, values in r.items():
        print(f"  {runtime:<8} " + "  ".join(f"{k}={v}" for k, v in values.items()))
    out = args.out or ROOT / "benchmarks" / "results" / ("runtimes_webhook.json" if args.webhook else "runtimes.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "benchmark": "bench_runtimes", "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "n_per_mode": args.n, "people": args.users, "delivery": "webhook" if args.webhook else "polling",
        "python": platform.python_version(), "aiogram": aiogram.__version__,
        "python-telegram-bot": telegram.__version__,
        "machine": platform.machine(), "cpus": os.cpu_count(),
        "latency": "injecting the update at the fake -> the bot's first reply call arriving there",
        "results": results, "ratios": r}, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="updates per bot and mode (default 500)")
    parser.add_argument("--users", type=int, default=5, choices=range(1, len(ACTORS) + 1), metavar="1-5",
                        help="people acting at once in the concurrent mode (default 5)")
    parser.add_argument("--webhook", action="store_true",
                        help="our runtimes receive by webhook (bare bots still poll); writes runtimes_webhook.json")
    parser.add_argument("--out", type=Path, help="results file (default benchmarks/results/runtimes[_webhook].json)")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
