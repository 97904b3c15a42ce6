"""Forming a team, appointing its ketua under each profile's eligibility rules, adding
members, binding the group chat, ending the team."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.org import Education, Employee, Golongan, JabatanKind, Unit, UnitKind
from domain.team import MemberRole, Team, TeamStatus
from handlers.applications.buttons import ApplicationAction
from handlers.reports.buttons import ReportAction
from handlers.teams.buttons import (
    AppointKetua,
    AppointPengendali,
    EndTeam,
    LinkGroup,
    PickKetua,
    PickMember,
    PickPengendali,
    RenewTeam,
    TeamRole,
    Term,
)
from handlers.teams.teams import term_end
from tests.handlers.chat import Person, alerts, button_data, buttons, is_button, only_reminded, texts
from tests.handlers.test_voluntary_application import MOTIVATION, linked, outbox


async def form_team(head: Person, name="Tim Sub Kegiatan Pengelolaan Aplikasi") -> int:
    await head.says("/timbaru")
    replies = await head.says(name)
    replies = await head.presses(button_data(replies, "Rutin"))
    replies = await head.says("Aplikasi layanan publik tersedia 99% dan terdokumentasi.")
    replies = await head.presses(button_data(replies, "akhir triwulan"))
    replies = await head.presses(button_data(replies, "Bentuk tim"))
    assert "terbentuk" in texts(replies)[0]
    return int(button_data(replies, "ketua").split(":")[1])


CONSIDERATION = "Budi menguasai pengembangan aplikasi dan memimpin dua proyek SPBE dengan baik."


async def propose_ketua(head: Person, team_id: int, person_id: int) -> list:
    """Pick a Surakarta ketua candidate, then write the Penilai's consideration (Ps 15(3))."""
    (ask,) = texts(await head.presses(PickKetua(team_id, person_id, "force")))
    assert "pertimbangan" in ask and "Pasal 15 ayat (3) Perwali Surakarta 32/2023" in ask
    return await head.says(CONSIDERATION)


async def team(app, team_id):
    async with app.uow() as uow:
        t = await uow.teams.get(team_id)
        members = {m.employee_id: m.role for m in await uow.teams.members(team_id)}
        return t, members


