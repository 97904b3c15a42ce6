"""How reminders read, in the recipient's language. A notice states the current state
(due in N days, overdue since, waiting N working days), so a late catch-up message is a
true summary. Features with their own wording register a renderer for their kind."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.calendar import WorkCalendar
from domain.profiles import Profile
from domain.reminders import (
    DECISION,
    ESCALATION,
    GROUP,
    MEMBER_REPORT,
    TEAM_REPORT,
    Notice,
    Obligation,
    ScheduleSettings,
)
from handlers.core.formatting import day, period
from handlers.core.i18n import Html, Translator, escape
from handlers.core.types import Keyboard
from storage.repos.links import Reach

LIST_MAX = 15  # lines per private notice
LABEL_MAX = 80


@dataclass(frozen=True)
class RenderContext:
    now: dt.datetime
    settings: ScheduleSettings
    calendar: WorkCalendar
    names: dict[int, str]  # of the people the notices name
    links: dict[int, Reach]  # of the people written to or mentioned
    profile: Profile | None = None  # for the articles a notice cites
    threads: dict[int, int] = field(default_factory=dict)  # group chat -> the team's forum topic

    def day(self, t: Translator, moment: dt.datetime) -> str:
        return day(t, moment.astimezone(self.settings.tz).date())

    def today(self) -> dt.date:
        return self.now.astimezone(self.settings.tz).date()

    def name(self, employee_id: int) -> str:
        return self.names.get(employee_id, f"#{employee_id}")

    def waited(self, ob: Obligation) -> int:
        return self.calendar.working_days_between(_since(ob).astimezone(self.settings.tz).date(), self.today())


def _since(ob: Obligation) -> dt.datetime:
    """When a waiting obligation (a decision) began; decision notices carry only those."""
    if ob.since is None:
        raise ValueError(f"{ob.key} has a deadline, not a waiting time")
    return ob.since


Renderer = Callable[[Translator, Notice, RenderContext], str]
_RENDERERS: dict[str, Renderer] = {}


def register_renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Let a feature word the notices of its own obligation kind."""
    def register(fn: Renderer) -> Renderer:
        _RENDERERS[kind] = fn
        return fn
    return register


KeyboardFor = Callable[[Translator, Notice], Keyboard | None]
_KEYBOARDS: dict[str, KeyboardFor] = {}


def register_keyboard(kind: str) -> Callable[[KeyboardFor], KeyboardFor]:
    """Let a feature put buttons under the private notices of its obligation kind (e.g. a
    prompt's "give input now"); group summaries never carry any."""
    def register(fn: KeyboardFor) -> KeyboardFor:
        _KEYBOARDS[kind] = fn
        return fn
    return register


def keyboard_for(t: Translator, notice: Notice) -> Keyboard | None:
    make = _KEYBOARDS.get(notice.kind)
    return make(t, notice) if make is not None and notice.audience != GROUP else None


def render(t: Translator, notice: Notice, rc: RenderContext) -> str:
    if notice.audience == GROUP:
        return _group(t, notice, rc)
    custom = _RENDERERS.get(notice.kind)
    if custom is not None:
        return custom(t, notice, rc)
    return _decision(t, notice, rc) if notice.kind == DECISION else _deadline(t, notice, rc)


def _label(ob: Obligation) -> str:
    return ob.label if len(ob.label) <= LABEL_MAX else ob.label[:LABEL_MAX - 1] + "…"


def _what(t: Translator, ob: Obligation) -> str:
    if ob.kind == MEMBER_REPORT:
        return t("member report, {team}", team=_label(ob))
    if ob.kind == TEAM_REPORT:
        return t("team report as Ketua, {team}", team=_label(ob))
    return escape(_label(ob) or ob.kind)


def _due_state(t: Translator, ob: Obligation, rc: RenderContext) -> str:
    assert ob.due is not None
    what, due = Html(_what(t, ob)), rc.day(t, ob.due)
    left = (ob.due.astimezone(rc.settings.tz).date() - rc.today()).days
    if rc.now > ob.due:
        return Html(t("{what}, period {period}: was due {due}", what=what, period=period(t, ob.period_key), due=due))
    if left == 0:
        return Html(t("{what}, period {period}: due today", what=what, period=period(t, ob.period_key)))
    named = period(t, ob.period_key)  # outside t.ngettext(…): Babel reads a `t` among its arguments as t(…)
    return Html(t.ngettext("{what}, period {period}: due {due} ({count} day left)",
                    "{what}, period {period}: due {due} ({count} days left)", left, what=what, period=named, due=due))


