"""Submitting a voluntary application: route, number, record, in the caller's transaction.
The conversation that collects the draft keeps its steps, its rendering and the notices."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.application import Application, ApplicationScope, format_number
from domain.calendar import zone
from domain.deciders import route_voluntary_within_unit
from domain.ids import id_of
from domain.org import Employee
from domain.profiles import Profile
from domain.voluntary import route_cross_unit
from storage.records import Decision
from storage.repos.org import OrgSnapshot
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class ApplicationDraft:
    target: str
    motivation: str
    team_id: int | None = None


@dataclass(frozen=True)
class Submitted:
    application: Application  # routed: decider_id, acting_for_id and tembusan_ids are set
    org: OrgSnapshot  # the organisation it was routed in (names whom a Plt/Plh stands in for)
    decider_id: int  # the application's decider_id, known set


async def _record(uow: UnitOfWork, app: Application, now: dt.datetime) -> None:
    app.number = format_number("PS", now.year, await uow.counters.next(f"PS-{now.year}"))
    uow.applications.add(app)
    await uow.flush()


async def submit_application(uow: UnitOfWork, profile: Profile, applicant: Employee, draft: ApplicationDraft,
                             now: dt.datetime) -> Submitted:
    org = await uow.org.view_for(applicant, on=now.astimezone(zone(profile.timezone)).date())
    routing = route_voluntary_within_unit(org, profile, applicant)
    app = Application(None, applicant.id, applicant.unit_id, draft.target, draft.motivation, team_id=draft.team_id,
                      created_at=now)
    app.submit(routing.decider_id, now, acting_for_id=routing.acting_for_id, tembusan_ids=routing.tembusan_ids)
    await _record(uow, app, now)
    # History only: what routed it, as it was then. The application's own columns are what count.
    uow.decisions.add(Decision("application", id_of(app), applicant.id, "submitted", now,
                               details={"decider_id": routing.decider_id, "role": routing.decider_role.value,
                                        "tembusan": list(routing.tembusan_ids), "source": routing.source,
                                        "acting_for_id": routing.acting_for_id}))
    return Submitted(app, org, routing.decider_id)


async def submit_cross_unit(uow: UnitOfWork, profile: Profile, applicant: Employee, draft: ApplicationDraft,
                            target_unit_id: int, now: dt.datetime) -> Submitted:
    """§2.7: route it along the profile's steps (domain.voluntary.route_cross_unit) and record it."""
    org = await uow.org.view_for(applicant, unit_ids=[target_unit_id], on=now.astimezone(zone(profile.timezone)).date())
    route = route_cross_unit(org, profile, applicant, target_unit_id)
    app = Application(None, applicant.id, applicant.unit_id, draft.target, draft.motivation, team_id=draft.team_id,
                      scope=ApplicationScope.CROSS_UNIT, created_at=now)
    app.submit_cross_unit(route.steps, target_unit_id, now, tembusan_ids=route.applicant_tembusan)
    await _record(uow, app, now)
    uow.decisions.add(Decision("application", id_of(app), applicant.id, "submitted", now,
                               details={"scope": "cross_unit", "target_unit_id": target_unit_id,
                                        "steps": app.steps, "tembusan": list(route.applicant_tembusan),
                                        "letter_drafter": route.letter_drafter.value,
                                        "source": profile.voluntary.cross_unit.source}))
    return Submitted(app, org, app.steps[0]["person_id"])
