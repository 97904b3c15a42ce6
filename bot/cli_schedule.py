"""`python -m bot schedule show`: the reporting calendar of the configured profile and
every reminder the scheduler will send until the end of the next period, in local time."""
from __future__ import annotations

import asyncio
import datetime as dt

from bot.settings import Settings

FMT = "%a %d %b %Y %H:%M %Z"


def add_commands(sub) -> dict:
    p = sub.add_parser("schedule", help="reminders: what will be sent next, and when")
    p.add_argument("action", choices=["show"])
    p.add_argument("--days", type=int, help="look this many days ahead (default: to the end of the next period)")
    p.add_argument("--now", help="pretend it is this moment (ISO, e.g. 2026-12-20T09:00+07:00)")
    return {"schedule": cmd_schedule}


def _calendar_lines(settings, calendar, period, tz) -> list[str]:
    from domain.planner import timeline
    from domain.reminders import Obligation

    due = settings.due_of(period)
    probe = Obligation("report", 0, 0, 0, None, period.key, due=due)
    names = {"open": "window opens", "esc": "escalation"}
    lines = [f"Period {period.key} ({period.cadence.name}): {period.start:%d %b %Y} – {period.end:%d %b %Y}, "
             f"due {due.astimezone(tz).strftime(FMT)}"]
    for step in timeline(probe, settings, calendar):
        label = names.get(step.name) or f"reminder {step.name[1:]} day(s)"
        lines.append(f"  {label:<22} {step.moment.astimezone(tz).strftime(FMT)}")
    return lines


def cmd_schedule(args, settings: Settings) -> int:
    from bot.scheduler import indonesian_calendar, schedule_settings
    from bot.wiring import build_app
    from domain.periods import cadence_for, period_of
    from handlers.schedule.jobs import look_ahead
    from storage.migrate import upgrade

    upgrade(settings.database_url)

    async def _show() -> list[str]:
        app, engine = build_app(settings)
        try:
            sched = schedule_settings(settings, app.profile)
            calendar, tz = indonesian_calendar(), sched.tz
            now = dt.datetime.fromisoformat(args.now).astimezone(dt.UTC) if args.now else app.clock()
            current = period_of(cadence_for(app.profile), now.astimezone(tz).date())
            following = current.next()
            until = (now + dt.timedelta(days=args.days) if args.days is not None
                     else sched.due_of(following) + dt.timedelta(days=14))
            out = [f"Profile {app.profile.name} · {sched.timezone} ({now.astimezone(tz).tzname()}) · "
                   f"now {now.astimezone(tz).strftime(FMT)}", ""]
            out += _calendar_lines(sched, calendar, current, tz) + _calendar_lines(sched, calendar, following, tz)
            steps = await look_ahead(app, sched, calendar, now, until)
            people_ids = {step.recipient for step, _ in steps if step.audience != "group"}
            async with app.uow() as uow:
                people = await uow.org.employees(people_ids)
            out += ["", f"Notices until {until.astimezone(tz).strftime(FMT)}: {len(steps)}"]
            for step, ob in steps:
                who = (f"group {step.recipient}" if step.audience == "group"
                       else people[step.recipient].name if step.recipient in people else f"employee {step.recipient}")
                out.append(f"  {step.moment.astimezone(tz).strftime(FMT)}  {step.name:<6} {ob.kind:<14} "
                           f"→ {who}  ({ob.label or ob.period_key})")
            return out
        finally:
            await engine.dispose()

    print("\n".join(asyncio.run(_show())))
    return 0
