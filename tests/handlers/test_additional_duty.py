"""Rule 49 (HSU Ps 19(2)): a member whose unit is not the team's does tugas tambahan; the
assignment records it, and the team card and the assignment letter show it."""
from __future__ import annotations

import pytest

from domain.team import MemberRole, Team
from handlers.applications import letter_pdf
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import button_data, texts
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
    await siti.presses(button_data(await siti.says("/surat"), "ST-2026-"))
    assert any("tugas tambahan sebagaimana dimaksud dalam Pasal 19 ayat (2)" in s for s in said)


@pytest.mark.parametrize("profile_name", ["surakarta", "banten"])
async def test_other_regions_flag_nothing(app, demo, profile_name):
    """The other regulations do not say so: nothing is flagged."""
    assert await _team_with_siti(app, demo) == {"dewi": False, "siti": False}
