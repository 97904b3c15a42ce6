"""Cross-unit work end to end, on both runtimes and every profile (§2.7, §2.9.4): a voluntary
application to another unit's team walks its home-side steps in the order the regulation gives,
is refused at a step with the reason delivered, survives a restart, refuses wrong people and
double presses; a kendala of a team with a member from another unit reaches their home head."""
from __future__ import annotations

import pytest

from bot.fake_api.models import StoredMessage
from bot.harness import TELEGRAM_IDS
from domain.application import ApplicationStatus
from domain.org import Education, Employee, Golongan, JabatanKind, Unit, UnitKind
from domain.team import Team, TeamKind
from handlers.applications.buttons import ApplicationAction
from handlers.demo_data.seed_demo import SeededPerson
from handlers.org.link_codes import issue_code

MOTIVATION = "Saya terbiasa mengelola kanal informasi publik dan ingin mendukung keamanan informasi."
REASON = "Tim keamanan sudah penuh untuk tahun ini; silakan ajukan lagi pada awal tahun."
TEAM = "Keamanan"

# Siti (Bidang IKP) applies to the security team of Bidang Aplikasi Informatika, one Dinas.
# Who acts at each step, in order, under each regulation (demo Pemda: Rina heads IKP and rates
# Siti, Agus heads APT, Hendra heads the Dinas).
ROUTES = {
    # PermenPANRB 7/2022 (product decision 3): the target head, then the home Penilai
    "nasional": ["kabid_apt", "kabid_ikp"],
    # Lamp. 2.B.2)a: "diketahui oleh PPK" first; 2.B.2)c: the PPK approves and drafts the letter
    "dharmasraya": ["kabid_ikp", "kabid_apt", "kabid_ikp"],
    # Lamp. I §2 b.2)c): the PPK assigns "atas persetujuan Pimpinan Perangkat Daerah"
    "badung": ["kabid_apt", "kabid_ikp", "kadis"],
    # Lamp. II B.2.a: approval of the own PPK and/or Kepala UO first; B.2.c: they approve at the end
    "hulu-sungai-utara": ["kabid_ikp", "kabid_apt", "kabid_ikp"],
    # Ps 18(3)(a): approval of the own Pimpinan UO first; 18(3)(b): the Pimpinan UO issues the letter
    "surakarta": ["kabid_ikp", "kabid_apt", "kabid_ikp"],
}
WRITTEN_REFUSAL = {"hulu-sungai-utara", "surakarta"}  # HSU Lamp. II B.2.e; Surakarta Lamp. IV 3.2.2.e


def first_button(message: StoredMessage) -> str:
    data = message.inline_keyboard()[0][0].get("callback_data")
    assert data, message.text
    return data


async def press_data(h, key: str, message: StoredMessage, data: str) -> str:
    query = h.fake.press_raw(h.tid(key), message.message_id, message.chat_id, data)
    return (await h.fake.wait_callback_answer(query, h.timeout)).text or ""


async def apply_cross_unit(h, key: str = "siti", team: str = TEAM) -> StoredMessage:
    first = await h.say(key, "/ajukan", expect="🔀")
    await h.press(key, first, team, expect="kompetensi")
    summary = await h.say(key, MOTIVATION, expect="Kirim pengajuan ini?")
    return await h.press(key, summary, "Kirim", expect="PS-")


async def _app(h, key: str = "siti"):
    async with h.runtime.app.uow() as uow:
        (app,) = await uow.applications.by_applicant(h.people[key].employee.id)
        return app


async def step_notice(h, key: str, since: int) -> StoredMessage:
    """The notice asking `key` for their step (not a copy, which may arrive in between)."""
    return await h.notice(key, "menunggu langkah Anda", since=since)