def _lines(t: Translator, items: list[str]) -> list[str]:
    shown = items[:LIST_MAX]
    if len(items) > LIST_MAX:
        shown.append(t("…and {count} more.", count=len(items) - LIST_MAX))
    return shown


def _deadline(t: Translator, n: Notice, rc: RenderContext) -> str:
    if n.audience == ESCALATION:
        head = t.ngettext("📣 <b>Reports not received</b> {count} working day after they were due:",
                   "📣 <b>Reports not received</b> {count} working days after they were due:",
                   rc.settings.grace_working_days)
        lines = ["• " + t("{name} — {state}", name=rc.name(ob.person_id), state=_due_state(t, ob, rc))
                 for ob in n.items]
        return Html("\n".join([head, *_lines(t, lines)]))
    overdue = any(ob.due is not None and rc.now > ob.due for ob in n.items)
    if n.late:
        head = t("📋 <b>Still open</b> — a summary of your reports:")
    elif overdue:
        head = t("⚠️ <b>Your report has not been received yet.</b>")
    elif n.step == "open":
        head = t("📝 <b>The reporting window is open.</b> Please send your report:")
    else:
        head = t("⏰ <b>Reminder</b>: your report is due soon.")
    return Html("\n".join([head, *_lines(t, ["• " + _due_state(t, ob, rc) for ob in n.items])]))


def _with_since(t: Translator, n: Notice, rc: RenderContext) -> list[tuple[Obligation, str]]:
    """Each waiting decision with the day it has waited since (worded before t.ngettext(…), see above)."""
    return [(ob, rc.day(t, _since(ob))) for ob in n.items]


def _decision(t: Translator, n: Notice, rc: RenderContext) -> str:
    if n.audience == ESCALATION:
        head = t("📣 <b>Decisions waiting too long</b>:")
        lines = ["• " + t.ngettext("{what}: waiting for {name} since {since} ({count} working day)",
                            "{what}: waiting for {name} since {since} ({count} working days)", rc.waited(ob),
                            what=_label(ob), name=rc.name(ob.person_id), since=since)
                 for ob, since in _with_since(t, n, rc)]
        return Html("\n".join([head, *_lines(t, lines)]))
    head = t("⏳ <b>Waiting for your decision</b>:")
    lines = ["• " + t.ngettext("{what}: since {since} ({count} working day)",
                               "{what}: since {since} ({count} working days)",
                               rc.waited(ob), what=_label(ob), since=since) for ob, since in _with_since(t, n, rc)]
    return Html("\n".join([head, *_lines(t, lines), t("Send /persetujuan to decide.")]))


def mention(full_name: str | None, link: Reach | None, fallback: str) -> str:
    name = full_name.split(",")[0] if full_name else fallback
    if link is None:
        return escape(name)
    return Html(f'<a href="tg://user?id={link.telegram_user_id}">{escape(name)}</a>')


def _group(t: Translator, n: Notice, rc: RenderContext) -> str:
    key = n.items[0].period_key
    dues = sorted({ob.due for ob in n.items if ob.due is not None})
    head = t("📋 <b>Reports for period {period}</b>", period=period(t, key))
    if dues:
        when = rc.day(t, dues[0])
        head += "\n" + (t("Were due {due}.", due=when) if rc.now > dues[0] else t("Due {due}.", due=when))
    pending = list(dict.fromkeys(ob.person_id for ob in n.items))
    cap = rc.settings.max_mentions
    names = [mention(rc.names.get(pid), rc.links.get(pid), f"#{pid}") for pid in pending[:cap]]
    body = t("Not reported yet: {pending} of {total}", pending=len(pending), total=max(n.total, len(pending)))
    lines = [head, body, ", ".join(names)]
    if len(pending) > cap:
        lines.append(t("…and {count} more.", count=len(pending) - cap))
    return Html("\n".join(lines))
