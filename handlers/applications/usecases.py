"""Submitting a voluntary application: route, number, record, in the caller's transaction.
The conversation that collects the draft keeps its steps, its rendering and the notices."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.application import Application, format_number
from domain.calendar import zone
from domain.deciders import route_voluntary_within_unit
from domain.ids import id_of
from domain.org import Employee
from domain.profiles import Profile
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


async def submit_application(uow: UnitOfWork, profile: Profile, applicant: Employee, draft: ApplicationDraft,
                             now: dt.datetime) -> Submitted:
    org = await uow.org.view_for(applicant, on=now.astimezone(zone(profile.timezone)).date())
    routing = route_voluntary_within_unit(org, profile, applicant)
    app = Application(None, applicant.id, applicant.unit_id, draft.target, draft.motivation, team_id=draft.team_id,
                      created_at=now)
    app.submit(routing.decider_id, now, acting_for_id=routing.acting_for_id, tembusan_ids=routing.tembusan_ids)
    app.number = format_number("PS", now.year, await uow.counters.next(f"PS-{now.year}"))
    uow.applications.add(app)
    await uow.flush()
    # History only: what routed it, as it was then. The application's own columns are what count.
    uow.decisions.add(Decision("application", id_of(app), applicant.id, "submitted", now,
                               details={"decider_id": routing.decider_id, "role": routing.decider_role.value,
                                        "tembusan": list(routing.tembusan_ids), "source": routing.source,
                                        "acting_for_id": routing.acting_for_id}))
    return Submitted(app, org, routing.decider_id)
