"""Prometheus metrics of one worker process (/metrics, bot/observability.py). Counters live
in a registry of our own rather than the library's global one, so importing this twice
(tests, several runtimes in one process) never registers a metric twice; the outbox
gauges are read from the database when scraped (every worker sees the same outbox)."""
from __future__ import annotations

from collections.abc import Collection

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter("sikerja_updates_handled_total", "Telegram updates handled, by command",
                  ["command"], registry=REGISTRY)
LATENCY = Histogram("sikerja_update_seconds", "Time to handle and answer one update, by command", ["command"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0), registry=REGISTRY)
RETRY_AFTER = Counter("sikerja_telegram_429_total", "Requests Telegram answered with 429 Too Many Requests",
                      registry=REGISTRY)
REMINDERS = Counter("sikerja_reminders_queued_total", "Reminder notices the scheduler queued", registry=REGISTRY)
OUTBOX = Gauge("sikerja_outbox_notices", "Outbox notices by status (pending, dead)", ["status"], registry=REGISTRY)
OUTBOX_LAG = Gauge("sikerja_outbox_lag_seconds", "How long the oldest due notice has waited", registry=REGISTRY)
LEADER = Gauge("sikerja_leader", "1 while this worker sends the outbox and runs the scheduler", registry=REGISTRY)


def command_label(command: str | None, is_callback: bool, known: Collection[str]) -> str:
    """A bounded label: a known /command, 'button', 'text', or 'other' (no free text)."""
    if is_callback:
        return "button"
    if command is None:
        return "text"
    return f"/{command}" if command in known else "other"