@pytest.mark.parametrize("harness_profile", list(ROUTES))
async def test_cross_unit_application_walks_the_profiles_route_and_ends_in_letter_and_membership(h):
    route = ROUTES[h.profile]
    await h.link("siti", *set(route))
    mark = h.fake.mark()
    await apply_cross_unit(h)
    for i, key in enumerate(route):
        notice = await step_notice(h, key, mark)
        app = await _app(h)
        assert app.status is ApplicationStatus.SUBMITTED and app.step_index == i
        assert app.decider_id == h.people[key].employee.id, (h.profile, i, key)
        mark = h.fake.mark()
        await press_data(h, key, notice, first_button(notice))
    app = await _app(h)
    assert app.status is ApplicationStatus.APPROVED
    await h.notice("siti", "ST-")
    async with h.runtime.app.uow() as uow:
        (assignment,) = await uow.assignments.of_employee(h.people["siti"].employee.id)
        final_key = route[1] if h.profile in ("nasional", "badung") else route[2]
        assert assignment.issued_by_id == h.people[final_key].employee.id  # the home side signs (§2.7 c)
        assert assignment.unit_id == app.target_unit_id
        assert await uow.teams.membership(app.team_id, h.people["siti"].employee.id) is not None
        trail = [d.action for d in await uow.decisions.for_subject("application", app.id)]
    assert trail[0] == "submitted" and trail[-1] == "approved" and len(trail) == len(route) + 1


@pytest.mark.parametrize("harness_profile", list(ROUTES))
async def test_refused_at_the_target_step_with_the_reason_delivered(h):
    route = ROUTES[h.profile]
    target = route.index("kabid_apt")
    await h.link("siti", *set(route))
    mark = h.fake.mark()
    await apply_cross_unit(h)
    for key in route[:target]:
        notice = await step_notice(h, key, mark)
        mark = h.fake.mark()
        await press_data(h, key, notice, first_button(notice))
    notice = await step_notice(h, "kabid_apt", mark)
    await h.press("kabid_apt", notice, "Tolak", expect="alasan")
    mark = h.fake.mark()
    await h.say("kabid_apt", REASON)
    told = await h.notice("siti", "tahun ini", since=mark)
    app = await _app(h)
    assert app.status is ApplicationStatus.REJECTED and app.decision_reason == REASON
    if h.profile in WRITTEN_REFUSAL:
        mark = h.fake.mark()
        await press_data(h, "siti", told, first_button(told))
        letter = await h.fake.wait_message(h.tid("siti"), None, h.timeout, since=mark)
        assert letter.document is not None and (letter.document.file_name or "").startswith("Surat_Jawaban_SJ-")
        assert letter.document.content.startswith(b"%PDF")
    else:
        assert not told.inline_keyboard()


async def test_wrong_people_and_double_presses_change_nothing(h):
    await h.link("siti", "kabid_apt", "kabid_ikp", "budi")
    await apply_cross_unit(h)
    notice = await h.notice("kabid_apt", "menunggu langkah Anda")
    approve = first_button(notice)
    # the home Penilai, whose step comes later, forges the target head's button
    assert "Hanya pejabat" in await press_data(h, "kabid_ikp", h.fake.last_message(h.tid("kabid_ikp")), approve)
    assert "Hanya pejabat" in await press_data(h, "budi", h.fake.last_message(h.tid("budi")), approve)
    assert (await _app(h)).step_index == 0
    first = h.fake.press_raw(h.tid("kabid_apt"), notice.message_id, notice.chat_id, approve)
    second = h.fake.press_raw(h.tid("kabid_apt"), notice.message_id, notice.chat_id, approve)
    await h.fake.wait_callback_answer(first)
    await h.fake.wait_callback_answer(second)
    app = await _app(h)
    assert app.step_index == 1 and app.decider_id == h.people["kabid_ikp"].employee.id
    async with h.runtime.app.uow() as uow:
        trail = [d.action for d in await uow.decisions.for_subject("application", app.id)]
    assert trail == ["submitted", "step_approved:target"]


