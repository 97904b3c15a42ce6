"""Each benchmark run on tiny inputs: their full runs stay scripts (minutes each), but a
change that breaks one fails here instead of surprising whoever runs it next. Results go
to a temporary folder, never benchmarks/results."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests import postgres

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    """benchmarks/ holds scripts, not a package: load one by path."""
    spec = importlib.util.spec_from_file_location(f"_smoke_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_bench_import_prints_its_figures_and_writes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "import.json"
    assert load("bench_import").main(["--rows", "200", "--units", "10", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for figure in ("200 employees", "first import", "re-import (same)", "full, 1% missing", "XLSX read",
                   "peak memory", f"written to {out}"):
        assert figure in printed
    figures = json.loads(out.read_text())
    assert figures["rows"] == 200
    assert figures["first_import"]["rows_per_s"] > 0
    assert figures["full_import_deactivating_1pct"]["deactivated"] == 2


def test_bench_fanout_delivers_every_notice_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fanout.json"
    args = ["--notices", "40", "--users", "5", "--groups", "2", "--per-group", "2", "--scale", "20",
            "--timeout", "60", "--min-of-ceiling", "0", "--out", str(out)]
    assert load("bench_fanout").main(args) == 0
    printed = capsys.readouterr().out
    for figure in ("40 notices to 5 chats and 2 groups", "msg/s", "429s: 0", "lost: 0", "duplicated: 0",
                   "peak RSS", f"written to {out}"):
        assert figure in printed
    run = json.loads(out.read_text())["runs"]["aiogram-x20"]
    assert run["outbox"] == {"pending": 0, "sent": 40, "dead": 0}
    assert run["messages_per_second"] > 0


def test_bench_runtimes_measures_all_four_bots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A full cycle (7 steps) per mode and bot: /start, /status, free text and the /ajukan
    flow, each step waiting for the bot's answer."""
    out = tmp_path / "runtimes.json"
    assert load("bench_runtimes").main(["--n", "7", "--users", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "updates/s" in printed and "ours / bare:" in printed and f"wrote {out}" in printed
    results = json.loads(out.read_text())["results"]
    assert set(results) == {"aiogram", "ptb", "bare aiogram", "bare ptb"}
    for phases in results.values():
        assert phases["serial"]["updates"] == phases["concurrent"]["updates"] == 7
        assert phases["serial"]["p50_ms"] > 0


def test_bench_flood_times_the_other_user_and_counts_429s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "flood.json"
    args = ["--burst", "25", "--trials", "2", "--pause", "0", "--tail", "0.2", "--scale", "5", "--timeout", "10",
            "--out", str(out)]
    assert load("bench_flood").main(args) == 0
    printed = capsys.readouterr().out
    assert "One user pastes 25 lines" in printed and "p99 s" in printed and f"wrote {out}" in printed
    results = json.loads(out.read_text())["results"]
    assert set(results) == {"aiogram", "ptb"}
    for phases in results.values():
        assert set(phases) == {"burst", "after_restart"}
        for phase in phases.values():
            assert phase["answered"] == 2 and phase["count_429"] == 0


def test_bench_crash_kills_the_bot_mid_fanout_and_loses_nothing(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The crash benchmark at smoke size is also the suite's crash test: `python -m bot run`
    SIGKILLed mid fan-out and restarted delivers every notice, repeats at most the ones
    in flight at the kill, and starts recovering within 10 s of coming up."""
    out = tmp_path / "crash.json"
    assert load("bench_crash").main(["--notices", "60", "--runs", "1", "--timeout", "90", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for figure in ("60 notices", "run 1: killed after", "lost 0", f"written to {out}"):
        assert figure in printed
    (run,) = json.loads(out.read_text())["runs"]
    assert run["lost"] == 0 and run["delivered"] == 60 and run["outbox"] == {"pending": 0, "sent": 60, "dead": 0}
    assert run["duplicated"] <= run["in_flight_at_kill"] and run["recovery_start_s"] <= 10


def test_bench_scale_measures_the_ticks_and_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scale.json"
    assert load("bench_scale").main(["--employees", "600", "--teams", "20", "--repeat", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for figure in ("600 employees, 20 teams", "first tick of the window", "tick that queues nothing",
                   "agency_head /rekap", "employee /persetujuan", f"written to {out}"):
        assert figure in printed
    (run,) = json.loads(out.read_text())["runs"]
    assert run["first_tick"]["queued"] > 20 and run["idle_tick"]["queued"] == 0
    assert run["idle_tick"]["statements"] <= 2 < run["full_look_tick"]["statements"]  # idle: the version only
    assert len(run["commands"]) == 15 and all(c["statements"] > 0 for c in run["commands"].values())


def test_bench_scale_runs_on_postgresql_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same figures from a PostgreSQL server (the one the suite uses; its own database,
    dropped afterwards), generated through asyncpg."""
    url = postgres.configured_url()
    if url is None:
        pytest.skip(postgres.unavailable_reason())
    out = tmp_path / "scale_postgresql.json"
    argv = ["--database", "postgresql", "--url", url, "--employees", "600", "--teams", "20", "--repeat", "2",
            "--out", str(out)]
    assert load("bench_scale").main(argv) == 0
    assert "600 employees, 20 teams" in capsys.readouterr().out
    written = json.loads(out.read_text())
    (run,) = written["runs"]
    assert written["database"] == "postgresql" and run["first_tick"]["queued"] > 20
    assert run["idle_tick"]["queued"] == 0 and len(run["commands"]) == 15


def test_bench_workers_compares_two_worker_processes_with_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    out = tmp_path / "workers.json"
    assert load("bench_workers").main(["--updates", "12", "--users", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for figure in ("updates/s", "CPU ms/update", "2 workers / 1:", f"written to {out}"):
        assert figure in printed
    runs = json.loads(out.read_text())["runs"]
    assert [r["workers"] for r in runs] == [1, 2]
    assert all(r["answers"] == r["expected_answers"] and r["updates_per_second"] > 0 for r in runs)
    assert all(code == 0 for r in runs for code in r["exit_codes"])  # every worker stopped cleanly