async def test_only_a_unit_head_forms_a_team(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    (reply,) = texts(await budi.says("/timbaru"))
    assert "Hanya pimpinan unit" in reply


async def test_form_team_appoint_ketua_add_member(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    budi = await linked(app, demo, "budi", 1001)
    team_id = await form_team(kabid)
    replies = await kabid.presses(AppointKetua(team_id))
    assert ("Budi Santoso, S.Kom. · Pranata Komputer Ahli Pertama",
            PickKetua(team_id, demo['budi'].employee.id).pack()) in buttons(replies)
    replies = await kabid.presses(PickKetua(team_id, demo['budi'].employee.id))
    assert "kini menjadi ketua" in texts(replies)[0]
    replies = await kabid.presses(PickMember(team_id, demo['dewi'].employee.id))
    card = texts(replies)[0]
    assert "Budi Santoso, S.Kom. — ketua" in card and "Dewi Lestari, S.T. — anggota" in card
    t, members = await team(app, team_id)
    assert t.status is TeamStatus.ACTIVE and t.ketua_id == demo["budi"].employee.id
    assert members == {demo["budi"].employee.id: MemberRole.KETUA, demo["dewi"].employee.id: MemberRole.ANGGOTA}
    notices = [m.payload["text"] for m in await outbox(app) if m.chat_id == 1001]
    assert any("menjadi ketua <b>Tim Sub" in n for n in notices)  # not "ketua tim Tim …"
    # the ketua sees the team with the group-link button
    assert is_button(button_data(await budi.says("/tim"), "grup"), LinkGroup)


async def test_members_join_through_an_approved_application(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    budi = await linked(app, demo, "budi", 1001)
    team_id = await form_team(kabid)
    replies = await budi.says("/ajukan")
    replies = await budi.presses(ApplicationAction("t", team_id))
    replies = await budi.says(MOTIVATION)
    await budi.presses(button_data(replies, "Kirim"))
    approve = [m for m in await outbox(app) if m.chat_id == 2001][-1].payload["keyboard"][0][0]["data"]
    await kabid.presses(approve)
    _, members = await team(app, team_id)
    assert members == {demo["budi"].employee.id: MemberRole.ANGGOTA}


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_ineligible_ketua_refused_with_rule_and_article(app, demo, profile_name):
    """Banten Ps 10(3): a Pelaksana may be ketua only with a bachelor's degree and III/b."""
    kabid = await linked(app, demo, "kadis", 2000)  # Ps 1(16): the Kepala Dinas heads the Unit Organisasi
    team_id = await form_team(kabid, "Tim Pengelolaan Media Sosial")
    replies = await kabid.presses(PickKetua(team_id, demo['yoga'].employee.id))
    (reply,) = texts(replies)
    assert "tidak dapat menjadi ketua" in reply
    assert "D3" in reply and "S1" in reply and "II/c" in reply and "III/b" in reply
    # cited as a reader of the Pergub would, never in our shorthand
    assert "Pasal 10 ayat (3) huruf a Pergub Banten 19/2023" in reply and "Ps 10" not in reply
    t, members = await team(app, team_id)
    assert t.ketua_id is None and members == {}


async def _add_setda(app) -> Employee:
    async with app.uow() as uow:
        setda = Unit(None, "SETDA", "Sekretariat Daerah", UnitKind.SETDA)
        uow.org.add(setda)
        await uow.flush()
        sekda = Employee(None, "196805121990031005", "Ir. Bambang Hartono, M.Si.", "Sekretaris Daerah",
                         JabatanKind.JPT_PRATAMA, setda.id, golongan=Golongan.parse("IV/d"))
        uow.org.add(sekda)
        await uow.flush()
        setda.head_id = sekda.id
        await uow.commit()
        return sekda


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_ketua_proposed_then_set_by_the_sekda(app, demo, profile_name):
    """Surakarta Ps 15(3)-(4): the unit head proposes, the Sekda appoints (or rejects with a reason)."""
    sekda = await _add_setda(app)
    async with app.uow() as uow:
        code = (await __import__("handlers.org.link_codes", fromlist=["x"]).issue_code(
            uow, sekda.id, app.clock(), 72)).code
        await uow.commit()
    kabid = await linked(app, demo, "kabid_apt", 2001)
    sekda_p = Person(app, 3001, "Bambang")
    await sekda_p.says(f"/start {code}")
    team_id = await form_team(kabid)
    budi_id = demo["budi"].employee.id
    replies = await kabid.presses(PickKetua(team_id, budi_id))  # workload not recorded: a warning first
    assert "ABK" in texts(replies)[0]
    assert "pertimbangan" in texts(await kabid.presses(PickKetua(team_id, budi_id, "force")))[0]
    assert "Terlalu singkat" in texts(await kabid.says("baik"))[0]  # Ps 15(3): a consideration, not a word
    replies = await kabid.says(CONSIDERATION)
    assert "diusulkan" in texts(replies)[0] and "Pasal 15 ayat (4)" in texts(replies)[0]
    t, _ = await team(app, team_id)
    assert t.ketua_id is None
    proposal = [m for m in await outbox(app) if m.chat_id == 3001][-1]
    assert CONSIDERATION in proposal.payload["text"]  # the Sekda reads the Penilai's consideration
    async with app.uow() as uow:
        assert (await uow.teams.open_candidacies(team_id))[0].consideration == CONSIDERATION
    reject = proposal.payload["keyboard"][0][1]["data"]
    await sekda_p.presses(reject)
    assert only_reminded(await sekda_p.presses(reject))
    assert "Terlalu singkat" in texts(await sekda_p.says("tidak"))[0]
    await sekda_p.says("Mohon usulkan pejabat fungsional ahli muda.")
    told = [m.payload["text"] for m in await outbox(app) if m.chat_id == 2001]
    assert any("ahli muda" in n for n in told)
    settled = next(m for m in await outbox(app) if m.id == proposal.id)  # the Sekda's card, now decided
    assert settled.payload["keyboard"] is None and "ahli muda" in settled.payload["text"]
    assert "Diputuskan oleh" in settled.payload["text"] and CONSIDERATION in settled.payload["text"]
    assert alerts(await sekda_p.presses(reject))  # stale: already decided
    await propose_ketua(kabid, team_id, budi_id)
    approve = [m for m in await outbox(app) if m.chat_id == 3001][-1].payload["keyboard"][0][0]["data"]
    assert alerts(await kabid.presses(approve))  # only the Sekda decides
    await sekda_p.presses(approve)
    t, members = await team(app, team_id)
    assert t.ketua_id == budi_id and members[budi_id] is MemberRole.KETUA


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_ketua_proposal_reaches_the_plt_of_an_absent_sekda(app, demo, profile_name):
    """Ps 15(3)-(4) with the Sekda away: the proposal, its notice and the decision go to the Plt
    (domain.deciders.official_for), and the audit says whom they acted for."""
    from domain.acting import ActingKind, ActingOfficial

    sekda = await _add_setda(app)
    plt = demo["kabid_ikp"].employee
    today = app.clock().date()
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, sekda.id, plt.id, ActingKind.PLT, today,
                                          today.replace(year=today.year + 1)))
        await uow.commit()
    kabid = await linked(app, demo, "kabid_apt", 2001)
    rina = await linked(app, demo, "kabid_ikp", 2002)
    team_id = await form_team(kabid)
    budi_id = demo["budi"].employee.id
    replies = await propose_ketua(kabid, team_id, budi_id)
    assert "diusulkan" in texts(replies)[0] and "Rina Marlina" in texts(replies)[0]
    (proposal,) = [m for m in await outbox(app) if m.chat_id == 2002 and m.key.startswith("candidacy:")]
    assert "Plt/Plh bagi Ir. Bambang Hartono" in proposal.payload["text"]
    async with app.uow() as uow:
        (candidacy,) = await uow.teams.open_candidacies(team_id)
        proposed = [d for d in await uow.decisions.for_subject("team", team_id) if d.action == "ketua_proposed"]
    assert candidacy.decider_id == plt.id and proposed[0].details["acting_for_id"] == sekda.id
    await rina.presses(proposal.payload["keyboard"][0][0]["data"])
    t, members = await team(app, team_id)
    assert t.ketua_id == budi_id and members[budi_id] is MemberRole.KETUA


def test_twelve_months_button_ends_the_day_before_the_anniversary():
    """The "Twelve months" choice of /timbaru and renewal is the rule's own last day (Ps 14(5)(c))."""
    assert term_end(dt.date(2024, 2, 29), Term.TWELVE_MONTHS) == dt.date(2025, 2, 28)
    assert term_end(dt.date(2026, 12, 5), Term.TWELVE_MONTHS) == dt.date(2027, 12, 4)


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_team_term_limit(app, demo, profile_name):
    """Surakarta Ps 14(5)(c): a team runs at most one year."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await kabid.says("/timbaru")
    replies = await kabid.says("Tim Sub Kegiatan Data")
    await kabid.presses(button_data(replies, "Rutin"))
    await kabid.says("Data sektoral lengkap dan mutakhir setiap bulan.")
    (reply,) = texts(await kabid.says("2026-12-01 2028-01-31"))
    assert "12 bulan" in reply and "2027-11-30" in reply
    replies = await kabid.says("2026-12-01 2027-11-30")
    assert button_data(replies, "Bentuk tim")


async def test_group_binding_only_by_the_ketua_in_a_group(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    budi = await linked(app, demo, "budi", 1001)
    dewi = await linked(app, demo, "dewi", 1004)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo['budi'].employee.id))
    assert alerts(await dewi.presses(LinkGroup(team_id)))
    reply = texts(await budi.presses(LinkGroup(team_id)))[0]
    code = reply.split("/hubungkan ")[1].split("<")[0].strip()
    assert "dalam grup" in texts(await budi.says(f"/hubungkan {code}"))[0]
    assert "Hanya ketua" in texts(await dewi.says(f"/hubungkan {code}", chat_type="supergroup", chat_id=-1005))[0]
    (reply,) = texts(await budi.says(f"/hubungkan {code}", chat_type="supergroup", chat_id=-1005))
    assert "terhubung" in reply and "NIP" not in reply and "1990" not in reply
    t, _ = await team(app, team_id)
    assert t.group_chat_id == -1005
    assert "tidak berlaku" in texts(await budi.says(f"/hubungkan {code}", chat_type="supergroup", chat_id=-1006))[0]


async def test_ending_a_team_keeps_history(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo['budi'].employee.id))
    await kabid.presses(PickMember(team_id, demo['dewi'].employee.id))
    await kabid.presses(AppointKetua(team_id))
    await kabid.presses(PickKetua(team_id, demo['dewi'].employee.id))  # hand over
    t, members = await team(app, team_id)
    assert members == {demo["dewi"].employee.id: MemberRole.KETUA, demo["budi"].employee.id: MemberRole.ANGGOTA}
    replies = await kabid.presses(EndTeam(team_id))
    await kabid.presses(button_data(replies, "akhiri"))
    t, _ = await team(app, team_id)
    assert t.status is TeamStatus.ENDED
    async with app.uow() as uow:
        history = await uow.teams.members(team_id, active_only=False)
        trail = [d.action for d in await uow.decisions.for_subject("team", team_id)]
    assert len(history) == 4  # budi ketua, dewi anggota, budi anggota, dewi ketua
    assert trail[0] == "formed" and trail[-1] == "ended" and trail.count("ketua_set") == 2


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_pengendali_rules_and_sekda(app, demo, profile_name):
    """Surakarta Ps 24: at least JF Ahli Muda (R34); not where an Administrator runs the work
    (R31); set by the Sekda (Ps 24(5))."""
    sekda = await _add_setda(app)
    from handlers.org.link_codes import issue_code

    async with app.uow() as uow:
        code = (await issue_code(uow, sekda.id, app.clock(), 72)).code
        await uow.commit()
    sekda_p = Person(app, 3001, "Bambang")
    await sekda_p.says(f"/start {code}")
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    (reply,) = texts(await kabid.presses(PickPengendali(team_id, demo['dewi'].employee.id)))
    assert "Administrator" in reply and "Pasal 24" in reply  # the Kabid (Administrator) runs the work
    kadis = await linked(app, demo, "kadis", 2005)
    team_id = await form_team(kadis, "Tim Sub Kegiatan Transformasi Digital")
    (reply,) = texts(await kadis.presses(PickPengendali(team_id, demo['budi'].employee.id)))
    assert "Ahli Muda" in reply and "Pasal 24 ayat (2)" in reply and "R34" not in reply  # the article, not our rule
    replies = await kadis.presses(PickPengendali(team_id, demo['dewi'].employee.id, "force"))
    assert "diusulkan" in texts(replies)[0]
    approve = [m for m in await outbox(app) if m.chat_id == 3001][-1].payload["keyboard"][0][0]["data"]
    await sekda_p.presses(approve)
    t, members = await team(app, team_id)
    assert t.pengendali_id == demo["dewi"].employee.id and members[t.pengendali_id] is MemberRole.PENGENDALI


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_penanggung_jawab_and_secretariat(app, demo, profile_name):
    """Banten Ps 10(2): penanggung jawab + ketua + members, optionally a secretariat."""
    kabid = await linked(app, demo, "kadis", 2000)
    team_id = await form_team(kabid)
    card = await kabid.says("/tim")
    assert ("Penanggung jawab", TeamRole(team_id, "pj").pack()) in buttons(card)
    assert ("Sekretariat", TeamRole(team_id, "sk").pack()) in buttons(card)
    await kabid.presses(TeamRole(team_id, "pj", demo['dewi'].employee.id))
    await kabid.presses(TeamRole(team_id, "sk", demo['budi'].employee.id))
    _, members = await team(app, team_id)
    assert members == {demo["dewi"].employee.id: MemberRole.PENANGGUNG_JAWAB,
                       demo["budi"].employee.id: MemberRole.SEKRETARIAT}


async def test_nasional_offers_no_region_specific_roles(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await form_team(kabid)
    datas = [d for _, d in buttons(await kabid.says("/tim"))]
    assert not [d for d in datas if is_button(d, AppointPengendali) or is_button(d, TeamRole)]


async def test_renew_keeps_history(app, demo, clock):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    replies = await kabid.presses(RenewTeam(team_id))
    await kabid.presses(button_data(replies, "akhir tahun"))
    t, _ = await team(app, team_id)
    assert t.ends_on.isoformat() == "2026-12-31"
    async with app.uow() as uow:
        (renewal,) = [d for d in await uow.decisions.for_subject("team", team_id) if d.action == "renewed"]
    assert renewal.details["until"] == "2026-12-31"


async def test_assignment_letter_pdf(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    dewi = await linked(app, demo, "dewi", 1004)
    (reply,) = texts(await dewi.says("/surat"))
    assert "belum memiliki" in reply
    team_id = await form_team(kabid)
    await kabid.presses(PickMember(team_id, demo['dewi'].employee.id))
    from handlers.applications.buttons import AssignmentLetter
    from handlers.core.types import SendDocument

    (doc,) = [r for r in await dewi.says("/surat") if isinstance(r, SendDocument)]  # her only letter: at once
    assert doc.filename.startswith("Surat_Penugasan_ST-2026-") and doc.content.startswith(b"%PDF")
    assert len(doc.content) > 1000
    async with app.uow() as uow:
        (assignment,) = await uow.assignments.of_employee(demo["dewi"].employee.id)
    assert alerts(await kabid.presses(AssignmentLetter(assignment.id)))  # someone else's letter
    assert [r for r in await dewi.presses(AssignmentLetter(assignment.id)) if isinstance(r, SendDocument)]


async def _qualify(app, demo, key: str) -> None:
    """A Pelaksana with a bachelor's degree and III/b (Banten Ps 10(3)(a)-(b))."""
    async with app.uow() as uow:
        person = await uow.org.employee(demo[key].employee.id)
        person.education, person.golongan = Education.parse("S1"), Golongan.parse("III/b")
        await uow.commit()


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_Ps_10_3_pelaksana_ketua_once_the_head_describes_the_experience(app, demo, profile_name):
    """Ps 10(3)(c): the relevant experience is asked of the appointing head, not listed as failed;
    their description is in the Decision log."""
    kadis = await linked(app, demo, "kadis", 2000)
    team_id = await form_team(kadis)
    await _qualify(app, demo, "andi")
    andi_id = demo["andi"].employee.id
    (question,) = texts(await kadis.presses(PickKetua(team_id, andi_id)))
    assert "pengalaman" in question and "tidak dapat" not in question
    assert "Pasal 10 ayat (3) huruf c Pergub Banten 19/2023" in question and "Ps 10" not in question
    assert (await team(app, team_id))[0].ketua_id is None
    assert "Terlalu singkat" in texts(await kadis.says("Ada"))[0]
    EXPERIENCE = "Tiga tahun mengelola arsip dan aplikasi persuratan dinas."
    replies = texts(await kadis.says(EXPERIENCE))
    assert "kini menjadi ketua" in replies[0]
    t, members = await team(app, team_id)
    assert t.ketua_id == andi_id and members == {andi_id: MemberRole.KETUA}
    async with app.uow() as uow:
        (attested,) = [d for d in await uow.decisions.for_subject("team", team_id)
                       if d.action == "ketua_experience_attested"]
    assert attested.actor_id == demo["kadis"].employee.id and attested.details["experience"] == EXPERIENCE


async def test_elsewhere_no_experience_is_asked(app, demo):
    """Nasional sets no Ps 10(3)-like experience requirement: a Pelaksana is appointed at once."""
    sekretaris = await linked(app, demo, "sekretaris", 2003)
    team_id = await form_team(sekretaris)
    replies = texts(await sekretaris.presses(PickKetua(team_id, demo["andi"].employee.id)))
    assert "pengalaman" not in replies[0]


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_Ps_10_2_team_starts_only_with_its_penanggung_jawab(app, demo, profile_name):
    """Ps 10(2): "terdiri dari Penanggungjawab, Ketua dan Anggota": with a ketua but no
    penanggung jawab the team has not started, the head is told, and members cannot report."""
    kadis = await linked(app, demo, "kadis", 2000)
    dewi = await linked(app, demo, "dewi", 1002)
    team_id = await form_team(kadis)
    replies = texts(await kadis.presses(PickKetua(team_id, demo["budi"].employee.id)))
    assert "kini menjadi ketua" in replies[0]
    assert "belum dapat dimulai" in replies[1] and "penanggung jawab" in replies[1]
    assert "Pasal 10 ayat (2) Pergub Banten 19/2023" in replies[1]
    await kadis.presses(PickMember(team_id, demo["dewi"].employee.id))
    t, _ = await team(app, team_id)
    assert t.status is TeamStatus.OPEN and not t.started
    (card,) = [c for c in texts(await kadis.says("/tim")) if "Pengelolaan Aplikasi" in c]
    assert "belum dimulai" in card
    await dewi.says("/lapor")
    assert "belum dimulai" in alerts(await dewi.presses(ReportAction("t", team_id)))[0]
    await kadis.presses(TeamRole(team_id, "pj", demo["sekretaris"].employee.id))
    t, members = await team(app, team_id)
    assert t.status is TeamStatus.ACTIVE and members[demo["sekretaris"].employee.id] is MemberRole.PENANGGUNG_JAWAB
    async with app.uow() as uow:
        assert "started" in [d.action for d in await uow.decisions.for_subject("team", team_id)]


async def _make_head(app, unit_code: str, person_id: int) -> None:
    async with app.uow() as uow:
        unit = await uow.org.unit_by_code(unit_code)
        unit.head_id = person_id
        await uow.commit()


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_no_team_where_a_pengawas_runs_the_sub_activity(app, demo, profile_name):
    """Surakarta Ps 14(5)(b): no team for a sub-activity a Pejabat Pengawas runs (a unit headed by one)."""
    await _make_head(app, "DKI.SEK", demo["kasubbag"].employee.id)
    kasubbag = await linked(app, demo, "kasubbag", 2009)
    await kasubbag.says("/timbaru")
    replies = await kasubbag.says("Tim Sub Kegiatan Kepegawaian")
    replies = await kasubbag.presses(button_data(replies, "Rutin"))
    replies = await kasubbag.says("Administrasi kepegawaian tertib dan mutakhir.")
    replies = await kasubbag.presses(button_data(replies, "akhir triwulan"))
    (reply,) = texts(await kasubbag.presses(button_data(replies, "Bentuk tim")))
    assert "Pengawas" in reply and "Pasal 14 ayat (5) huruf b" in reply
    async with app.uow() as uow:
        assert not [t for t in await uow.teams.in_units([demo["andi"].employee.unit_id])
                    if t.name == "Tim Sub Kegiatan Kepegawaian"]


@pytest.mark.parametrize("profile_name", ["surakarta", "nasional"])
async def test_a_penilai_forms_a_team_only_in_surakarta(app, demo, profile_name):
    """Surakarta Ps 14(2): a team is formed by the Pejabat Penilai Kinerja or the Pimpinan UO;
    elsewhere only the unit head. The unit head is asked to appoint the ketua."""
    kasubbag = await linked(app, demo, "kasubbag", 2009)  # rates Andi (DKI.SEK), heads no unit
    await linked(app, demo, "sekretaris", 2010)
    if profile_name == "nasional":
        assert "Hanya pimpinan unit" in texts(await kasubbag.says("/timbaru"))[0]
        return
    (reply,) = texts(await kasubbag.says("/timbaru"))
    assert "Sekretariat Dinas Kominfo" in reply
    replies = await kasubbag.says("Tim Sub Kegiatan Kearsipan")
    replies = await kasubbag.presses(button_data(replies, "Rutin"))
    replies = await kasubbag.says("Arsip dinas tertata dan terdigitalisasi.")
    replies = await kasubbag.presses(button_data(replies, "akhir triwulan"))
    (reply,) = texts(await kasubbag.presses(button_data(replies, "Bentuk tim")))
    assert "terbentuk" in reply
    (told,) = [m for m in await outbox(app) if m.chat_id == 2010]
    assert "Kearsipan" in told.payload["text"] and told.payload["keyboard"]
    async with app.uow() as uow:
        (team_row,) = [t for t in await uow.teams.in_units([demo["andi"].employee.unit_id])
                       if t.name == "Tim Sub Kegiatan Kearsipan"]
    assert team_row.created_by_id == demo["kasubbag"].employee.id


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_renewal_ends_the_ketua_term(app, demo, profile_name):
    """Surakarta Ps 1(26), 14(5)(c): the Ketua serves at most a year and is set by the Sekda, so
    renewing the team ends the Ketua's post with the old term; a new proposal is needed."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await linked(app, demo, "budi", 1001)
    team_id = await form_team(kabid)
    budi_id = demo["budi"].employee.id
    async with app.uow() as uow:
        from handlers.teams.membership import set_ketua
        await set_ketua(uow, await uow.teams.get(team_id), budi_id, demo["kabid_apt"].employee.id, app.clock(),
                        profile=app.profile)
        await uow.commit()
    replies = await kabid.presses(RenewTeam(team_id))
    (reply,) = texts(await kabid.presses(button_data(replies, "akhir tahun")))
    assert "Pasal 1 angka 26" in reply and "Sekretaris Daerah" in reply
    t, members = await team(app, team_id)
    assert t.ketua_id is None and t.status is TeamStatus.OPEN and members[budi_id] is MemberRole.ANGGOTA
    assert any("Sekretaris Daerah" in m.payload["text"] for m in await outbox(app) if m.chat_id == 1001)


async def test_renewal_keeps_the_ketua_where_the_post_has_no_term_of_its_own(app, demo):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo["budi"].employee.id))
    replies = await kabid.presses(RenewTeam(team_id))
    await kabid.presses(button_data(replies, "akhir tahun"))
    t, _ = await team(app, team_id)
    assert t.ketua_id == demo["budi"].employee.id


@pytest.mark.parametrize("profile_name", ["surakarta", "nasional"])
async def test_ketua_is_active_only_after_the_perjanjian_kinerja(app, demo, profile_name):
    """Surakarta Ps 21(1): the Ketua makes a Perjanjian Kinerja; until they confirm it the bot
    does not let them act as ketua (the team report). Elsewhere no PK is asked for."""
    from handlers.reports.buttons import ReportAction
    from handlers.teams.buttons import ConfirmPk

    kabid = await linked(app, demo, "kabid_apt", 2001)
    budi = await linked(app, demo, "budi", 1001)
    team_id = await form_team(kabid)
    async with app.uow() as uow:
        from handlers.teams.membership import set_ketua
        await set_ketua(uow, await uow.teams.get(team_id), demo["budi"].employee.id,
                        demo["kabid_apt"].employee.id, app.clock(), profile=app.profile)
        await uow.commit()
    replies = await budi.presses(ReportAction("k", team_id))
    if profile_name == "nasional":
        assert "Perjanjian Kinerja" not in " ".join(texts(replies))
        return
    assert "Perjanjian Kinerja" in texts(replies)[0] and "Pasal 21 ayat (1)" in texts(replies)[0]
    assert (ConfirmPk(team_id).pack()) in [d for _, d in buttons(await budi.says("/tim"))]
    assert "aktif" in texts(await budi.presses(ConfirmPk(team_id)))[0]
    # the team was formed this period, so there is no earlier one to choose: the form opens at once
    assert "laporan untuk" in texts(await budi.presses(ReportAction("k", team_id)))[0].lower()
    assert ConfirmPk(team_id).pack() not in [d for _, d in buttons(await budi.says("/tim"))]
    async with app.uow() as uow:
        membership = await uow.teams.membership(team_id, demo["budi"].employee.id)
        assert membership.pk_signed_at is not None


@pytest.mark.parametrize("profile_name", ["surakarta", "nasional"])
async def test_a_vacant_ketua_post_reminds_the_sekda_and_the_unit_head(app, demo, clock, profile_name):
    """Surakarta Ps 27(2): a vacant Ketua post is proposed and set by the next January, April, July
    or October at the latest; the scheduler reminds the Sekda and the unit head before then."""
    from bot.scheduler import ReminderScheduler, indonesian_calendar
    from domain.reminders import ScheduleSettings
    from handlers.teams.membership import end_post, set_ketua
    from handlers.teams.vacancy import vacant_posts
    from tests.handlers.test_reminders import wib

    sekda = await _add_setda(app)
    kabid_id = demo["kabid_apt"].employee.id
    async with app.uow() as uow:
        never_led = Team(None, demo["kabid_apt"].employee.unit_id, "Tim Tanpa Ketua")  # no vacancy: never held
        led = Team(None, demo["kabid_apt"].employee.unit_id, "Tim Sub Kegiatan SPBE")
        uow.teams.add(never_led)
        uow.teams.add(led)
        await uow.flush()
        await set_ketua(uow, led, demo["budi"].employee.id, kabid_id, wib(2026, 3, 1, 9, 0), profile=app.profile)
        await end_post(uow, led, MemberRole.KETUA, kabid_id, wib(2026, 11, 20, 9, 0))
        await uow.commit()
        found = await vacant_posts(uow, app.profile, wib(2026, 12, 1, 9, 0))
    if profile_name == "nasional":
        assert found == []
        return
    assert {(o.subject_id, o.person_id) for o in found} == {(led.id, sekda.id), (led.id, kabid_id)}
    assert {o.due for o in found} == {wib(2027, 1, 31, 23, 59)}
    from handlers.org.link_codes import issue_code
    async with app.uow() as uow:
        code = (await issue_code(uow, sekda.id, app.clock(), 72)).code
        await uow.commit()
    await Person(app, 3001, "Bambang").says(f"/start {code}")
    await linked(app, demo, "kabid_apt", 2001)
    clock.now = wib(2027, 1, 21, 9, 5)
    await ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), indonesian_calendar(),
                            providers=[vacant_posts]).tick()
    told = {m.chat_id: m.payload["text"] for m in await outbox(app) if "SPBE" in m.payload.get("text", "")}
    assert set(told) == {3001, 2001} and "Pasal 27 ayat (2)" in told[3001] and "ketua" in told[3001]
