"""/timbaru: where the regulation says "secara berkala" the unit head picks the team's reporting period
(product decision 17); where it says "secara triwulanan" (Surakarta Lamp. V.a (tim kerja) 4) there is no choice."""
from __future__ import annotations

import pytest

from handlers.teams.buttons import NewTeamCadence
from tests.handlers.chat import Person, button_data, buttons_of, texts
from tests.handlers.test_voluntary_application import linked


async def to_confirm(head: Person) -> list:
    await head.says("/timbaru")
    replies = await head.says("Tim Sub Kegiatan Pengelolaan Aplikasi")
    await head.presses(button_data(replies, "Rutin"))
    replies = await head.says("Aplikasi layanan publik tersedia 99% dan terdokumentasi.")
    return await head.presses(button_data(replies, "akhir triwulan"))

@pytest.mark.parametrize("profile_name", ["banten"])
async def test_the_unit_head_picks_a_berkala_period(app, demo, profile_name):
    """Banten Ps 14(2): monitoring "secara berkala", no period named."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    replies = await to_confirm(kabid)
    assert "setiap 3 bulan" in texts(replies)[0]
    assert [b.months for b in buttons_of(replies, NewTeamCadence)] == [1, 3, 6]
    replies = await kabid.presses(NewTeamCadence(1))
    assert "setiap 1 bulan" in texts(replies)[0]
    replies = await kabid.presses(button_data(replies, "Bentuk tim"))
    assert "terbentuk" in texts(replies)[0]
    async with app.uow() as uow:
        teams = await uow.teams.in_units(await uow.org.subunit_ids(demo["kabid_apt"].employee.unit_id))
    assert [t.cadence_months for t in teams if t.name == "Tim Sub Kegiatan Pengelolaan Aplikasi"] == [1]

@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_a_triwulan_period_is_not_offered_nor_taken(app, demo, profile_name):
    """Surakarta Lamp. V.a (tim kerja) 4: "secara triwulanan" fixes the period."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    replies = await to_confirm(kabid)
    assert not buttons_of(replies, NewTeamCadence) and "bulan —" not in texts(replies)[0]
    (reply,) = texts(await kabid.presses(NewTeamCadence(1)))
    assert "triwulan" in reply.lower() or "3 bulan" in reply
