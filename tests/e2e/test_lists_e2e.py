"""Lists that fit, over the real runtimes: a long /persetujuan is one message that ◀ ▶ edit in
place, and a person picker narrows to a typed name."""
from __future__ import annotations

from domain.application import Application, ApplicationStatus
from domain.team import Team


async def _waiting_applications(h, count: int) -> None:
    """`count` applications of the kabid's staff waiting for the kabid's decision."""
    kabid = h.people["kabid_apt"].employee
    applicants = [h.people[k].employee for k in ("budi", "dewi", "siti")]
    async with h.runtime.app.uow() as uow:
        unit = (await uow.org.units_headed_by(kabid.id))[0]
        now = h.runtime.app.clock()
        for i in range(count):
            uow.applications.add(Application(
                None, applicants[i % 3].id, unit.id, f"Tim Sub Kegiatan Nomor {i:02d}",
                "Saya memiliki kompetensi yang relevan untuk tim ini.", number=f"PS-2026-{i + 1:05d}",
                status=ApplicationStatus.SUBMITTED, decider_id=kabid.id, created_at=now, submitted_at=now))
        await uow.commit()


async def test_a_long_list_pages_in_place_with_previous_and_next(h):
    await h.link("kabid_apt")
    await _waiting_applications(h, 12)
    first = await h.say("kabid_apt", "/persetujuan", expect="Halaman 1 dari 3")
    assert "12 pengajuan menunggu keputusan Anda" in first.visible and "PS-2026-00012" in first.visible
    second = await h.press("kabid_apt", first, "Berikutnya ▶", expect="Halaman 2 dari 3")
    assert second.message_id == first.message_id  # edited, not a new message
    assert "PS-2026-00007" in second.visible and "PS-2026-00012" not in second.visible
    back = await h.press("kabid_apt", second, "◀ Sebelumnya", expect="Halaman 1 dari 3")
    assert back.message_id == first.message_id
    # a decision from a page: the card goes out on its own, the page shows what still waits
    after = await h.press("kabid_apt", back, "Setujui PS-2026-00012", expect="11 pengajuan menunggu")
    assert after.message_id == first.message_id and "PS-2026-00012" not in after.visible
    assert len(h.fake.messages(h.tid("kabid_apt"))) == 3  # /start's answer, the list, the approved card
    assert h.fake.count_429 == 0


async def test_a_picker_narrows_to_a_typed_name(h):
    await h.link("kabid_apt", "dewi")
    kabid = h.people["kabid_apt"].employee
    async with h.runtime.app.uow() as uow:
        unit = (await uow.org.units_headed_by(kabid.id))[0]
        uow.teams.add(Team(None, unit.id, "Tim Sub Kegiatan Integrasi Layanan"))
        await uow.commit()
    card = await h.say("kabid_apt", "/tim", expect="Tim Sub Kegiatan Integrasi Layanan")
    picker = await h.press("kabid_apt", card, "Tambah anggota", expect="ketik nama atau NIP")
    assert "Dewi Lestari" in " ".join(b["text"] for row in picker.reply_markup["inline_keyboard"] for b in row)
    found = await h.say("kabid_apt", "dewi", expect="cocok dengan “dewi”")
    names = [b["text"] for row in found.reply_markup["inline_keyboard"] for b in row]
    assert len(names) == 1 and names[0].startswith("Dewi Lestari")
    await h.press("kabid_apt", found, "Dewi Lestari", expect="Dewi Lestari, S.T. — anggota")
    await h.notice("dewi", "Tim Sub Kegiatan Integrasi Layanan")
