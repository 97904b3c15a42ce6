"""`python -m bot schedule show`: the reporting calendar and the reminders to come, in the
Pemda's local time (SIKERJA_TIMEZONE overrides the profile's zone)."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.cli import main
from domain.application import Application


@pytest.fixture
async def waiting(app, demo):
    """Budi's application, submitted Monday 23 Nov 2026 10:15 WIB, waits for the Kabid."""
    async with app.uow() as uow:
        application = Application(None, demo["budi"].employee.id, demo["budi"].employee.unit_id,
                                  "Tim Keamanan Informasi", "Saya berpengalaman di keamanan jaringan.")
        application.submit(demo["kabid_apt"].employee.id, dt.datetime(2026, 11, 23, 3, 15, tzinfo=dt.UTC))
        application.number = "PS-2026-00001"
        uow.applications.add(application)
        await uow.commit()


@pytest.fixture
def env(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.delenv("SIKERJA_TIMEZONE", raising=False)
    return db_url


def test_show_lists_the_calendar_and_what_comes_next(env, waiting, capsys):
    assert main(["schedule", "show", "--now", "2026-11-23T11:00+07:00"]) == 0
    out = capsys.readouterr().out
    assert "Asia/Jakarta (WIB)" in out and "now Mon 23 Nov 2026 11:00 WIB" in out
    assert "Period 2026-Q4 (quarterly): 01 Oct 2026 – 31 Dec 2026" in out
    assert "window opens           Mon 21 Dec 2026 09:00 WIB" in out
    assert "reminder -5 day(s)     Mon 28 Dec 2026 09:00 WIB" in out  # Sat 26 Dec moves to Monday
    assert "escalation             Thu 07 Jan 2027 09:00 WIB" in out
    assert "Period 2027-Q1" in out
    lines = [line for line in out.splitlines() if "decision" in line]
    assert lines[0].split()[:7] == ["Thu", "26", "Nov", "2026", "10:15", "WIB", "remind"]
    assert "Agus Salim" in lines[0] and "PS-2026-00001" in lines[0]
    assert lines[1].split()[:7] == ["Mon", "30", "Nov", "2026", "10:15", "WIB", "esc"]
    assert "Hendra Wijaya" in lines[1]


def test_the_time_zone_can_be_overridden(env, waiting, capsys, monkeypatch):
    monkeypatch.setenv("SIKERJA_TIMEZONE", "Asia/Makassar")
    assert main(["schedule", "show", "--now", "2026-11-23T11:00+07:00", "--days", "10"]) == 0
    out = capsys.readouterr().out
    assert "Asia/Makassar (WITA)" in out and "now Mon 23 Nov 2026 12:00 WITA" in out
    assert "window opens           Mon 21 Dec 2026 09:00 WITA" in out
    assert "Thu 26 Nov 2026 11:15 WITA  remind" in out  # the same instant, told in WITA
