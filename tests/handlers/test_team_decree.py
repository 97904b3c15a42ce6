"""The team's decree (rules 36/38): issued by the official the profile names for the team's scope once the
team starts; numbered KT-YYYY-NNNNN and recorded; a proposal the issuer approves or rejects where the issuer
is not the team's own unit head; the members get it as a PDF from /tim."""
from __future__ import annotations

import pytest

from domain.profiles import load_profile, with_overrides
from domain.team_decree import DecreeStatus
from handlers.core.app import App, AppConfig
from handlers.core.types import SendDocument
from handlers.teams.buttons import DecreeDecision, DecreeLetter, PickKetua, PickMember
from storage.engine import session_factory
from storage.uow import UnitOfWorkFactory
from tests.handlers.chat import Person, alerts, buttons_of, texts
from tests.handlers.test_teams import _add_setda, form_team, propose_ketua
from tests.handlers.test_voluntary_application import linked, outbox


async def decrees(app, team_id):
    async with app.uow() as uow:
        latest = await uow.decrees.latest(team_id)
        decisions = [d.action for d in await uow.decisions.for_subject("team", team_id)]
    return latest, decisions


async def test_the_unit_head_issues_the_decree_when_the_team_starts(app, demo):
    """PermenPANRB 7/2022 Lamp. (penunjukan oleh PPK dan/atau Pimpinan UO): the unit head suffices."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    budi = await linked(app, demo, "budi", 1001)
    dewi = await linked(app, demo, "dewi", 1004)
    team_id = await form_team(kabid)
    assert (await decrees(app, team_id))[0] is None  # not started: no ketua yet
    await kabid.presses(PickKetua(team_id, demo["budi"].employee.id))
    await kabid.presses(PickMember(team_id, demo["dewi"].employee.id))
    decree, decisions = await decrees(app, team_id)
    assert decree.status is DecreeStatus.ISSUED and decree.number == "KT-2026-00001"
    assert decree.issuer_id == demo["kabid_apt"].employee.id and "decree_issued" in decisions
    assert any("KT-2026-00001" in m.payload["text"] for m in await outbox(app) if m.chat_id == 1001)
    (letter,) = buttons_of(await dewi.says("/tim"), DecreeLetter)
    (doc,) = [r for r in await budi.presses(letter) if isinstance(r, SendDocument)]
    assert doc.filename == "Keputusan_KT-2026-00001.pdf" and doc.content.startswith(b"%PDF")
    outsider = await linked(app, demo, "siti", 1005)
    assert alerts(await outsider.presses(letter))


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_no_decree_where_the_regulation_names_no_instrument(app, demo, profile_name):
    """Hulu Sungai Utara: no team instrument named (NS)."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo["budi"].employee.id, "force"))
    assert (await decrees(app, team_id))[0] is None


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_the_pimpinan_uo_issues_it_though_the_sekda_appoints(app, demo, profile_name):
    """Surakarta Ps 14(3)-(4): the decree is the Pimpinan UO's, as performance owner; the Sekda only appoints
    the ketua (Ps 15(4)), so the decree needs no proposal."""
    from handlers.org.link_codes import issue_code

    sekda = await _add_setda(app)
    async with app.uow() as uow:
        code = (await issue_code(uow, sekda.id, app.clock(), 72)).code
        await uow.commit()
    kabid = await linked(app, demo, "kabid_apt", 2001)
    sekda_p = Person(app, 3001, "Bambang")
    await sekda_p.says(f"/start {code}")
    team_id = await form_team(kabid)
    await propose_ketua(kabid, team_id, demo["budi"].employee.id)
    approve = [m for m in await outbox(app) if m.chat_id == 3001][-1].payload["keyboard"][0][0]["data"]
    await sekda_p.presses(approve)
    decree, _ = await decrees(app, team_id)
    assert decree.status is DecreeStatus.ISSUED and decree.issuer_id == demo["kabid_apt"].employee.id
    assert decree.issuer_role == "unit_head"


class TestAnotherIssuer:
    @pytest.fixture
    def app(self, engine, clock) -> App:
        """Banten Lamp. A b: a decree another official issues (here the agency head, for a team of a Bidang)."""
        profile = with_overrides(load_profile("nasional"), {"teams.decree_issuer": {"within_unit": ["agency_head"]}},
                                 source="test")
        return App(uow=UnitOfWorkFactory(session_factory(engine)), profile=profile, config=AppConfig(), clock=clock)


    async def test_another_issuer_approves_or_rejects_the_proposal(self, app, demo):
        kabid = await linked(app, demo, "kabid_apt", 2001)
        kadis = await linked(app, demo, "kadis", 2000)
        team_id = await form_team(kabid)
        await kabid.presses(PickKetua(team_id, demo["budi"].employee.id))
        decree, decisions = await decrees(app, team_id)
        assert decree.status is DecreeStatus.PROPOSED and decree.number is None and "decree_proposed" in decisions
        assert decree.issuer_id == demo["kadis"].employee.id
        assert alerts(await kabid.presses(DecreeDecision(decree.id, "ok")))  # only the issuer decides
        await kadis.presses(DecreeDecision(decree.id, "no"))
        (reply,) = texts(await kadis.says("Susunan tim belum sesuai dengan rencana kerja dinas."))
        assert "ditolak" in reply
        rejected, _ = await decrees(app, team_id)
        assert rejected is None  # the rejected one is not the team's decree
        assert any("Susunan tim belum sesuai" in m.payload["text"] for m in await outbox(app) if m.chat_id == 2001)
        (card,) = [m for m in await outbox(app) if m.card is not None and m.card.startswith("decree:")]
        assert card.payload["keyboard"] is None and "Diputuskan oleh" in card.payload["text"]  # settled
        # a new ketua brings a new proposal, which the agency head issues
        await kabid.presses(PickKetua(team_id, demo["dewi"].employee.id))
        decree, _ = await decrees(app, team_id)
        replies = await kadis.presses(DecreeDecision(decree.id, "ok"))
        assert "KT-2026-00001" in texts(replies)[0]
        assert (await decrees(app, team_id))[0].status is DecreeStatus.ISSUED
