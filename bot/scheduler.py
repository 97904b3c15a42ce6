"""APScheduler drives the reminder tick (handlers/jobs.py) every minute, beside the
update loop; it starts and stops with the runtime. The tick itself is idempotent, so a
coalesced, late or doubled run is harmless, and the first run at start-up catches up on
whatever was missed while the bot was down.

The planner reads time from `clock` (the App's clock), never from APScheduler: tests
call `tick()` with a hand-moved clock and never sleep."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

import holidays
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.metrics import REMINDERS
from bot.settings import Settings
from domain.calendar import QuietHours, WorkCalendar
from domain.profiles import Profile
from domain.reminders import Notice, ScheduleSettings
from handlers.core.app import App
from handlers.schedule.jobs import Provider, forget_old_updates, run_reminders

log = logging.getLogger(__name__)


def indonesian_calendar(cuti_bersama: bool = True) -> WorkCalendar:
    """Weekends, national holidays and (for civil servants) the *cuti bersama* days."""
    categories = ("public", "government") if cuti_bersama else ("public",)
    return WorkCalendar(holidays.country_holidays("ID", categories=categories))


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.strip())


def schedule_settings(settings: Settings, profile: Profile) -> ScheduleSettings:
    """The profile's time zone (SIKERJA_TIMEZONE overrides it) and the timing settings."""
    start, _, end = settings.schedule_quiet_hours.partition("-")
    return ScheduleSettings.for_profile(
        profile, settings.timezone,
        window_days=settings.schedule_window_days,
        reminder_offsets=tuple(settings.schedule_reminder_days),
        grace_working_days=settings.schedule_grace_days,
        send_time=_time(settings.schedule_send_time),
        quiet=QuietHours(_time(start), _time(end or start)),
        decision_remind_days=settings.decision_remind_days,
        decision_escalate_days=settings.decision_escalate_days,
    )


class ReminderScheduler:
    def __init__(self, app: App, settings: ScheduleSettings, calendar: WorkCalendar | None = None, *,
                 interval_seconds: float = 60, clock: Callable[[], dt.datetime] | None = None,
                 providers: Iterable[Provider] | None = None) -> None:
        self.app, self.settings = app, settings
        self.calendar = calendar or indonesian_calendar()
        self.interval = interval_seconds
        self.clock = clock or app.clock
        self.providers = None if providers is None else list(providers)
        self._scheduler: AsyncIOScheduler | None = None
        # Wall-clock times for /healthz: the last tick that went through, and when this
        # scheduler was last started (a fresh leader has not ticked yet).
        self.last_tick: dt.datetime | None = None
        self.started: dt.datetime | None = None

    async def tick(self) -> list[Notice]:
        """One run of the periodic job at `clock()`: queue the reminders due and return them,
        then forget handled updates old enough never to come again."""
        now = self.clock()
        queued = await run_reminders(self.app, self.settings, self.calendar, now=now, providers=self.providers)
        await forget_old_updates(self.app, now)
        return queued

    async def _job(self) -> None:
        try:
            queued = await self.tick()
        except Exception:  # the next tick tries again; nothing was half-written
            log.exception("reminder tick failed")
            return
        self.last_tick = dt.datetime.now(dt.UTC)
        REMINDERS.inc(len(queued))
        if queued:
            log.info("reminders: queued %d notice(s)", len(queued))

    def start(self) -> None:
        """Schedule the tick (first run at once: catch up after downtime). Needs a running loop."""
        if self._scheduler is not None:
            return
        self.started = dt.datetime.now(dt.UTC)
        self._scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._scheduler.add_job(self._job, "interval", seconds=self.interval, id="reminders",
                                coalesce=True, max_instances=1, misfire_grace_time=int(self.interval),
                                next_run_time=dt.datetime.now(dt.UTC))
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    @property
    def running(self) -> bool:
        return self._scheduler is not None and self._scheduler.running


def attach(runtime, settings: Settings) -> ReminderScheduler:
    """Give a runtime its reminder scheduler and the delivery settings (used by `run`)."""
    runtime.outbox.max_attempts = settings.outbox_max_attempts
    runtime.scheduler = ReminderScheduler(runtime.app, schedule_settings(settings, runtime.app.profile),
                                          interval_seconds=settings.schedule_tick_seconds)
    return runtime.scheduler
