"""Submitting an application as a use case, outside any conversation: its routing (the
decider, whom a Plt/Plh stands in for, the tembusan) is fixed on the application itself,
and deciding reads it from there, never from the audit trail."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from domain.acting import ActingKind, ActingOfficial
from domain.application import ApplicationStatus
from handlers.applications.buttons import ApplicationDecision
from handlers.applications.usecases import ApplicationDraft, submit_application
from storage.records import Decision
from tests.handlers.chat import texts
from tests.handlers.test_voluntary_application import MOTIVATION, linked, outbox

pytestmark = pytest.mark.parametrize("profile_name", ["surakarta"])  # copies the rater (tembusan)


async def _submit_with_plt(app, demo):
    """Andi applies while Rina is Plt for his unit head, the Sekretaris; his rater (the
    Kasubbag) gets a copy."""
    sekretaris, rina, andi = (demo[k].employee for k in ("sekretaris", "kabid_ikp", "andi"))
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, sekretaris.id, rina.id, ActingKind.PLT, dt.date(2026, 11, 1),
                                      dt.date(2026, 12, 31)))
        submitted = await submit_application(uow, app.profile, andi, ApplicationDraft("Tim SPBE", MOTIVATION),
                                             app.clock())
        await uow.commit()
    return submitted.application


async def test_submit_routes_numbers_and_records_the_routing_on_the_application(app, demo, profile_name):
    sekretaris, rina, kasubbag = (demo[k].employee for k in ("sekretaris", "kabid_ikp", "kasubbag"))
    submitted = await _submit_with_plt(app, demo)
    assert submitted.number == "PS-2026-00001" and submitted.status is ApplicationStatus.SUBMITTED
    async with app.uow() as uow:
        stored = await uow.applications.get(submitted.id)
        trail = await uow.decisions.for_subject("application", submitted.id)
    assert (stored.decider_id, stored.acting_for_id, stored.tembusan_ids) == (rina.id, sekretaris.id, [kasubbag.id])
    assert [d.action for d in trail] == ["submitted"]  # history, kept beside the columns


async def test_deciding_reads_the_routing_from_the_application_not_the_audit_trail(app, demo, profile_name):
    sekretaris, rina, kasubbag = (demo[k].employee for k in ("sekretaris", "kabid_ikp", "kasubbag"))
    submitted = await _submit_with_plt(app, demo)
    async with app.uow() as uow:  # the audit trail loses what it said about the routing
        await uow.session.execute(update(Decision).where(Decision.subject_id == submitted.id).values(details={}))
        await uow.commit()
    plt = await linked(app, demo, "kabid_ikp", 2002)
    await linked(app, demo, "kasubbag", 2003)
    assert "ST-2026-" in texts(await plt.presses(ApplicationDecision("ok", submitted.id)))[0]
    async with app.uow() as uow:
        approved = (await uow.decisions.for_subject("application", submitted.id))[-1]
    assert (approved.action, approved.actor_id, approved.acting_for_id) == ("approved", rina.id, sekretaris.id)
    assert [m.key for m in await outbox(app) if ":cc:" in m.key] == [
        f"app:{submitted.id}:cc:{kasubbag.id}:approved"]
