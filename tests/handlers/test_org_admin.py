"""/admin (HR admins only), /saya, and a Plt taking over the Kabid's decisions — through
the application layer on a real database."""
from __future__ import annotations

import dataclasses
import re

import pytest

from domain.org import Employee, JabatanKind
from domain.team import Team
from handlers.admin.buttons import AdminAction, UnlinkedPeople, UnlinkedUnits
from handlers.core.app import AppConfig
from handlers.onboarding.buttons import LanguageChoice
from storage.records import Decision
from tests.handlers.chat import Person, alerts, button_data, buttons, is_button, texts

ADMIN = 900
MOTIVATION = "Saya berpengalaman mengelola server & keamanan jaringan selama 5 tahun."


@pytest.fixture
def admin_app(app):
    """The app with one HR admin from SIKERJA_ADMINS (an unlinked Telegram user)."""
    return dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({ADMIN})))


async def linked(app, demo, key, telegram_id) -> Person:
    person = Person(app, telegram_id, key)
    assert "NIP" in texts(await person.says(f"/start {demo[key].code}"))[0]
    return person


async def open_card(admin: Person, query: str, name: str):
    menu = await admin.says("/admin")
    assert "Admin kepegawaian" in texts(menu)[0]
    prompt = await admin.presses(button_data(menu, "Cari pegawai"))
    assert "sebagian nama" in texts(prompt)[0]
    found = await admin.says(query)
    return await admin.presses(button_data(found, name))


async def audit(app, subject, subject_id) -> list[Decision]:
    async with app.uow() as uow:
        return await uow.decisions.for_subject(subject, subject_id)


async def test_non_admins_are_refused_politely_and_nothing_happens(admin_app, demo):
    budi = await linked(admin_app, demo, "budi", 1001)
    stranger = Person(admin_app, 555, "Asing")
    for person in (budi, stranger):
        (reply,) = texts(await person.says("/admin"))
        assert "hanya untuk admin kepegawaian" in reply
        assert "hanya untuk admin" in alerts(await person.presses(AdminAction("code", demo['yoga'].employee.id)))[0]
        assert "hanya untuk admin" in alerts(await person.presses(UnlinkedUnits(0)))[0]
    assert await audit(admin_app, "employee", demo["yoga"].employee.id) == []
    (reply,) = texts(await Person(admin_app, ADMIN, "Admin").says("/admin", chat_type="group"))
    assert "percakapan pribadi" in reply  # never in a group


async def test_admin_finds_issues_a_code_that_a_new_user_then_uses(admin_app, demo):
    admin = Person(admin_app, ADMIN, "Admin")
    card = await open_card(admin, "yoga", "Yoga Pratama")
    assert "belum terhubung" in texts(card)[0] and "Kode tautan yang masih berlaku: 1" in texts(card)[0]
    issued = await admin.presses(button_data(card, "Kode tautan baru"))
    (message,) = texts(issued)
    code = re.search(r"<code>(\w+)</code>", message).group(1)
    assert f"https://t.me/SikerjaBot?start={code}" in message
    newcomer = Person(admin_app, 1300, "Yoga")
    (old,) = texts(await newcomer.says(f"/start {demo['yoga'].code}"))
    assert "tidak berlaku" in old  # the earlier code was revoked
    (welcome,) = texts(await newcomer.says(f"/start {code}"))
    assert "Yoga Pratama" in welcome and "NIP" in welcome
    assert [d.action for d in await audit(admin_app, "employee", demo["yoga"].employee.id)] == ["link_code_issued"]


async def test_admin_from_the_database_searches_by_nip_and_revokes(app, demo, clock):
    async with app.uow() as uow:
        await uow.admins.add(ADMIN, clock())
        await uow.commit()
    admin = Person(app, ADMIN, "Admin")
    found = await admin.says(f"/admin {demo['dewi'].employee.nip[:10]}")
    card = await admin.presses(button_data(found, "Dewi Lestari"))
    revoked = await admin.presses(button_data(card, "Cabut kode"))
    assert "1 kode yang masih berlaku telah dicabut" in texts(revoked)[0]
    assert not any("Cabut" in text for text, _ in buttons(revoked))
    (reply,) = texts(await Person(app, 1400, "Dewi").says(f"/start {demo['dewi'].code}"))
    assert "tidak berlaku" in reply


