"""Scheduled jobs of the application layer. The reminder tick asks every registered
obligation provider what is owed, lets the pure planner pick what to send now, and
queues it through the outbox *and* records the steps as sent, in one transaction: a
crash either loses nothing or sends nothing twice.

Plugging in a feature (e.g. teams and reports):

    from handlers.core.registry import Router
    router = Router()  # listed in the feature package's router.py

    @router.provider
    async def member_reports(uow, profile, now) -> list[Obligation]:
        ...  # one Obligation per (member, team, period) that is open around `now`:
        # Obligation("member_report", team.id, member_id, escalate_to=ketua_id,
        #            group_chat_id=team.group_chat_id, period_key=period.key,
        #            due=due_for(profile, period), done=has_reported, label=team.name)

A provider is called whenever a tick must look at the whole Pemda and whenever `schedule
show` looks ahead; it should return the obligations of the current period (and the previous
one while it may still be overdue), with `done=True` for those already fulfilled. Its answer
may depend on the data and on the day, nothing else: a tick that found nothing new to send
remembers (in memory) the data version it saw (storage/data_version.py) and the next moment a
step comes; until then, or the next local midnight, the ticks read that version and stop."""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError

from domain.calendar import WorkCalendar, is_deliverable, settle
from domain.planner import due_identities, plan, survey, timeline, upcoming
from domain.profiles import Profile
from domain.reminders import GROUP, Notice, Obligation, ScheduleSettings, Step
from handlers.core.app import App
from handlers.core.context import keyboard_to_json
from handlers.core.i18n import translator
from handlers.schedule.texts import RenderContext, keyboard_for, render
from storage import data_version
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# Telegram keeps an unconfirmed update for 24 hours: a week of keys catches any redelivery.
UPDATE_KEYS_KEPT = dt.timedelta(days=7)
# Reminder steps are remembered for a year and more: an obligation is listed for its period and
# the one after (half a year at most), and a step forgotten too early would be sent again.
SCHEDULE_KEPT = dt.timedelta(days=400)
PRUNE_BATCH, PRUNE_ROUNDS = 5000, 20  # per tick at most 100k rows of each: the rest next minute
# Notices queued per write transaction: each holds SQLite's write lock for milliseconds, not the whole tick.
WRITE_CHUNK = 500
# A full look at least this often whatever the data version says: a change made behind the
# application's back (by hand in the database) still reaches the reminders within it.
FULL_LOOK_EVERY = dt.timedelta(hours=1)  # at 100k employees ~1.7 s CPU an hour: 30 ms a minute

Provider = Callable[[UnitOfWork, Profile, dt.datetime], Awaitable[list[Obligation]]]
def registered_providers() -> list[Provider]:
    from handlers.features import registry  # features import this module: resolve late

    return list(registry.providers)


def as_scheduled(profile: Profile, settings: ScheduleSettings) -> Profile:
    """The profile as providers should see it: in the zone the scheduler works in."""
    if profile.timezone == settings.timezone:
        return profile
    return dataclasses.replace(profile, timezone=settings.timezone)


async def collect(uow: UnitOfWork, profile: Profile, now: dt.datetime,
                  providers: Iterable[Provider] | None = None) -> list[Obligation]:
    return (await _collect(uow, profile, now, providers))[0]


async def _collect(uow: UnitOfWork, profile: Profile, now: dt.datetime,
                   providers: Iterable[Provider] | None) -> tuple[list[Obligation], bool]:
    """The obligations, and whether every provider answered."""
    found: list[Obligation] = []
    complete = True
    for provider in registered_providers() if providers is None else providers:
        try:
            found.extend(await provider(uow, profile, now))
        except Exception:  # one broken feature must not silence the others' reminders
            log.exception("obligation provider %s failed", getattr(provider, "__qualname__", provider))
            await uow.rollback()
            complete = False
    return found, complete


@dataclasses.dataclass(frozen=True)
class _Quiet:
    """What a complete tick learnt: with the data at `version`, nothing new can be due from
    `since` until `until` (the calendar is kept to be sure it is the one asked about)."""
    version: int
    since: dt.datetime
    until: dt.datetime
    calendar: WorkCalendar

    def holds(self, version: int, now: dt.datetime, calendar: WorkCalendar) -> bool:
        return version == self.version and self.since <= now < self.until and calendar is self.calendar


