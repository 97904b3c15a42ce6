"""The voluntary application flow through the application layer, on a real database:
neutral updates in, replies and outbox rows out."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.application import ApplicationStatus
from domain.assignment import AssignmentMode
from handlers.applications.buttons import ApplicationDecision
from storage.records import Decision
from tests.handlers.chat import Person, alerts, button_data, buttons, is_button, only_reminded, texts

MOTIVATION = "Saya berpengalaman mengelola server & keamanan jaringan selama 5 tahun."
REASON = "Anggota tim untuk triwulan ini sudah lengkap."


async def linked(app, demo, key, telegram_id, lang="id") -> Person:
    person = Person(app, telegram_id, demo[key].employee.name.split()[0], lang)
    replies = await person.says(f"/start {demo[key].code}")
    assert "NIP" in texts(replies)[0]
    return person


async def outbox(app) -> list:
    async with app.uow() as uow:
        return await uow.outbox.all()


async def apply(person: Person, team_text: str = "Keamanan", motivation: str = MOTIVATION) -> str:
    replies = await person.says("/ajukan")
    replies = await person.presses(button_data(replies, team_text))
    assert any("kompetensi" in t for t in texts(replies))
    replies = await person.says(motivation)
    replies = await person.presses(button_data(replies, "Kirim"))
    (confirmation,) = texts(replies)
    assert "PS-2026-" in confirmation
    return confirmation


async def test_unlinked_user_can_do_nothing_but_link(app, demo):
    stranger = Person(app, 555, "Asing")
    for text in ("/ajukan", "/status", "halo", "/persetujuan"):
        (reply,) = texts(await stranger.says(text))
        assert "belum terhubung" in reply and "/start" in reply
    assert alerts(await stranger.presses(ApplicationDecision("ok", 1))) == [
        "Akun Telegram Anda belum terhubung dengan data pegawai."]


async def test_start_links_once_and_greets_by_name(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    (again,) = texts(await budi.says("/start"))
    assert "Budi Santoso" in again
    thief = Person(app, 1002, "Lain")
    (reply,) = texts(await thief.says(f"/start {demo['budi'].code}"))
    assert "tidak berlaku" in reply  # single use


async def test_start_without_code_or_with_expired_code(app, demo, clock):
    newcomer = Person(app, 1003, "Baru")
    (reply,) = texts(await newcomer.says("/start"))
    assert "kode tautan" in reply
    clock.advance(hours=73)
    (reply,) = texts(await newcomer.says(f"/start {demo['dewi'].code}"))
    assert "kedaluwarsa" in reply


async def test_apply_then_unit_head_approves(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    (notice,) = [m for m in await outbox(app) if m.chat_id == 2001]
    assert "Keamanan Informasi" in notice.payload["text"]
    approve = notice.payload["keyboard"][0][0]["data"]
    replies = await kabid.presses(approve)
    assert "ST-2026-00001" in texts(replies)[0]
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        assert application.status is ApplicationStatus.APPROVED
        assignment = await uow.assignments.for_application(application.id)
        assert assignment.mode is AssignmentMode.SUKARELA and assignment.number == "ST-2026-00001"
        trail = [d.action for d in await uow.decisions.for_subject("application", application.id)]
        assert trail == ["submitted", "approved"]
    outcome = [m for m in await outbox(app) if m.chat_id == 1001]
    assert len(outcome) == 1 and "disetujui" in outcome[0].payload["text"]


async def test_rejection_needs_a_reason(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    reject = next(m for m in await outbox(app) if m.chat_id == 2001).payload["keyboard"][0][1]["data"]
    replies = await kabid.presses(reject)
    assert any("alasan" in t.lower() for t in texts(replies))
    for _ in range(9):  # impatient presses: still the one reason prompt
        assert only_reminded(await kabid.presses(reject))
    for bad in ("", "   ", "tidak"):
        (reply,) = texts(await kabid.says(bad or " "))
        assert "Terlalu singkat" in reply
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        assert application.status is ApplicationStatus.SUBMITTED
    (reply,) = texts(await kabid.says(REASON))
    assert "ditolak" in reply
    (outcome,) = [m for m in await outbox(app) if m.chat_id == 1001]
    assert REASON in outcome.payload["text"]
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        assert application.status is ApplicationStatus.REJECTED
        decisions = await uow.decisions.for_subject("application", application.id)
        assert decisions[-1].action == "rejected" and decisions[-1].reason == REASON
    (listing,) = texts(await budi.says("/status"))
    assert "ditolak" in listing and f"Alasan: {REASON}" in listing


async def test_someone_else_pressing_the_button_changes_nothing(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    await linked(app, demo, "kabid_apt", 2001)
    dewi = await linked(app, demo, "dewi", 1004)
    await apply(budi)
    approve = next(m for m in await outbox(app) if m.chat_id == 2001).payload["keyboard"][0][0]["data"]
    for pressing in (dewi, budi):
        assert alerts(await pressing.presses(approve)) == [
            "Hanya pejabat yang berwenang memutuskan pengajuan ini yang dapat melakukannya."]
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        assert application.status is ApplicationStatus.SUBMITTED


async def test_double_press_gives_one_decision(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    approve = next(m for m in await outbox(app) if m.chat_id == 2001).payload["keyboard"][0][0]["data"]
    await kabid.presses(approve)
    second = await kabid.presses(approve)
    assert "Sudah diputuskan" in alerts(second)[0]
    async with app.uow() as uow:
        count = len((await uow.session.execute(select(Decision).where(Decision.action == "approved"))).all())
        assert count == 1
        assert len(await uow.assignments.of_employee(demo["budi"].employee.id)) == 1


async def test_user_text_is_escaped_everywhere(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    await linked(app, demo, "kabid_apt", 2001)
    replies = await budi.says("/ajukan")
    await budi.says("<b>Tim</b> A&B")
    replies = await budi.says("Saya <script>alert(1)</script> & ahli jaringan")
    summary = texts(replies)[0]
    assert "&lt;b&gt;Tim&lt;/b&gt; A&amp;B" in summary and "&lt;script&gt;" in summary
    await budi.presses(button_data(replies, "Kirim"))
    (notice,) = [m for m in await outbox(app) if m.chat_id == 2001]
    assert "<script>" not in notice.payload["text"] and "&lt;script&gt;" in notice.payload["text"]


async def test_bad_input_is_refused_politely_and_nothing_is_lost(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    (reply,) = texts(await budi.says("/terbang"))
    assert "/terbang" in reply and "tidak dikenal" in reply
    await budi.says("/ajukan")
    await budi.says("Tim Data Statistik Sektoral")
    replies = await budi.sends_file()
    assert "bukan berkas" in texts(replies)[0]
    (reply,) = texts(await budi.says("x" * 5000))
    assert "terlalu panjang" in reply
    (reply,) = texts(await budi.says("y" * 1500))
    assert "Terlalu panjang (1500 karakter)" in reply
    # The draft is still there: /ajukan resumes at the motivation step.
    replies = await budi.says("/ajukan")
    assert "belum selesai" in texts(replies)[0] and "kompetensi" in texts(replies)[1]
    replies = await budi.says(MOTIVATION)
    assert "Tim Data Statistik Sektoral" in texts(replies)[0]


async def test_forged_and_stale_buttons(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    for data in ("zz:1", "ap:ok:999999", "ap:ok:abc", "aj:send", "", "ap"):
        assert alerts(await budi.presses(data)), data


async def test_status_and_withdraw(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    replies = await budi.says("/status")
    (listing,) = texts(replies)
    assert "PS-2026-00001" in listing and "menunggu keputusan" in listing
    withdraw = button_data(replies, "Tarik PS-2026-00001")
    await budi.presses(withdraw)
    replies = await budi.says("/status")
    assert "ditarik" in texts(replies)[0] and not buttons(replies)
    notices = [m for m in await outbox(app) if m.chat_id == 2001]
    assert any("ditarik kembali" in m.payload["text"] for m in notices)


async def test_pending_list_for_decider(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    dewi = await linked(app, demo, "dewi", 1004)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    (reply,) = texts(await kabid.says("/persetujuan"))
    assert "Tidak ada" in reply
    await apply(budi)
    await apply(dewi, "Pengembangan")
    replies = await kabid.says("/persetujuan")
    assert "2 pengajuan" in texts(replies)[0]
    assert len([b for b in buttons(replies) if is_button(b[1], ApplicationDecision, action="ok")]) == 2


async def test_english_user_gets_english(app, demo):
    budi = await linked(app, demo, "budi", 1001, lang="en")
    (reply,) = texts(await budi.says("/status"))
    assert reply == "You have no applications yet. Send /ajukan to apply."


async def test_group_chat_gets_no_personal_data(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    (reply,) = texts(await budi.says("/status", chat_type="supergroup"))
    assert "percakapan pribadi" in reply and "NIP" not in reply


@pytest.mark.parametrize("profile_name", ["dharmasraya"])
async def test_profile_where_the_rater_decides(app, demo, profile_name):
    """Dharmasraya Lamp. 2.B.1: a within-unit voluntary application goes to the rater (PPK).
    Andi's rater is the Kasubbag, his unit head the Sekretaris."""
    andi = await linked(app, demo, "andi", 1005)
    await linked(app, demo, "kasubbag", 2002)
    await linked(app, demo, "sekretaris", 2003)
    await apply(andi, "Laporan Kinerja")
    rows = await outbox(app)
    assert [m.chat_id for m in rows if m.payload.get("keyboard")] == [2002]