async def test_admin_unlinks_a_lost_account_after_confirmation(admin_app, demo):
    budi = await linked(admin_app, demo, "budi", 1001)
    admin = Person(admin_app, ADMIN, "Admin")
    card = await open_card(admin, "budi santoso", "Budi Santoso")
    assert "terhubung sejak" in texts(card)[0]
    confirm = await admin.presses(button_data(card, "Lepaskan akun"))
    assert "Lepaskan akun Telegram milik" in texts(confirm)[0]
    cancelled = await admin.presses(button_data(confirm, "Batal"))
    assert "terhubung sejak" in texts(cancelled)[0]  # nothing changed
    confirm = await admin.presses(button_data(cancelled, "Lepaskan akun"))
    done = await admin.presses(button_data(confirm, "Ya, lepaskan"))
    assert "telah dilepaskan" in texts(done)[0] and any("Kode tautan baru" in b for b, _ in buttons(done))
    (reply,) = texts(await budi.says("/status"))
    assert "belum terhubung" in reply
    (row,) = await audit(admin_app, "employee", demo["budi"].employee.id)
    assert row.action == "unlinked" and row.details["telegram_user_id"] == 1001


async def test_not_linked_list_per_unit_is_paginated(admin_app, demo):
    await linked(admin_app, demo, "budi", 1001)
    async with admin_app.uow() as uow:
        unit = await uow.org.unit_by_code("DKI.APT")
        for i in range(10):
            uow.org.add(Employee(None, f"1995010120200110{i:02d}", f"Staf Tambahan {i:02d}", "Pranata Komputer",
                                 JabatanKind.FUNGSIONAL, unit.id))
        await uow.commit()
    admin = Person(admin_app, ADMIN, "Admin")
    units = await admin.presses(button_data(await admin.says("/admin"), "Belum terhubung"))
    assert "4 unit" in texts(units)[0]
    assert ("Bidang Aplikasi Informatika (12)", UnlinkedPeople(unit.id, 0).pack()) in buttons(units)  # Budi is linked
    page1 = await admin.presses(UnlinkedPeople(unit.id, 0))
    names = [text for text, data in buttons(page1) if is_button(data, AdminAction, action="e")]
    assert len(names) == 8 and "halaman 1 dari 2" in texts(page1)[0] and "Budi" not in " ".join(names)
    page2 = await admin.presses(button_data(page1, "Berikutnya"))
    assert len([d for _, d in buttons(page2) if is_button(d, AdminAction, action="e")]) == 4
    assert any("Sebelumnya" in text for text, _ in buttons(page2))


async def record_plt(admin: Person, official: str, acting_query: str, acting: str, period: str):
    card = await open_card(admin, official.split()[0], official)
    ask = await admin.presses(button_data(card, "Catat Plt/Plh"))
    assert "Siapa yang akan menjadi Plt/Plh" in texts(ask)[0]
    choose = await admin.says(acting_query)
    kinds = await admin.presses(button_data(choose, acting))
    when = await admin.presses(button_data(kinds, "Plt"))
    assert "Dari tanggal berapa" in texts(when)[0]
    (refused,) = texts(await admin.says("kemarin"))
    assert "dua tanggal" in refused
    confirm = await admin.says(period)
    assert "sebagai Plt bagi" in texts(confirm)[0]
    return await admin.presses(button_data(confirm, "Simpan"))


