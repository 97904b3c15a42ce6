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
from domain.reminders import DECISION, Obligation
from handlers.core.registry import Router
from storage.uow import UnitOfWork

router = Router()


@router.provider
async def pending_applications(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    apps = [(a, a.decider_id) for a in await uow.schedule.submitted_applications()
            if a.decider_id is not None and a.submitted_at is not None]
    people = await uow.org.employees({a.applicant_id for a, _ in apps} | {decider_id for _, decider_id in apps})
    heads: dict[int, int | None] = {}
    found = []
    for app, decider_id in apps:
        decider = people.get(decider_id)
        if decider is None:
            continue
        if decider.id not in heads:  # the decider's unit head, or whoever stands in for them today
            org = await uow.org.view_for(decider, on=now.astimezone(zone(profile.timezone)).date())
            head = official_for(org, Role.UNIT_HEAD, decider.unit_id, subject=decider, profile=profile)
            heads[decider.id] = head.person.id if head else None
        applicant = people.get(app.applicant_id)
        label = f"{app.number or app.id} — {applicant.name if applicant else ''}".strip(" —")
        # period_key names the record type: a decision on another kind of record with the
        # same id (a ketua candidacy, a kendala) keeps an identity of its own.
        # a cross-unit route waits on each step's official from when that step opened (§2.7)
        key = f"application-s{app.step_index}" if app.steps else "application"
        found.append(Obligation(DECISION, id_of(app), decider.id, heads[decider.id], None, key,
                                since=app.step_since or app.submitted_at, label=label))
    return found
