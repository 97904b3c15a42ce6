"""Rule 49 (HSU Ps 19(2)): a member whose unit is not the team's does tugas tambahan; the
assignment records it, and the team card and the assignment letter show it."""
from __future__ import annotations

import pytest

from domain.team import MemberRole, Team
from handlers.applications import letter_pdf
from handlers.reports.buttons import ReportAction
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import letter_from_surat, texts
from tests.handlers.test_voluntary_application import linked


async def _team_with_siti(app, demo) -> dict[str, bool]:
    """A Bidang APT team with Dewi (APT) and Siti (Bidang IKP, another unit) as members."""
    async with app.uow() as uow:
        kabid = demo["kabid_apt"].employee
        team = Team(None, kabid.unit_id, "Tim Integrasi Data")
        uow.teams.add(team)
        await uow.flush()
        now = app.clock()
        await set_ketua(uow, team, demo["budi"].employee.id, kabid.id, now, profile=app.profile)
        flags = {}
        for key in ("dewi", "siti"):
            m = await add_member(uow, team, demo[key].employee.id, MemberRole.ANGGOTA, kabid.id, now,
                                 profile=app.profile)
            flags[key] = (await uow.assignments.get(m.assignment_id)).tugas_tambahan
        await uow.commit()
    return flags


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_hsu_Ps_19_2_work_for_another_unit_is_tugas_tambahan(app, demo, profile_name, monkeypatch):
    assert await _team_with_siti(app, demo) == {"dewi": False, "siti": True}
    kabid = await linked(app, demo, "kabid_apt", 2001)
    card = next(x for x in texts(await kabid.says("/tim")) if "Tim Integrasi Data" in x)
    assert "Siti Rahmawati, S.I.Kom. — anggota, tugas tambahan" in card
    assert "Dewi Lestari, S.T. — anggota\n" in card + "\n"
    said: list[str] = []
    real = letter_pdf.paragraph
    monkeypatch.setattr(letter_pdf, "paragraph", lambda pdf, text, gap=2: (said.append(text), real(pdf, text, gap)))
    siti = await linked(app, demo, "siti", 1003)
    await letter_from_surat(siti, "ST-2026-")
    assert any("tugas tambahan sebagaimana dimaksud dalam Pasal 19 ayat (2)" in s for s in said)


@pytest.mark.parametrize("profile_name", ["surakarta", "banten"])
async def test_other_regions_flag_nothing(app, demo, profile_name):
    """The other regulations do not say so: nothing is flagged."""
    assert await _team_with_siti(app, demo) == {"dewi": False, "siti": False}


async def _siti_reports(app, demo, credit: bool | None):
    """Siti (JF, Bidang IKP) sends a member report in Bidang APT's team; `credit` answers the
    angka kredit question (None: it must not be asked)."""
    from tests.handlers.test_reports import make_team, people, reports, write_report

    team_id = await make_team(app, demo, "kabid_apt", "budi", ["siti"])
    siti = (await people(app, demo, "siti"))["siti"]
    replies = await write_report(siti, ReportAction("t", team_id), send=False, credit=credit)
    assert ("angka kredit: ya" in texts(replies)[-1]) is bool(credit)
    await siti.presses(ReportAction("send"))
    (report,) = await reports(app)
    return report


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_hsu_Ps_16_2_credit_activity_for_another_unit_goes_to_the_jfs_unit_head_first(app, demo, profile_name):
    report = await _siti_reports(app, demo, credit=True)
    assert report.credit_activity
    assert report.route == [demo["kabid_ikp"].employee.id, demo["budi"].employee.id]


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_hsu_report_without_credit_activity_goes_to_the_ketua_only(app, demo, profile_name):
    report = await _siti_reports(app, demo, credit=False)
    assert report.route == [demo["budi"].employee.id] and not report.credit_activity


@pytest.mark.parametrize("profile_name", ["surakarta", "nasional"])
async def test_other_regions_do_not_ask_about_credit_activity(app, demo, profile_name):
    report = await _siti_reports(app, demo, credit=None)
    assert report.route == [demo["budi"].employee.id]