async def test_a_deactivated_employee_keeps_no_rights(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    async with app.uow() as uow:
        (await uow.org.employee(demo["budi"].employee.id)).active = False
        await uow.commit()
    (reply,) = texts(await budi.says("/ajukan"))
    assert "belum terhubung" in reply


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_Ps_1_16_within_unit_application_goes_to_the_kepala_dinas(app, demo, profile_name):
    """Banten Ps 1(16): the Unit Organisasi is the whole Dinas, so Andi (Sekretariat) applies to
    the Kepala Dinas, not the Sekretaris, and may join any team of the Dinas (here a Bidang's)."""
    andi = await linked(app, demo, "andi", 1005)
    await linked(app, demo, "sekretaris", 2003)
    await linked(app, demo, "kadis", 2000)
    await apply(andi, "Keamanan")
    rows = await outbox(app)
    assert [m.chat_id for m in rows if m.payload.get("keyboard")] == [2000]


async def test_elsewhere_a_unit_is_a_part_of_the_dinas(app, demo):
    """Nasional: the Sekretariat is Andi's unit; its head decides, and a Bidang's team is offered only as
    another unit's (🔀, a cross-unit application: decision 23)."""
    andi = await linked(app, demo, "andi", 1005)
    await linked(app, demo, "sekretaris", 2003)
    replies = await andi.says("/ajukan")
    assert "🔀 Tim Keamanan" in str(buttons(replies))
    await apply(andi, "Laporan Kinerja")
    assert [m.chat_id for m in await outbox(app) if m.payload.get("keyboard")] == [2003]
