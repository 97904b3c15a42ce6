"""/timbaru: where the regulation says "secara berkala", or sets no period, the unit head picks the team's
reporting period (product decision 17). Surakarta's "secara triwulanan" (Lamp. IV 3.1.2.2.d) is the head's
and the Penilai's monitoring, not a period fixed for the ketua's reports (docs/RULES.md, Corrections, rule 43)."""
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
async def test_surakarta_triwulanan_monitoring_does_not_fix_the_reporting_period(app, demo, profile_name):
    """Corrections, rule 43 (seed line 951): the period is offered; a triwulan stays the default."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    replies = await to_confirm(kabid)
    assert [b.months for b in buttons_of(replies, NewTeamCadence)] == [1, 3, 6]
    assert "setiap 1 bulan" in texts(await kabid.presses(NewTeamCadence(1)))[0]
