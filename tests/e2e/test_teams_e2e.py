"""A unit head forms a team over Telegram, appoints its ketua, who links the team's group
chat (group privacy mode on: the bot only sees commands there)."""
from __future__ import annotations


async def test_form_team_appoint_ketua_and_bind_group(h):
    await h.link("kabid_apt", "budi", "dewi")
    await h.say("kabid_apt", "/timbaru", expect="nama timnya")
    kind = await h.say("kabid_apt", "Tim Sub Kegiatan Layanan <SPBE> & Data", expect="rutin atau insidental")
    await h.press("kabid_apt", kind, "Rutin", expect="tujuan dan target")
    period = await h.say("kabid_apt", "Layanan SPBE tersedia 99% & terdokumentasi.", expect="Sampai kapan")
    confirm = await h.press("kabid_apt", period, "akhir triwulan", expect="Jangka waktu")
    formed = await h.press("kabid_apt", confirm, "Bentuk tim", expect="terbentuk")
    pick = await h.press("kabid_apt", formed, "Tunjuk ketua", expect="Siapa yang ditunjuk")
    await h.press("kabid_apt", pick, "Budi Santoso", expect="kini menjadi ketua")
    await h.notice("budi", "Anda kini menjadi ketua Tim Sub Kegiatan")

    card = await h.say("budi", "/tim", expect="Layanan <SPBE> & Data")
    code_msg = await h.press("budi", card, "Hubungkan grup", expect="/hubungkan")
    code = code_msg.text.split("/hubungkan ")[1].strip()

    budi, dewi = h.tid("budi"), h.tid("dewi")
    group = h.fake.group(-100777, "Tim SPBE", members=[budi, dewi])
    mark = h.fake.mark()
    h.fake.send_text(dewi, f"/hubungkan {code}", chat=group)
    refused = await h.fake.wait_message(group.id, "Hanya ketua", since=mark)
    assert refused is not None
    mark = h.fake.mark()
    h.fake.send_text(budi, "halo semua, ini bukan perintah", chat=group)  # privacy mode: never delivered
    h.fake.send_text(budi, f"/hubungkan {code}", chat=group)
    linked = await h.fake.wait_message(group.id, "kini terhubung", since=mark)
    assert "Layanan <SPBE> & Data" in linked.text
    group_texts = " ".join(m.text or "" for m in h.fake.messages(group.id))
    assert "NIP" not in group_texts and h.people["budi"].employee.nip not in group_texts
    async with h.runtime.app.uow() as uow:
        team = (await uow.teams.led_by(h.people["budi"].employee.id))[0]
    assert team.group_chat_id == -100777
    assert h.fake.count_429 == 0