@pytest.mark.parametrize("harness_profile", ["dharmasraya"])
async def test_restart_mid_route_and_persetujuan_lists_the_open_step(h):
    await h.link("siti", "kabid_ikp", "kabid_apt")
    await apply_cross_unit(h)
    notice = await h.notice("kabid_ikp", "menunggu langkah Anda")
    mark = h.fake.mark()
    await press_data(h, "kabid_ikp", notice, first_button(notice))  # diketahui (Lamp. 2.B.2)a)
    await h.restart_bot()
    listed = await h.say("kabid_apt", "/persetujuan", expect="Siti Rahmawati")
    assert listed.inline_keyboard()
    await step_notice(h, "kabid_apt", mark)
    await h.press("kabid_apt", listed, "Setujui")
    assert (await _app(h)).step_index == 2


async def add_agency(h, monkeypatch) -> int:
    """A second Perangkat Daerah (a Badan) with its head and an open team, linked as "kaban"."""
    monkeypatch.setitem(TELEGRAM_IDS, "kaban", 7101)
    async with h.runtime.app.uow() as uow:
        unit = Unit(None, "BKD", "Badan Kepegawaian Daerah", UnitKind.BADAN)  # type: ignore[arg-type]
        uow.org.add(unit)
        await uow.flush()
        head = Employee(None, "197001011995031001", "Ir. Made Çandra Wibawa, M.Si.",  # type: ignore[arg-type]
                        "Kepala Badan", JabatanKind.JPT_PRATAMA, unit.id, golongan=Golongan.parse("IV/c"),
                        education=Education("S2"))
        uow.org.add(head)
        await uow.flush()
        unit.head_id = head.id
        team = Team(None, unit.id, "Tim Manajemen Talenta", TeamKind.RUTIN)  # type: ignore[arg-type]
        uow.teams.add(team)
        code = await issue_code(uow, head.id, h.runtime.app.clock(), 72)
        await uow.commit()
        h.people["kaban"] = SeededPerson("kaban", head, code.code)
    h.fake.user(7101, "Made")
    return team.id


@pytest.mark.parametrize("harness_profile", ["banten"])
async def test_banten_across_perangkat_daerah_copies_the_penilai_and_own_head(h, monkeypatch):
    """Banten: a UO is a whole PD (Ps 1(16)); Lamp. B.2 b.b.1 copies the PPK and the own Pimpinan UO when it
    is sent; b.b.2 forwards it to the PPK, copying the Pimpinan UO; b.b.3 the PPK drafts the letter."""
    await add_agency(h, monkeypatch)
    await h.link("siti", "kaban", "kabid_ikp", "kadis")
    mark = h.fake.mark()
    await apply_cross_unit(h, team="Talenta")
    await h.notice("kadis", "Tembusan", since=mark)  # the own Pimpinan UO: the Kepala Dinas
    notice = await h.notice("kaban", "menunggu langkah Anda", since=mark)
    mark = h.fake.mark()
    await press_data(h, "kaban", notice, first_button(notice))
    notice = await step_notice(h, "kabid_ikp", mark)
    await press_data(h, "kabid_ikp", notice, first_button(notice))
    await h.notice("siti", "ST-")
    assert (await _app(h)).status is ApplicationStatus.APPROVED


@pytest.mark.parametrize("harness_profile", ["badung"])
async def test_badung_offers_no_team_of_another_perangkat_daerah(h, monkeypatch):
    """Badung Lamp. I §2 b: across UO only "di dalam satu Perangkat Daerah"; a forged button is refused."""
    team_id = await add_agency(h, monkeypatch)
    await h.link("siti")
    first = await h.say("siti", "/ajukan", expect="🔀")
    assert "Talenta" not in " ".join(text for text, _ in h.fake.buttons(first))
    forged = ApplicationAction("t", team_id).pack()
    assert "tidak sedang menerima" in await press_data(h, "siti", first, forged)


