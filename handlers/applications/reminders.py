"""Decisions waiting too long: a voluntary application still waiting for its decider
(across units: the official of its open step) is a 'decision' obligation. The decider is
reminded after `decision_remind_days` working days; after `decision_escalate_days` the
decider's own unit head is told (docs/DECISIONS.md, product decision 5: no request is left
hanging)."""
from __future__ import annotations

import datetime as dt

from domain.calendar import zone
from domain.deciders import official_for
from domain.ids import id_of
from domain.profiles import Profile, Role
from domain.reminders import DECISION, PERSON, Notice, Obligation
from domain.text import shorten
from handlers.applications.buttons import ShowApplication
from handlers.core.buttons import button
from handlers.core.context import keyboard
from handlers.core.i18n import Translator
from handlers.core.registry import Router
from handlers.core.types import Keyboard
from handlers.schedule.texts import register_keyboard
from storage.uow import UnitOfWork

APPLICATION = "application"  # the period_key naming an application among decisions
REMINDER_BUTTONS = 5

router = Router()


@router.provider
async def pending_applications(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    apps = [(a, a.decider_id) for a in await uow.schedule.submitted_applications()
            if a.decider_id is not None and a.submitted_at is not None]
    people = await uow.org.employees({decider_id for _, decider_id in apps})
    applicants = await uow.org.names(a.applicant_id for a, _ in apps)  # only named: columns, not objects
    deciders = set(people)
    # One org snapshot for every decider's unit, however many decisions wait.
    org = await uow.org.snapshot({people[d].unit_id for d in deciders}, deciders,
                                 on=now.astimezone(zone(profile.timezone)).date())
    heads: dict[int, int | None] = {}
    found = []
    for app, decider_id in apps:
        decider = people.get(decider_id)
        if decider is None:
            continue
        if decider.id not in heads:  # the decider's unit head, or whoever stands in for them today
            head = official_for(org, Role.UNIT_HEAD, decider.unit_id, subject=decider, profile=profile)
            heads[decider.id] = head.person.id if head else None
        label = f"{app.number or app.id} — {applicants.get(app.applicant_id, '')}".strip(" —")
        # period_key names the record type: a decision on another kind of record with the
        # same id (a ketua candidacy, a kendala) keeps an identity of its own.
        # a cross-unit route waits on each step's official from when that step opened (§2.7)
        key = f"{APPLICATION}-s{app.step_index}" if app.steps else APPLICATION
        found.append(Obligation(DECISION, id_of(app), decider.id, heads[decider.id], None, key,
                                since=app.step_since or app.submitted_at, label=label))
    return found


def is_application(period_key: str) -> bool:
    """An application's decision, or one step of a cross-unit application's route."""
    return period_key == APPLICATION or period_key.startswith(f"{APPLICATION}-s")


@register_keyboard(DECISION)
def decide_now(t: Translator, notice: Notice) -> Keyboard | None:
    """Under "waiting for your decision": one button per application, opening its card."""
    if notice.audience != PERSON:
        return None
    apps = [ob for ob in notice.items if is_application(ob.period_key)][:REMINDER_BUTTONS]
    return keyboard(*[[button(t("⚖️ Decide {what}", what=shorten(ob.label, 40)), ShowApplication(ob.subject_id))]
                      for ob in apps]) or None