async def test_plt_for_the_kabid_receives_new_applications_and_the_audit_says_so(admin_app, demo):
    kabid, rina = demo["kabid_apt"].employee, demo["kabid_ikp"].employee
    budi = await linked(admin_app, demo, "budi", 1001)
    await linked(admin_app, demo, "kabid_apt", 2001)
    plt = await linked(admin_app, demo, "kabid_ikp", 2002)
    admin = Person(admin_app, ADMIN, "Admin")
    saved = await record_plt(admin, "Agus Salim", "rina", "Rina Marlina", "23-11-2026 s.d. 4-12-2026")
    assert "Plt bagi Agus Salim, S.T., M.Kom.: Rina Marlina" in texts(saved)[0]
    # The Plt is told, in the same transaction (outbox).
    async with admin_app.uow() as uow:
        notices = {m.chat_id: m.payload["text"] for m in await uow.outbox.all()}
    assert "Anda tercatat sebagai Plt bagi Agus Salim" in notices[2002] and "Rina Marlina" in notices[2001]

    replies = await budi.says("/ajukan")
    replies = await budi.presses(button_data(replies, "Keamanan"))
    replies = await budi.presses(button_data(await budi.says(MOTIVATION), "Kirim"))
    assert "PS-2026-" in texts(replies)[0]
    async with admin_app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
        decide = [m for m in await uow.outbox.all() if m.key == f"app:{application.id}:decide"]
    assert application.decider_id == rina.id
    (notice,) = decide
    assert notice.chat_id == 2002 and "sebagai Plt/Plh bagi Agus Salim" in notice.payload["text"]
    approved = await plt.presses(notice.payload["keyboard"][0][0]["data"])
    assert "ST-2026-" in texts(approved)[0]
    submitted, decided = await audit(admin_app, "application", application.id)
    assert submitted.details["decider_id"] == rina.id and submitted.details["acting_for_id"] == kabid.id
    assert (decided.action, decided.actor_id, decided.acting_for_id) == ("approved", rina.id, kabid.id)


async def test_plt_not_yet_started_changes_nothing_overlaps_are_refused_and_it_can_be_ended(admin_app, demo):
    admin = Person(admin_app, ADMIN, "Admin")
    saved = await record_plt(admin, "Agus Salim", "rina", "Rina Marlina", "1-12-2026 s.d. 4-12-2026")
    budi = await linked(admin_app, demo, "budi", 1001)
    replies = await budi.says("/ajukan")
    replies = await budi.presses(button_data(replies, "Keamanan"))
    await budi.presses(button_data(await budi.says(MOTIVATION), "Kirim"))
    async with admin_app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
    assert application.decider_id == demo["kabid_apt"].employee.id  # the Plt starts on 1 December
    await admin.presses(button_data(saved, "Catat Plt/Plh"))
    kinds = await admin.presses(button_data(await admin.says("dewi"), "Dewi Lestari"))
    await admin.presses(button_data(kinds, "Plh"))
    (refused,) = texts(await admin.says("3-12-2026 s.d. 5-12-2026"))
    assert "sudah memiliki Plt/Plh dari 1 Desember 2026 sampai 4 Desember 2026" in refused
    ended = await admin.presses(button_data(saved, "Akhiri Plt"))
    assert "Diakhiri" in texts(ended)[0]
    async with admin_app.uow() as uow:
        assert await uow.acting.for_official(demo["kabid_apt"].employee.id) == []  # never started: removed
    assert [d.action for d in await audit(admin_app, "acting", 1)] == ["acting_recorded", "acting_ended"]


async def test_saya_shows_my_profile(app, demo, clock):
    async with app.uow() as uow:
        uow.teams.add(Team(None, demo["budi"].employee.unit_id, "Tim Satu Data", ketua_id=demo["budi"].employee.id))
        await uow.commit()
    budi = await linked(app, demo, "budi", 1001)
    (profile,) = texts(await budi.says("/saya"))
    for expected in ("Budi Santoso", "199003212015031001", "Pranata Komputer Ahli Pertama",
                     "Fungsional, Ahli Pertama", "Golongan: III/b", "Bidang Aplikasi Informatika",
                     "Pejabat Penilai Kinerja: Agus Salim", "Pimpinan unit: Agus Salim",
                     "Tim yang Anda ketuai: Tim Satu Data", "Terhubung dengan Telegram sejak 23 November 2026"):
        assert expected in profile, expected
    assert "PPK" not in profile
    andi = await linked(app, demo, "andi", 1005)
    (profile,) = texts(await andi.says("/saya"))
    assert "Pejabat Penilai Kinerja: Joko Susilo" in profile and "Pimpinan unit: Sri Wahyuni" in profile
    assert "Tim yang Anda ketuai: belum ada." in profile
    await budi.presses(LanguageChoice("en"))
    (profile,) = texts(await budi.says("/saya"))
    assert "Penilai (Pejabat Penilai Kinerja): Agus Salim" in profile and "Teams you lead: Tim Satu Data" in profile