async def _join_by_application(h) -> None:
    """Siti (Bidang IKP) joins the security team of Bidang APT by an approved cross-unit application."""
    route = ROUTES[h.profile]
    await h.link("siti", *set(route))
    mark = h.fake.mark()
    await apply_cross_unit(h)
    for key in route:
        notice = await step_notice(h, key, mark)
        mark = h.fake.mark()
        await press_data(h, key, notice, first_button(notice))
    await h.notice("siti", "ST-")


async def _raise_kendala(h) -> StoredMessage:
    first = await h.say("siti", "/kendala")
    await h.press("siti", first, TEAM, expect="Uraikan")
    await h.say("siti", "Akses ke server uji coba belum diberikan oleh unit pemilik.")
    done = await h.say("siti", "Unit pemilik memberi akses sementara.", expect="dicatat")
    return await h.press("siti", done, "Selesai", expect="Kirim kepada pejabat")


@pytest.mark.parametrize("harness_profile", ["nasional", "surakarta"])
async def test_cross_unit_kendala_escalated_to_the_members_home_head(h):
    """§2.9.4 (e.g. Surakarta Lamp. V.b 4): the owning unit head decides; the member's home unit head is told."""
    await _join_by_application(h)
    confirm = await _raise_kendala(h)
    mark = h.fake.mark()
    await h.press("siti", confirm, "kepala unit asal")
    await h.notice("kabid_apt", "kendala", since=mark)
    home = await h.notice("kabid_ikp", "Akses ke server", since=mark)
    assert "Rina" not in home.text.split("\n")[0]
    async with h.runtime.app.uow() as uow:
        (k,) = [d for d in await uow.decisions.for_subject("kendala", 1) if d.action == "escalated_home_heads"]
        assert k.details["home_heads"] == [h.people["kabid_ikp"].employee.id]
    decide = await h.notice("kabid_apt", "kendala", since=mark)
    await h.press("kabid_apt", decide, "Putuskan")
    mark = h.fake.mark()
    await h.say("kabid_apt", "Akses sementara diberikan selama dua minggu.")
    await h.notice("kabid_ikp", "dua minggu", since=mark)  # the home head learns the decision too


@pytest.mark.parametrize("harness_profile", ["hulu-sungai-utara"])
async def test_hsu_kendala_is_not_escalated(h):
    """HSU Lamp. II A.2.2.c covers the unit only: no escalation to home heads."""
    await _join_by_application(h)
    confirm = await _raise_kendala(h)
    assert not [text for text, _ in h.fake.buttons(confirm) if "kepala unit asal" in text]


async def _ketua_picker(h) -> StoredMessage:
    await h.settle()  # the copies of the outcome reach the Kabid first
    card = await h.say("kabid_apt", "/tim", expect="Tim Keamanan Informasi (")  # the card, not a copy
    return await h.press("kabid_apt", card, "Tunjuk ketua", expect="Siapa yang ditunjuk")


@pytest.mark.parametrize("harness_profile", ["nasional"])
async def test_ketua_from_another_unit_is_a_warning_where_the_owning_unit_is_preferred(h):
    """PermenPANRB 7/2022 (like Dharmasraya Ps 8(3), Badung Ps 7(3), Banten Ps 10(6), HSU Ps 20(2)):
    the ketua is "diutamakan" from the owning unit, so a member from another unit may be appointed anyway."""
    await _join_by_application(h)
    pick = await _ketua_picker(h)
    warned = await h.press("kabid_apt", pick, "Siti Rahmawati", expect="Mohon perhatikan")
    await h.press("kabid_apt", warned, "Tetap tunjuk", expect="kini menjadi ketua")


@pytest.mark.parametrize("harness_profile", ["surakarta"])
async def test_ketua_from_another_unit_is_refused_where_it_is_mandatory(h):
    """Surakarta Ps 15(5): the ketua "wajib" comes from the owning unit (otherwise by mutasi, 15(6))."""
    await _join_by_application(h)
    pick = await _ketua_picker(h)
    await h.press("kabid_apt", pick, "Siti Rahmawati", expect="wajib berasal dari unit pemilik tim")
