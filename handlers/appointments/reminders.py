"""A penunjukan waiting too long: its step's official, or a released person who has not accepted,
is reminded after `decision_remind_days` working days, and their unit head told after
`decision_escalate_days` (product decision 5: no request is left hanging)."""
from __future__ import annotations

import datetime as dt

from domain.calendar import zone
from domain.deciders import official_for
from domain.profiles import Profile, Role
from domain.reminders import DECISION, Obligation
from handlers.core.registry import Router
from storage.uow import UnitOfWork

router = Router()


@router.provider
async def pending_appointments(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    found: list[Obligation] = []
    heads: dict[int, int | None] = {}
    for ap in await uow.appointments.open():
        if ap.id is None or ap.step_since is None:
            continue
        waiting = [(ap.waiting_on, f"appointment-{ap.current}")] if ap.waiting_on is not None else [
            (person, "appointment-accept") for person in ap.unaccepted_ids]
        for person_id, key in waiting:
            if person_id is None:
                continue
            if person_id not in heads:
                person = await uow.org.employee(person_id)
                head = None
                if person is not None:
                    org = await uow.org.view_for(person, on=now.astimezone(zone(profile.timezone)).date())
                    head = official_for(org, Role.UNIT_HEAD, person.unit_id, subject=person, profile=profile)
                heads[person_id] = head.person.id if head is not None else None
            found.append(Obligation(DECISION, ap.id, person_id, heads[person_id], None, key,
                                    since=ap.step_since, label=ap.number or str(ap.id)))
    return found
