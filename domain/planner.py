"""The reminder planner: which prompts to send now, computed purely from what is owed.

Given the step identities already sent, `plan()` returns the notices to send now, such that
- a step is sent at most once, whatever the number of ticks or restarts;
- after downtime only the latest due step of each obligation goes out (the earlier ones
  are settled with it), marked `late`, so a restart brings one current summary, not a
  burst of stale reminders;
- one recipient gets one message per kind per tick, and one group one summary per period;
- nothing goes out in quiet hours or on non-working days (it waits, then goes)."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from domain.calendar import (
    WorkCalendar,
    add_working_days_at,
    at_local,
    is_deliverable,
    settle,
)
from domain.reminders import (
    ESCALATION,
    GROUP,
    PERSON,
    Notice,
    Obligation,
    ScheduleSettings,
    Step,
)


def _step_name(offset: int) -> str:
    return f"r{offset}"


def timeline(ob: Obligation, s: ScheduleSettings, cal: WorkCalendar, until: dt.datetime | None = None,
             memo: dict[Any, Any] | None = None) -> list[Step]:
    """Every step of one obligation (only those settled by `until`, when given), in order,
    with its settled moment. `memo` carries settle() and each due day's moments across the
    obligations of one tick: thousands of them share a handful of moments."""
    tz = s.tz
    steps: list[Step] = []
    memo = {} if memo is None else memo

    def add(name: str, audience: str, recipient: int, moment: dt.datetime) -> None:
        when = memo.get(moment)
        if when is None:
            when = memo[moment] = settle(moment, tz, cal, s.quiet)
        if until is not None and when > until:
            return
        ident = f"group:{recipient}:{ob.period_key}:{name}" if audience == GROUP else f"{ob.key}:{name}"
        steps.append(Step(name, audience, recipient, when, ident))

    if ob.since is not None:
        add("remind", PERSON, ob.person_id, add_working_days_at(ob.since, s.decision_remind_days, tz, cal))
        if ob.escalate_to is not None:
            add("esc", ESCALATION, ob.escalate_to, add_working_days_at(ob.since, s.decision_escalate_days, tz, cal))
        return steps
    assert ob.due is not None
    due_day = ob.due.astimezone(tz).date()
    moments = memo.get(("day", due_day))
    if moments is None:
        dated = [("open", -s.window_days)] + [(_step_name(o), o) for o in sorted(set(s.reminder_offsets))]
        moments = memo[("day", due_day)] = (
            [(name, at_local(due_day + dt.timedelta(days=offset), s.send_time, tz)) for name, offset in dated],
            at_local(cal.add_working_days(due_day, s.grace_working_days), s.send_time, tz))
    for name, moment in moments[0]:
        add(name, PERSON, ob.person_id, moment)
        if ob.group_chat_id is not None:
            add(name, GROUP, ob.group_chat_id, moment)
    if ob.escalate_to is not None:
        add("esc", ESCALATION, ob.escalate_to, moments[1])
    return steps


Tracks = dict[tuple[str, int], list[Step]]


def _due_by_track(ob: Obligation, s: ScheduleSettings, cal: WorkCalendar, now: dt.datetime,
                  memo: dict[Any, Any], later: list[dt.datetime]) -> Tracks:
    """The steps whose moment has come, per (audience, recipient), in time order; the
    earliest moment still to come is kept in `later` (one element at most)."""
    tracks: Tracks = {}
    for step in timeline(ob, s, cal, None, memo):
        if step.moment > now:
            if not later or step.moment < later[0]:
                later[:] = [step.moment]
            continue
        tracks.setdefault((step.audience, step.recipient), []).append(step)
    for due in tracks.values():
        due.sort(key=lambda st: st.moment)  # stable: equal moments keep timeline order
    return tracks


def survey(obligations: Iterable[Obligation], s: ScheduleSettings, cal: WorkCalendar,
           now: dt.datetime) -> tuple[list[tuple[Obligation, Tracks]], dt.datetime | None]:
    """Each open obligation with its steps whose moment has come, and the next moment a
    step of any of them comes (None: none ever will). Until then, and as long as the
    obligations stay the same, no tick can find anything new to send."""
    memo: dict[Any, Any] = {}
    later: list[dt.datetime] = []
    tracks = [(ob, _due_by_track(ob, s, cal, now, memo, later)) for ob in obligations if not ob.done]
    return tracks, (later[0] if later else None)


def due_tracks(obligations: Iterable[Obligation], s: ScheduleSettings, cal: WorkCalendar,
               now: dt.datetime) -> list[tuple[Obligation, Tracks]]:
    """Each open obligation with its steps whose moment has come: computed once per tick,
    read by due_identities and plan."""
    return survey(obligations, s, cal, now)[0]


def due_identities(obligations: Iterable[Obligation], s: ScheduleSettings, cal: WorkCalendar,
                   now: dt.datetime, tracks: list[tuple[Obligation, Tracks]] | None = None) -> set[str]:
    """The step identities whose moment has come: what to look up among the sent ones."""
    if tracks is None:
        tracks = due_tracks(obligations, s, cal, now)
    return {st.identity for _, by_track in tracks for due in by_track.values() for st in due}


@dataclass
class _Pick:
    step: Step
    obligations: list[Obligation] = field(default_factory=list)
    covers: dict[str, None] = field(default_factory=dict)


def plan(obligations: Iterable[Obligation], s: ScheduleSettings, cal: WorkCalendar, now: dt.datetime,
         sent: Container[str], tracks: list[tuple[Obligation, Tracks]] | None = None) -> list[Notice]:
    """The notices to send at `now`, given the step identities already sent (and, to spare
    computing them again, the due_tracks of the same obligations at the same `now`)."""
    obligations = list(obligations)
    if not is_deliverable(now, s.tz, cal, s.quiet):
        return []
    if tracks is None:
        tracks = due_tracks(obligations, s, cal, now)
    picks: dict[tuple[str, str, int], list[_Pick]] = {}  # (audience, kind, recipient) -> picks
    groups: dict[tuple[int, str], _Pick] = {}  # (chat, period) -> one summary
    for ob, by_track in tracks:
        for (audience, recipient), due in by_track.items():
            latest = due[-1]
            if latest.identity in sent:
                continue
            covers = [st.identity for st in due if st.identity not in sent]
            if audience == GROUP:
                pick = groups.setdefault((recipient, ob.period_key), _Pick(latest))
                if latest.moment > pick.step.moment:
                    pick.step = latest
            else:
                pick = _Pick(latest)
                picks.setdefault((audience, ob.kind, recipient), []).append(pick)
            pick.obligations.append(ob)
            pick.covers.update(dict.fromkeys(covers))
    notices = [_merge(kind, group, s, now) for (_, kind, _), group in picks.items()]
    members: dict[tuple[int | None, str], set[int]] = {}  # one pass, not one per group
    for o in obligations:
        members.setdefault((o.group_chat_id, o.period_key), set()).add(o.person_id)
    for (chat, period), pick in groups.items():
        total = len(members.get((chat, period), ()))
        kinds = {o.kind for o in pick.obligations}
        notices.append(_notice(pick.step.identity, kinds.pop() if len(kinds) == 1 else "mixed", pick.step, now, s,
                               pick.obligations, list(pick.covers), total=total))
    return sorted(notices, key=lambda n: (n.moment, n.identity))


def _merge(kind: str, picks: list[_Pick], s: ScheduleSettings, now: dt.datetime) -> Notice:
    """One message per recipient and kind: a single step keeps its own identity; several
    get a composite one (stable: derived from the identities they settle)."""
    picks.sort(key=lambda p: (p.step.moment, p.step.identity))
    covers = list(dict.fromkeys(c for p in picks for c in p.covers))
    obligations = [o for p in picks for o in p.obligations]
    latest = max((p.step for p in picks), key=lambda st: st.moment)
    if len(picks) == 1:
        return _notice(latest.identity, kind, latest, now, s, obligations, covers)
    periods = {o.period_key for o in obligations}
    names = {p.step.name for p in picks}
    digest = hashlib.sha1("\n".join(sorted(covers)).encode()).hexdigest()[:10]
    ident = (f"{kind}:e{latest.recipient}:{periods.pop() if len(periods) == 1 else 'multi'}:"
             f"{names.pop() if len(names) == 1 else 'multi'}:{latest.audience[:3]}:{digest}")
    earliest = min(p.step.moment for p in picks)
    step = Step(latest.name, latest.audience, latest.recipient, earliest, ident)
    return _notice(ident, kind, step, now, s, obligations, covers)


def _notice(ident: str, kind: str, step: Step, now: dt.datetime, s: ScheduleSettings,
            obligations: list[Obligation], covers: list[str], total: int = 0) -> Notice:
    return Notice(ident, kind, step.audience, step.recipient, step.name, step.moment,
                  now - step.moment > s.late_after, tuple(obligations), tuple(covers), total)


def upcoming(obligations: Iterable[Obligation], s: ScheduleSettings, cal: WorkCalendar, now: dt.datetime,
             sent: Container[str], until: dt.datetime) -> list[tuple[Step, Obligation]]:
    """Steps still to come before `until` (one line per step; a group step once)."""
    seen: set[str] = set()
    out = []
    for ob in obligations:
        if ob.done:
            continue
        for step in timeline(ob, s, cal):
            if now < step.moment <= until and step.identity not in sent and step.identity not in seen:
                seen.add(step.identity)
                out.append((step, ob))
    return sorted(out, key=lambda pair: (pair[0].moment, pair[0].identity))
