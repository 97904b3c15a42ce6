"""The walking skeleton, as users live it: Telegram updates over HTTP, through a real
runtime, to the database and back, against a fake server that enforces Telegram's limits."""
from __future__ import annotations

import pytest

from bot.demo import MOTIVATION_BUDI, REASON, _apply, play
from domain.application import ApplicationStatus


async def _applications(h, key):
    async with h.runtime.app.uow() as uow:
        return await uow.applications.by_applicant(h.people[key].employee.id)


async def test_demo_scenario_behaves(h):
    assert await play(h, log=lambda *_: None) == []
    assert h.fake.count_429 == 0
    assert not [c for c in h.fake.calls if c.status >= 400]


async def test_reject_without_reason_refused_then_with_reason(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    ask = await h.press("kabid_apt", notice, "Tolak", expect="alasan")
    assert ask.reply_markup.get("force_reply") is True
    await h.say("kabid_apt", "   .", expect="Terlalu singkat")
    (app,) = await _applications(h, "budi")
    assert app.status is ApplicationStatus.SUBMITTED
    await h.say("kabid_apt", REASON, expect="ditolak")
    told = await h.notice("budi", "ditolak")
    assert REASON in told.text
    (app,) = await _applications(h, "budi")
    assert app.status is ApplicationStatus.REJECTED and app.decision_reason == REASON


async def test_button_pressed_by_someone_else_changes_nothing(h):
    await h.link("budi", "dewi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    approve = h.fake.button_data(notice, "Setujui")
    # Dewi cannot see the Kabid's chat; she forges the same callback data in her own.
    alert = await h.press_expect_alert("dewi", h.fake.last_message(h.tid("dewi")), approve)
    assert "Hanya pejabat" in alert
    (app,) = await _applications(h, "budi")
    assert app.status is ApplicationStatus.SUBMITTED


async def test_same_button_twice_gives_one_decision(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    approve = h.fake.button_data(notice, "Setujui")
    first = h.fake.press_raw(h.tid("kabid_apt"), notice.message_id, notice.chat_id, approve)
    second = h.fake.press_raw(h.tid("kabid_apt"), notice.message_id, notice.chat_id, approve)
    await h.fake.wait_callback_answer(first)
    answer = await h.fake.wait_callback_answer(second)
    assert "Sudah diputuskan" in answer.text
    await h.notice("budi", "disetujui")
    async with h.runtime.app.uow() as uow:
        assert len(await uow.assignments.of_employee(h.people["budi"].employee.id)) == 1
        (app,) = await uow.applications.by_applicant(h.people["budi"].employee.id)
        trail = [d.action for d in await uow.decisions.for_subject("application", app.id)]
    assert trail == ["submitted", "approved"]


async def test_restart_between_submit_and_decision(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    await h.restart_bot()
    await h.press("kabid_apt", notice, "Setujui", expect="ST-")
    await h.notice("budi", "disetujui")


async def test_restart_in_the_middle_of_a_conversation(h):
    await h.link("budi", "kabid_apt")
    first = await h.say("budi", "/ajukan", expect="Tim atau pekerjaan apa")
    await h.press("budi", first, "Keamanan", expect="kompetensi")
    await h.restart_bot()
    summary = await h.say("budi", MOTIVATION_BUDI, expect="Kirim pengajuan ini?")
    await h.press("budi", summary, "Kirim", expect="PS-")


async def test_markup_characters_arrive_escaped_and_accepted(h):
    await h.link("budi", "kabid_apt")
    nasty = "Saya <ahli> jaringan & <b>server</b> &amp; keamanan"
    await _apply(h, "budi", "Keamanan", nasty)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    assert nasty in notice.text  # what the official reads is exactly what Budi typed
    assert "&lt;ahli&gt;" in notice.raw_text and "&amp;amp;" in notice.raw_text
    assert not [c for c in h.fake.calls if c.status == 400]


async def test_unknown_command_unlinked_user_long_text_and_document(h):
    stranger = h.fake.user(9999, "Orang Asing")
    mark = h.fake.mark()
    h.fake.send_text(stranger, "/ajukan")
    reply = await h.fake.wait_message(9999, "belum terhubung", since=mark)
    assert "/start" in reply.text
    await h.link("budi")
    reply = await h.say("budi", "/terbang", expect="tidak dikenal")
    assert "/help" in reply.text
    await h.say("budi", "/ajukan", expect="Tim atau pekerjaan apa")
    await h.say("budi", "Tim Data Statistik", expect="kompetensi")
    await h.say("budi", "z" * 4096, expect="terlalu panjang")
    mark = h.fake.mark()
    h.fake.send_document(h.tid("budi"), "sertifikat.pdf", b"%PDF-1.4", "application/pdf")
    await h.fake.wait_message(h.tid("budi"), "bukan berkas", since=mark)
    # nothing was lost: the motivation step is still waiting
    await h.say("budi", MOTIVATION_BUDI, expect="Tim Data Statistik")


@pytest.mark.parametrize("harness_profile", ["dharmasraya"])
async def test_rater_decides_under_dharmasraya(h):
    """Dharmasraya Lamp. 2.B.1: the rater (Kasubbag), not the unit head (Sekretaris)."""
    await h.link("andi", "kasubbag", "sekretaris")
    await _apply(h, "andi", "Laporan Kinerja", MOTIVATION_BUDI)
    await h.notice("kasubbag", "Andi Saputra")
    assert not [m for m in h.fake.messages(h.tid("sekretaris")) if "Andi" in (m.text or "")]