def _horizon(settings: ScheduleSettings, calendar: WorkCalendar, now: dt.datetime, next_step: dt.datetime | None,
             held_back: bool) -> dt.datetime:
    """Until when a tick at `now` that saw `next_step` coming stays right, the data unchanged:
    the next step, the next local midnight (providers list obligations by the day), the next
    full look, and, when due steps were held back by quiet hours, the moment they may go."""
    tz = settings.tz
    midnight = dt.datetime.combine(now.astimezone(tz).date() + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    moments = [midnight.astimezone(dt.UTC), now + FULL_LOOK_EVERY]
    if next_step is not None:
        moments.append(next_step)
    if held_back:
        moments.append(settle(now, tz, calendar, settings.quiet))
    return min(moments)


async def run_reminders(app: App, settings: ScheduleSettings, calendar: WorkCalendar, *,
                        now: dt.datetime | None = None, providers: Iterable[Provider] | None = None) -> list[Notice]:
    """One tick: queue what is due now; returns the notices queued."""
    return await _tick(app, settings, calendar, now or app.clock(), providers)


async def _tick(app: App, settings: ScheduleSettings, calendar: WorkCalendar, now: dt.datetime,
                providers: Iterable[Provider] | None) -> list[Notice]:
    """Read everything first, in a transaction that only reads (on SQLite no write lock: users
    are not kept waiting while the whole Pemda is looked at), then write in short chunks.
    A tick that cannot find anything new (same data version, no step come since the last
    complete tick, same day) stops after reading the version."""
    providers = None if providers is None else tuple(providers)
    key = ("reminders", providers, settings)
    async with app.uow.read_only() as uow:
        version = await data_version.read(uow.session)
        known = app.memo.pop(key, None)
        if known is not None and known.holds(version, now, calendar):
            app.memo[key] = known
            return []
        obligations, complete = await _collect(uow, as_scheduled(app.profile, settings), now, providers)
        # The pure work on thousands of obligations runs in a worker thread: the event loop
        # keeps answering users meanwhile (the GIL changes hands every few milliseconds).
        tracks, next_step = await asyncio.to_thread(survey, obligations, settings, calendar, now)
        candidates = due_identities(obligations, settings, calendar, now, tracks)
        sent = await uow.schedule.sent_among(candidates) if candidates else set()
        notices = (await asyncio.to_thread(plan, obligations, settings, calendar, now, sent, tracks)
                   if candidates else [])
        rc = await _render_context(uow, notices, settings, calendar, now, app.profile) if notices else None
    queued: list[Notice] = []
    if rc is not None:
        ready = await asyncio.to_thread(_rendered, app, notices, rc)
        for i in range(0, len(ready), WRITE_CHUNK):
            queued += await _queue(app, ready[i:i + WRITE_CHUNK], now)
    if complete:
        # What is still due and unsent now waits for a link (a data change) or, in quiet hours, for them to end.
        held_back = bool(candidates - set(sent)) and not is_deliverable(now, settings.tz, calendar, settings.quiet)
        app.memo[key] = _Quiet(version, now, _horizon(settings, calendar, now, next_step, held_back), calendar)
    return queued


def _rendered(app: App, notices: list[Notice], rc: RenderContext) -> list[tuple[Notice, int, dict]]:
    """Each notice with its chat and payload, in its reader's language."""
    ready = []
    for notice in notices:
        if notice.audience == GROUP:
            chat, language = notice.recipient, app.config.default_language
        else:
            link = rc.links.get(notice.recipient)
            if link is None:  # not on Telegram yet: they get the current state once they link
                continue
            chat, language = link.chat_id, link.language
        t = translator(language)
        payload: dict[str, Any] = {"text": render(t, notice, rc),
                                   "keyboard": keyboard_to_json(keyboard_for(t, notice))}
        if notice.audience == GROUP and (thread := rc.threads.get(chat)) is not None:
            payload["thread_id"] = thread  # the team's topic of a forum group
        ready.append((notice, chat, payload))
    return ready


async def _queue(app: App, chunk: list[tuple[Notice, int, dict]], now: dt.datetime) -> list[Notice]:
    """Queue one chunk and record its steps as sent, in one short write transaction (a crash
    loses nothing and sends nothing twice). Steps another process queued since the read are
    left to it: checked again under the write lock, and a race it still wins rolls the chunk back."""
    try:
        async with app.uow() as uow:
            taken = await uow.schedule.sent_among(i for notice, _, _ in chunk for i in notice.records)
            fresh = [(n, chat, payload) for n, chat, payload in chunk if not taken.intersection(n.records)]
            if not fresh:
                return []
            await uow.outbox.enqueue_many([(n.identity, chat, payload) for n, chat, payload in fresh], now)
            await uow.schedule.mark_sent_many([(n.records, n.identity) for n, _, _ in fresh], now)
            await uow.commit()
    except IntegrityError:  # another process queued the same steps first: nothing lost, nothing doubled
        log.info("reminder tick at %s overlapped another one; it left %d notice(s) to it", now, len(chunk))
        return []
    app.on_outbox()  # the sender starts on this chunk while the next is written
    return [n for n, _, _ in fresh]


class _Prunable(Protocol):
    async def prune(self, older_than: dt.datetime, limit: int) -> int: ...


async def prune_history(app: App, now: dt.datetime) -> dict[str, int]:
    """Prune what only ever grows: keys of handled updates past UPDATE_KEYS_KEPT, delivered or
    dead notices past `notices_kept_days`, reminder steps past SCHEDULE_KEPT. Batches of a few
    thousand rows, each in a short transaction of its own (neither waiting for nor spoiling the
    reminder tick's, nor keeping updates waiting); returns how many of each."""
    kept = {"updates": UPDATE_KEYS_KEPT, "outbox": dt.timedelta(days=app.config.notices_kept_days),
            "schedule": SCHEDULE_KEPT}
    pruned = dict.fromkeys(kept, 0)
    for name, span in kept.items():
        for _ in range(PRUNE_ROUNDS):
            async with app.uow() as uow:
                repos: dict[str, _Prunable] = {"updates": uow.updates, "outbox": uow.outbox, "schedule": uow.schedule}
                repo = repos[name]
                count = await repo.prune(now - span, PRUNE_BATCH)
                await uow.commit()
            pruned[name] += count
            if count < PRUNE_BATCH:
                break
    return pruned


async def forget_old_updates(app: App, now: dt.datetime) -> int:
    """The pruning the scheduler runs after each tick; returns how many rows in all."""
    return sum((await prune_history(app, now)).values())


async def _render_context(uow: UnitOfWork, notices: list[Notice], settings: ScheduleSettings,
                          calendar: WorkCalendar, now: dt.datetime, profile: Profile) -> RenderContext:
    ids = {n.recipient for n in notices if n.audience != GROUP}
    ids |= {ob.person_id for n in notices for ob in n.items}
    names = await uow.org.names(ids)
    links = await uow.links.reach(ids)
    threads = await uow.teams.group_threads({n.recipient for n in notices if n.audience == GROUP})
    return RenderContext(now, settings, calendar, names, links, profile, threads)


async def look_ahead(app: App, settings: ScheduleSettings, calendar: WorkCalendar, now: dt.datetime,
                     until: dt.datetime, providers: Iterable[Provider] | None = None
                     ) -> list[tuple[Step, Obligation]]:
    """What the scheduler will send between now and `until` (for `schedule show`):
    obligations as the providers see them now and at `until`."""
    async with app.uow() as uow:
        providers = registered_providers() if providers is None else list(providers)
        profile = as_scheduled(app.profile, settings)
        obligations = {ob.key: ob for at in (now, until) for ob in await collect(uow, profile, at, providers)}
        candidates = {st.identity for ob in obligations.values() for st in timeline(ob, settings, calendar)}
        sent = await uow.schedule.sent_among(candidates)
    return upcoming(obligations.values(), settings, calendar, now, sent, until)

