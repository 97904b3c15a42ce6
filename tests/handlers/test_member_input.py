"""Rule 48: at a period's end the Ketua gives input on each member's performance (/masukan),
and it reaches whoever the profile names, never the member."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.scheduler import ReminderScheduler, indonesian_calendar
from domain.member_input import MemberRating
from domain.reminders import ScheduleSettings
from domain.team import MemberRole, Team
from handlers.reports.member_input import MEMBER_INPUT, MemberInputAction, member_inputs
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import texts
from tests.handlers.test_reminders import wib
from tests.handlers.test_voluntary_application import linked, outbox

NOTE = "Andi menyelesaikan penataan arsip tepat waktu dan teliti."
TG = {"budi": 1001, "andi": 1002, "dewi": 1003, "kasubbag": 1004, "sekretaris": 1005, "kabid_apt": 1006, "kadis": 1007}


async def _team(app, demo) -> Team:
    """Budi leads a team of the Bidang APT with Dewi and Andi, whose Penilai (the Kasubbag)
    is not his unit head (the Sekretaris)."""
    async with app.uow() as uow:
        kabid = demo["kabid_apt"].employee
        team = Team(None, kabid.unit_id, "Tim Sub Kegiatan SPBE", starts_on=dt.date(2026, 10, 1))
        uow.teams.add(team)
        await uow.flush()
        await set_ketua(uow, team, demo["budi"].employee.id, kabid.id, app.clock(), profile=app.profile)
        for key in ("dewi", "andi"):
            await add_member(uow, team, demo[key].employee.id, MemberRole.ANGGOTA, kabid.id, app.clock(),
                             profile=app.profile)
        await uow.commit()
        return team


async def _everyone(app, demo):
    return {key: await linked(app, demo, key, tid) for key, tid in TG.items()}


async def _inbox(app) -> dict[int, list[str]]:
    box: dict[int, list[str]] = {}
    for m in await outbox(app):
        box.setdefault(m.chat_id, []).append(m.payload["text"])
    return box


async def _give_input_on_andi(app, demo, clock, rating: MemberRating | None = None):
    team = await _team(app, demo)
    people = await _everyone(app, demo)
    clock.now = wib(2026, 12, 28, 9, 0)
    budi, andi = people["budi"], demo["andi"].employee
    assert "Andi Saputra" in str(await budi.says("/masukan"))  # a button per member still owed
    replies = await budi.presses(MemberInputAction("m", andi.id))
    if rating is not None:
        assert "Sangat Baik" in str(replies)
        await budi.presses(MemberInputAction("r", rating=rating))
    done = await budi.says(NOTE)
    return done, await _inbox(app), team, budi


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_sends_it_to_the_penilai_and_the_unit_head(app, demo, clock, profile_name):
    """Lamp. IV 3.1.2.3.d.4.e: "kepada pejabat penilai kinerja dan pimpinan unit organisasi"."""
    done, box, _, _ = await _give_input_on_andi(app, demo, clock)
    assert "Joko Susilo" in texts(done)[0] and "Sri Wahyuni" in texts(done)[0]
    for key in ("kasubbag", "sekretaris"):
        assert any(NOTE in text and "Andi Saputra" in text for text in box[TG[key]])
        assert not any("Penilaian (rekomendasi)" in text for text in box[TG[key]])  # a note, no score
    assert not any(NOTE in text for text in box.get(TG["andi"], []))  # the member is not shown it
    assert not any(NOTE in text for text in box.get(TG["kabid_apt"], []))
    # Dewi is next; Andi is not offered again
    assert "Dewi Lestari" in str(done[-1]) and "Andi Saputra" not in str(done[-1])


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_scores_the_member_for_the_penilai_and_the_unit_head(app, demo, clock, profile_name):
    """Lamp. B.3 c.5 and c.7 (evaluasi dan penilaian ... sebagai bahan rekomendasi). In Banten the
    unit is the perangkat daerah (Ps 1(16)): its Kepala is both the unit head and the Pejabat Pemilik
    Kinerja (Lamp. A), told once."""
    _done, box, team, _ = await _give_input_on_andi(app, demo, clock, MemberRating.GOOD)
    for key in ("kasubbag", "kadis"):
        assert sum(NOTE in text and "Penilaian (rekomendasi): Baik" in text for text in box[TG[key]]) == 1
    for key in ("andi", "sekretaris", "kabid_apt"):
        assert not any(NOTE in text for text in box.get(TG[key], []))
    async with app.uow() as uow:
        [item] = await uow.member_inputs.for_team_period(team.id, "2026-Q4")
    assert item.rating is MemberRating.GOOD and item.member_id == demo["andi"].employee.id


async def test_a_second_input_on_the_same_member_is_refused(app, demo, clock):
    _, _box, team, budi = await _give_input_on_andi(app, demo, clock)  # nasional: the Penilai and the unit head
    assert "tidak berlaku" in str(await budi.presses(MemberInputAction("m", demo["andi"].employee.id)))
    async with app.uow() as uow:
        assert len(await uow.member_inputs.for_team_period(team.id, "2026-Q4")) == 1


async def test_only_the_ketua_gives_input(app, demo, clock):
    team = await _team(app, demo)
    dewi = await linked(app, demo, "dewi", TG["dewi"])
    assert "belum memimpin tim" in texts(await dewi.says("/masukan"))[0]
    assert "Hanya Ketua" in str(await dewi.presses(MemberInputAction("t", team.id)))


async def test_the_ketua_is_prompted_once_per_period_with_a_button(app, demo, clock):
    team = await _team(app, demo)
    await linked(app, demo, "budi", TG["budi"])
    clock.now = wib(2026, 12, 21, 9, 5)
    async with app.uow() as uow:
        found = [o for o in await member_inputs(uow, app.profile, clock.now)
                 if o.period_key == "2026-Q4" and o.subject_id == team.id]
    assert [(o.kind, o.subject_id, o.person_id, o.done) for o in found] == \
        [(MEMBER_INPUT, team.id, demo["budi"].employee.id, False)]
    scheduler = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), indonesian_calendar(),
                                  providers=[member_inputs])
    assert [n.recipient for n in await scheduler.tick()] == [demo["budi"].employee.id]
    assert await scheduler.tick() == []  # the same moment again: nothing twice
    [prompt] = [m for m in await outbox(app) if m.chat_id == TG["budi"] and m.payload["keyboard"]]
    assert "Tim Sub Kegiatan SPBE" in prompt.payload["text"] and "/masukan" in prompt.payload["text"]
    assert MemberInputAction("t", team.id).pack() in [row[0]["data"] for row in prompt.payload["keyboard"]]
    # once every member has had input, the period is done
    async with app.uow() as uow:
        from domain.member_input import new_member_input
        for key in ("dewi", "andi"):
            uow.member_inputs.add(new_member_input(
                scored=False, team_id=team.id, ketua_id=demo["budi"].employee.id, member_id=demo[key].employee.id,
                period_key="2026-Q4", note=NOTE, rating=None, recipient_ids=[demo["kabid_apt"].employee.id],
                now=clock.now))
        await uow.commit()
        found = [o for o in await member_inputs(uow, app.profile, clock.now)
                 if o.period_key == "2026-Q4" and o.subject_id == team.id]
    assert [o.done for o in found] == [True]
