"""Rule 57: the tambahan penghasilan flag, set when the post is filled (Banten Ps 10(4): a
Pelaksana ketua "dapat diberikan"; Surakarta Ps 21(3), 25(2): the ketua and the pengendali
always), shown on /tim's roster and in the assignment letter."""
from __future__ import annotations

import pytest

from domain.allowance import Allowance
from domain.team import MemberRole, Team
from handlers.applications import letter_pdf
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import letter_from_surat, texts
from tests.handlers.test_voluntary_application import linked


async def _team(app, demo, ketua: str, pengendali: str | None = None) -> dict[str, Allowance]:
    kabid = demo["kabid_apt"].employee
    async with app.uow() as uow:
        team = Team(None, kabid.unit_id, "Tim Integrasi Data")
        uow.teams.add(team)
        await uow.flush()
        now = app.clock()
        flags = {ketua: (await set_ketua(uow, team, demo[ketua].employee.id, kabid.id, now,
                                         profile=app.profile)).allowance}
        if pengendali:
            flags[pengendali] = (await add_member(uow, team, demo[pengendali].employee.id, MemberRole.PENGENDALI,
                                                  kabid.id, now, profile=app.profile)).allowance
        flags["dewi"] = (await add_member(uow, team, demo["dewi"].employee.id, MemberRole.ANGGOTA, kabid.id, now,
                                          profile=app.profile)).allowance
        await uow.commit()
    return flags


async def _seen_by(app, demo, key: str, monkeypatch) -> tuple[str, list[str]]:
    """The team card on the person's /tim, and the paragraphs of their assignment letter."""
    said: list[str] = []
    real = letter_pdf.paragraph
    monkeypatch.setattr(letter_pdf, "paragraph", lambda pdf, text, gap=2: (said.append(text), real(pdf, text, gap)))
    person = await linked(app, demo, key, 1001)
    card = next(x for x in texts(await person.says("/tim")) if "Tim Integrasi Data" in x)
    await letter_from_surat(person, "ST-2026-")
    return card, said


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_Ps_21_3_and_25_2_ketua_and_pengendali_always_get_it(app, demo, profile_name, monkeypatch):
    flags = await _team(app, demo, "budi", pengendali="kabid_ikp")
    assert flags == {"budi": Allowance.AUTOMATIC, "kabid_ikp": Allowance.AUTOMATIC, "dewi": Allowance.NONE}
    card, said = await _seen_by(app, demo, "budi", monkeypatch)
    assert "— ketua, dengan tambahan penghasilan" in card and "— pengendali, dengan tambahan penghasilan" in card
    assert "Dewi Lestari, S.T. — anggota\n" in card + "\n"
    assert any("Sebagai Ketua Tim, yang bersangkutan diberikan tambahan penghasilan sesuai dengan Pasal 21" in s
               for s in said)


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_Ps_10_4_a_pelaksana_ketua_may_be_granted_it(app, demo, profile_name, monkeypatch):
    assert (await _team(app, demo, "yoga"))["yoga"] is Allowance.OPTIONAL
    card, said = await _seen_by(app, demo, "yoga", monkeypatch)
    assert "— ketua, dapat diberikan tambahan penghasilan" in card
    assert any("yang bersangkutan dapat diberikan tambahan penghasilan sesuai dengan Pasal 10" in s for s in said)


@pytest.mark.parametrize("profile_name", ["banten", "nasional"])
async def test_otherwise_no_flag(app, demo, profile_name, monkeypatch):
    """Banten: a JF ketua; elsewhere the regulation says nothing."""
    assert set((await _team(app, demo, "budi")).values()) == {Allowance.NONE}
    card, said = await _seen_by(app, demo, "budi", monkeypatch)
    assert "tambahan penghasilan" not in card
    assert said and not any("tambahan penghasilan" in s for s in said)
