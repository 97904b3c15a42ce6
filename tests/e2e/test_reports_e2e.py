"""A member's report with a document travels over Telegram to the ketua, who asks for a
revision and then accepts it — on both runtimes, against the fake Bot API server."""
from __future__ import annotations

from domain.report import ReportStatus
from domain.team import MemberRole, Team
from handlers.teams.membership import add_member, set_ketua


async def _team(h) -> int:
    async with h.runtime.app.uow() as uow:
        kabid = h.people["kabid_apt"].employee
        team = Team(None, kabid.unit_id, "Tim Aplikasi <SIMPEG> & Layanan")
        uow.teams.add(team)
        await uow.flush()
        now = h.runtime.app.clock()
        await set_ketua(uow, team, h.people["budi"].employee.id, kabid.id, now, profile=h.runtime.app.profile)
        await add_member(uow, team, h.people["dewi"].employee.id, MemberRole.ANGGOTA, kabid.id, now,
                         profile=h.runtime.app.profile)
        await uow.commit()
        return team.id


async def _reports(h):
    async with h.runtime.app.uow() as uow:
        return await uow.reports.by_author(h.people["dewi"].employee.id)


async def test_member_report_with_a_document_reaches_the_ketua_and_is_accepted(h):
    await _team(h)
    await h.link("budi", "dewi")
    choose = await h.say("dewi", "/lapor", expect="Laporan mana")
    period = await h.press("dewi", choose, "Ke ketua", expect="periode mana")
    await h.press("dewi", period, "Periode ini", expect="Tulis laporan Anda")
    await h.say("dewi", "Modul <SSO> & login selesai; uji coba 20 pengguna.", expect="data dukung")
    mark = h.fake.mark()
    h.fake.send_document(h.tid("dewi"), "hasil-uji.pdf", b"%PDF-1.4 uji", "application/pdf")
    received = await h.fake.wait_message(h.tid("dewi"), "hasil-uji.pdf", h.timeout, since=mark)
    summary = await h.press("dewi", received, "Selesai", expect="Mohon periksa")
    await h.press("dewi", summary, "Kirim", expect="Laporan terkirim kepada Budi Santoso")

    notice = await h.notice("budi", "Sebuah laporan menunggu tinjauan Anda")
    assert "hasil-uji.pdf" in notice.text and "Modul <SSO> & login" in notice.text
    ask = await h.press("budi", notice, "Kembalikan untuk direvisi", expect="umpan balik")
    assert ask.reply_markup.get("force_reply") is True
    await h.say("budi", "Lampirkan juga tangkapan layar uji coba.", expect="Dikembalikan kepada Dewi")
    settled = await h.fake.wait_for(lambda m: (m.chat_id, m.message_id) == (notice.chat_id, notice.message_id)
                                    and not m.inline_keyboard(), h.timeout)  # the review card is settled
    assert "Dikembalikan kepada Dewi" in settled.text and "Diputuskan oleh Budi" in settled.text
    returned = await h.notice("dewi", "tangkapan layar")
    summary = await h.press("dewi", returned, "Revisi laporan", expect="Mohon periksa")
    mark = h.fake.mark()
    h.fake.send_photo(h.tid("dewi"), _PNG)
    await h.fake.wait_message(h.tid("dewi"), "foto", h.timeout, since=mark)
    summary = await h.fake.wait_message(h.tid("dewi"), "Mohon periksa", h.timeout, since=mark)
    mark = h.fake.mark()
    await h.press("dewi", summary, "Kirim", expect="versi 2")

    notice = await h.notice("budi", "Laporan anggota — Triwulan IV 2026, versi 2", since=mark)
    # the ketua opens the data dukung: Telegram sends back the very files Dewi sent
    mark = h.fake.mark()
    h.fake.press(h.tid("budi"), notice, h.fake.button_data(notice, "Buka data dukung"))
    document = await h.fake.wait_for(lambda m: m.chat_id == h.tid("budi") and m.file_name == "hasil-uji.pdf",
                                     h.timeout, since=mark)
    assert document.file_bytes == b"%PDF-1.4 uji"
    await h.fake.wait_for(lambda m: m.chat_id == h.tid("budi") and m.photo is not None, h.timeout, since=mark)
    await h.press("budi", notice, "Terima", expect="diterima")
    await h.notice("dewi", "diterima oleh Budi Santoso")
    (report,) = await _reports(h)
    assert (report.status, report.version, len(report.files)) == (ReportStatus.ACCEPTED, 2, 2)
    assert report.files[0]["name"] == "hasil-uji.pdf" and report.files[1]["kind"] == "photo"
    assert h.fake.count_429 == 0
    assert not [c for c in h.fake.calls if c.status >= 400]


# a 1x1 PNG: the fake server reads the image size
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
