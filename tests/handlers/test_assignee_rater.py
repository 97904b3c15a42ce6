"""Rule 3 at every assignment path (Dharmasraya, HSU, Surakarta; Badung and Banten per the
Corrections): adding a member, appointing the ketua and approving a voluntary application are
refused while the assignee has no Pejabat Penilai Kinerja on record; nothing is written."""
from __future__ import annotations

import pytest

from domain.application import ApplicationStatus
from domain.errors import DomainError
from domain.team import MemberRole, Team
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import alerts, texts
from tests.handlers.test_voluntary_application import apply, linked, outbox

ALL_PROFILES = ["nasional", "badung", "banten", "dharmasraya", "hulu-sungai-utara", "surakarta"]


async def _drop_rater(app, employee_id: int) -> None:
    async with app.uow() as uow:
        (await uow.org.employee(employee_id)).rater_id = None
        await uow.commit()


@pytest.mark.parametrize("profile_name", ALL_PROFILES)
@pytest.mark.parametrize("post", ["member", "ketua"])
async def test_no_team_post_without_a_rater(app, demo, post):
    budi = demo["budi"].employee
    await _drop_rater(app, budi.id)
    async with app.uow() as uow:
        team = Team(None, budi.unit_id, "Tim Uji Penilai")
        uow.teams.add(team)
        await uow.flush()
        with pytest.raises(DomainError) as refused:
            if post == "ketua":
                await set_ketua(uow, team, budi.id, demo["kabid_apt"].employee.id, app.clock(), profile=app.profile)
            else:
                await add_member(uow, team, budi.id, MemberRole.ANGGOTA, demo["kabid_apt"].employee.id, app.clock(),
                                 profile=app.profile)
        assert refused.value.code == "assignee_has_no_rater"


async def test_approval_is_refused_politely_and_the_application_stays_open(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    await _drop_rater(app, demo["budi"].employee.id)
    approve = next(m for m in await outbox(app) if m.chat_id == 2001).payload["keyboard"][0][0]["data"]
    replies = await kabid.presses(approve)
    said = " ".join(texts(replies) + alerts(replies))
    assert "belum memiliki Pejabat Penilai Kinerja yang tercatat" in said and "admin BKPSDM" in said
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        assert application.status is ApplicationStatus.SUBMITTED
        assert await uow.assignments.for_application(application.id) is None
