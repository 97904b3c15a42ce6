"""Reports and their journey through the application layer, on a real database: a member
report with its data dukung to the ketua, the revision loop, corrections before review,
the team report along each profile's route, individual reports, requests sewaktu-waktu."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from domain.report import Report, ReportKind, ReportStatus, RequestStatus
from domain.team import MemberRole, Team
from handlers.core.types import EditMessage
from handlers.kendala.buttons import KendalaAction
from handlers.reports.buttons import ReportAction, RequestAction, RequestDueDay, Review
from handlers.reports.rekap import RekapPage
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.chat import (
    Person,
    alerts,
    button_data,
    button_of,
    buttons,
    buttons_of,
    is_button,
    offered,
    only_reminded,
    texts,
)
from tests.handlers.test_voluntary_application import linked, outbox

TEXT = "Modul login & registrasi selesai, diuji oleh 20 pengguna."
FEEDBACK = "Lampirkan hasil uji coba pengguna, ya."
IDS = {"kadis": 2000, "sekretaris": 2100, "kasubbag": 2200, "kabid_apt": 2001, "kabid_ikp": 2002,
       "budi": 1001, "dewi": 1002, "siti": 1003, "yoga": 1004, "andi": 1005}


async def make_team(app, demo, head: str, lead: str, members=(), *, pengendali: str | None = None,
                    group: int | None = None, name: str = "Tim Uji Laporan") -> int:
    """A team of the unit `head` heads, set up through the team services; its ketua has made
    their Perjanjian Kinerja (Surakarta Ps 21(1))."""
    async with app.uow() as uow:
        head_id = demo[head].employee.id
        unit = (await uow.org.units_headed_by(head_id))[0]
        team = Team(None, unit.id, name, group_chat_id=group)
        uow.teams.add(team)
        await uow.flush()
        if app.profile.teams.penanggung_jawab:  # Banten Ps 10(2): no start without one
            await add_member(uow, team, head_id, MemberRole.PENANGGUNG_JAWAB, head_id, app.clock(), profile=app.profile)
        (await set_ketua(uow, team, demo[lead].employee.id, head_id, app.clock(), profile=app.profile)
         ).record_pk(app.clock())
        for key in members:
            await add_member(uow, team, demo[key].employee.id, MemberRole.ANGGOTA, head_id, app.clock(),
                             profile=app.profile)
        if pengendali:
            team.pengendali_id = demo[pengendali].employee.id
            await add_member(uow, team, demo[pengendali].employee.id, MemberRole.PENGENDALI, head_id, app.clock(),
                             profile=app.profile)
        await uow.commit()
        return team.id


async def people(app, demo, *keys) -> dict[str, Person]:
    return {k: await linked(app, demo, k, IDS[k]) for k in keys}


async def notices(app, who: str) -> list:
    return [m.payload for m in await outbox(app) if m.chat_id == IDS[who]]


async def last_notice(app, who: str) -> dict:
    found = await notices(app, who)
    assert found, f"no notice for {who}"
    return found[-1]


def notice_button(payload: dict, text_contains: str) -> str:
    for row in payload["keyboard"] or []:
        for b in row:
            if text_contains in b["text"]:
                return b["data"]
    raise AssertionError(f"no {text_contains!r} in {payload['keyboard']}")


async def write_report(person: Person, choice: ReportAction, text: str = TEXT, files=("hasil-uji.pdf",),
                       send=True, credit: bool | None = None):
    """/lapor -> choice (t: to a team's ketua, k: my team's report, i: individual) -> this
    period -> text -> files -> Done -> [angka kredit: `credit`, where it is asked] -> Send."""
    replies = await person.says("/lapor")
    replies = await person.presses(offered(replies, choice))
    replies = await person.presses(button_data(replies, "Periode ini"))
    if choice.action == "k":
        assert "Ringkasan laporan anggota" in texts(replies)[-1]
    replies = await person.says(text)
    assert "data dukung" in texts(replies)[-1]
    for i, name in enumerate(files):
        replies = await person.sends_file(name, file_id=f"F-{name}-{i}", size=2048)
        assert "Diterima 📎" in texts(replies)[-1]
    replies = await person.presses(ReportAction("done"))
    if credit is not None:  # rule 49 (HSU Ps 16(2))
        assert "angka kredit" in texts(replies)[-1] and "Pasal 16 ayat (2)" in texts(replies)[-1]
        replies = await person.presses(ReportAction("ak", int(credit)))
    assert "Mohon periksa" in texts(replies)[-1]
    return await person.presses(ReportAction("send")) if send else replies


async def reports(app, kind: ReportKind | None = None) -> list:
    async with app.uow() as uow:
        rows = list(await uow.session.scalars(select(Report).order_by(Report.id)))
        return [r for r in rows if kind is None or r.kind is kind]


async def versions(app, report_id) -> list:
    async with app.uow() as uow:
        return await uow.reports.versions(report_id)


async def test_member_report_with_a_document_reaches_the_ketua_who_accepts(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "budi", "dewi")
    replies = await write_report(p["dewi"], ReportAction("t", team_id))
    assert "Laporan terkirim kepada Budi Santoso" in texts(replies)[0]
    (report,) = await reports(app)
    assert (report.kind, report.status, report.route, report.version) == (
        ReportKind.MEMBER, ReportStatus.SUBMITTED, [demo["budi"].employee.id], 1)
    assert report.files == [{"file_id": "F-hasil-uji.pdf-0", "kind": "document", "name": "hasil-uji.pdf",
                             "mime": "application/pdf", "size": 2048}]
    notice = await last_notice(app, "budi")
    assert "menunggu tinjauan" in notice["text"] and "hasil-uji.pdf (2 KB)" in notice["text"]
    assert "registrasi selesai" in notice["text"] and "&amp;" in notice["text"]
    replies = await p["budi"].presses(notice_button(notice, "Terima"))
    assert alerts(replies) == ["Diterima"] and "diterima" in texts(replies)[0]
    (report,) = await reports(app)
    assert report.status is ReportStatus.ACCEPTED
    assert "diterima oleh Budi Santoso" in (await last_notice(app, "dewi"))["text"]
    # the same button again, and a forged press by the author: nothing changes
    assert "Sudah ditangani" in alerts(await p["budi"].presses(notice_button(notice, "Terima")))[0]
    assert "Hanya pejabat" in alerts(await p["dewi"].presses(notice_button(notice, "Terima")))[0]


async def test_revision_loop_keeps_every_version(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "budi", "dewi")
    await write_report(p["dewi"], ReportAction("t", team_id))
    for round_ in (1, 2):
        notice = await last_notice(app, "budi")
        replies = await p["budi"].presses(notice_button(notice, "Kembalikan untuk direvisi"))
        assert "umpan balik" in texts(replies)[0].lower()
        replies = await p["budi"].says("kurang")  # too short: refused, asked again
        assert "Terlalu singkat" in texts(replies)[0]
        replies = await p["budi"].says(FEEDBACK)
        assert "Dikembalikan kepada Dewi" in texts(replies)[0]
        told = await last_notice(app, "dewi")
        assert FEEDBACK in told["text"] and "mengembalikan" in told["text"]
        replies = await p["dewi"].presses(notice_button(told, "Revisi"))
        assert "dikembalikan untuk direvisi" in texts(replies)[0]
        replies = await p["dewi"].presses(button_of(replies, ReportAction, action="text"))
        replies = await p["dewi"].says(f"{TEXT} Revisi ke-{round_}: hasil uji terlampir.")
        await p["dewi"].sends_photo(file_id=f"P{round_}")
        await p["dewi"].presses(ReportAction("done"))
        replies = await p["dewi"].presses(ReportAction("send"))
        assert f"versi {round_ + 1}" in texts(replies)[0]
    notice = await last_notice(app, "budi")
    await p["budi"].presses(notice_button(notice, "Terima"))
    (report,) = await reports(app)
    assert (report.status, report.version) == (ReportStatus.ACCEPTED, 3)
    kept = await versions(app, report.id)
    assert [v.version for v in kept] == [1, 2, 3]
    assert kept[0].text == TEXT and "Revisi ke-2" in kept[2].text and len(kept[2].files) == 3
    async with app.uow() as uow:
        actions = [d.action for d in await uow.decisions.for_subject("report", report.id)]
    assert actions == ["submitted", "returned", "resubmitted", "returned", "resubmitted", "accepted"]


async def test_correction_before_review_and_stale_buttons(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "budi", "dewi")
    await write_report(p["dewi"], ReportAction("t", team_id))
    first = await last_notice(app, "budi")
    # /lapor again on the same team and period: the correction path
    replies = await p["dewi"].says("/lapor")
    replies = await p["dewi"].presses(ReportAction("t", team_id))
    replies = await p["dewi"].presses(button_data(replies, "Periode ini"))
    assert "boleh mengoreksinya" in texts(replies)[0]
    replies = await p["dewi"].presses(button_of(replies, ReportAction, action="text"))
    await p["dewi"].says(TEXT + " Koreksi: angka pengguna 25.")
    await p["dewi"].presses(ReportAction("done"))
    replies = await p["dewi"].presses(button_data(await p["dewi"].presses(ReportAction("files")), "Selesai"))
    assert button_data(replies, "Kirim perbaikan") == ReportAction("send").pack()
    replies = await p["dewi"].presses(ReportAction("send"))
    assert "Perbaikan terkirim: versi 2" in texts(replies)[0]
    corrected = await last_notice(app, "budi")
    assert "mengoreksi laporan sebelum ditinjau" in corrected["text"] and "25" in corrected["text"]
    # the button of version 1 does nothing but show the newest version
    replies = await p["budi"].presses(notice_button(first, "Terima"))
    assert "versi terbarunya" in alerts(replies)[0] and "Koreksi" in texts(replies)[0]
    (report,) = await reports(app)
    assert (report.status, report.version) == (ReportStatus.SUBMITTED, 2)
    assert [v.version for v in await versions(app, report.id)] == [1, 2]


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_correction_refused_once_reviewed(app, demo, profile_name):
    """HSU: the team report goes through the rater (rule 51); once the rater has forwarded
    it, the ketua can no longer correct it — only revise it if it comes back."""
    team_id = await make_team(app, demo, "sekretaris", "andi", ["yoga"])
    p = await people(app, demo, "andi", "kasubbag", "sekretaris")
    await write_report(p["andi"], ReportAction("k", team_id))
    # the ketua opens a correction; meanwhile the rater forwards it
    replies = await p["andi"].presses(button_of(await p["andi"].says("/laporan"), ReportAction, action="fix"))
    assert "boleh mengoreksinya" in texts(replies)[0]
    notice = await last_notice(app, "kasubbag")
    await p["kasubbag"].presses(notice_button(notice, "Teruskan"))
    await p["kasubbag"].presses(button_of(await p["kasubbag"].says("/laporan"), Review, action="f"))
    await p["kasubbag"].presses(Review("fn", (await reports(app))[0].id, 1))
    replies = await p["andi"].presses(ReportAction("send"))
    assert "sudah berubah" in alerts(replies)[0] and "tidak ada yang dikirim" in alerts(replies)[0]
    replies = await p["andi"].says("/lapor")
    assert "belum selesai" not in texts(replies)[0]
    replies = await p["andi"].presses(ReportAction("k", team_id))
    replies = await p["andi"].presses(button_data(replies, "Periode ini"))
    assert "Laporan ini sedang ditinjau" in texts(replies)[0]
    (report,) = await reports(app)
    assert (report.version, report.hop, report.reviewed) == (1, 1, True)


async def test_non_member_cannot_report_to_a_team(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "siti")
    replies = await p["siti"].says("/lapor")
    assert ReportAction("t", team_id).pack() not in [d for _, d in buttons(replies)]
    replies = await p["siti"].presses(ReportAction("t", team_id))  # forged
    assert "bukan anggota Tim Uji Laporan" in texts(replies)[0] and "aturan 40" in texts(replies)[0]
    assert await reports(app) == []


def route_of(demo, *keys) -> list[int]:
    return [demo[k].employee.id for k in keys]


@pytest.mark.parametrize("profile_name, hops", [
    # Rule 51: the rater (Level 2) reviews before the unit head (Level 1) accepts.
    ("nasional", ["kasubbag", "sekretaris"]),          # direct to the unit head; PermenPANRB Tahapan Evaluasi
    ("banten", ["kasubbag", "kadis"]),                 # Ps 14(2), Ps 1(16): of the Dinas; Lamp. A.2.c, A.3
    ("dharmasraya", ["kasubbag", "sekretaris"]),       # Ps 13(2); Lamp. Kedudukan b(6), c(1)-(3)
    ("badung", ["kasubbag", "sekretaris"]),            # Ps 11(2); Lamp. I II.A.2.c, II.A.3
    ("hulu-sungai-utara", ["kasubbag", "sekretaris"]),  # Lamp. II A.1.3.a
    ("surakarta", ["kasubbag", "sekretaris"]),         # Ps 26(3)(b): through the rater
])
async def test_team_report_travels_the_profile_route(app, demo, profile_name, hops):
    team_id = await make_team(app, demo, "sekretaris", "andi", ["yoga"])
    p = await people(app, demo, "andi", "yoga", *hops)
    await write_report(p["yoga"], ReportAction("t", team_id), text="Konten media sosial minggu ini sudah terbit semua.")
    await p["andi"].presses(notice_button(await last_notice(app, "andi"), "Terima"))
    await write_report(p["andi"], ReportAction("k", team_id),
                       text="Laporan tim: seluruh anggota melapor, target tercapai.")
    report = (await reports(app, ReportKind.TEAM))[0]
    assert report.route == route_of(demo, *hops)
    for _i, hop in enumerate(hops[:-1]):
        notice = await last_notice(app, hop)
        replies = await p[hop].presses(notice_button(notice, "Teruskan"))
        assert "Tulis catatan" in texts(replies)[0]
        replies = await p[hop].says("Sudah saya evaluasi; capaian sesuai rencana.")
        assert "Diteruskan kepada" in texts(replies)[0]
        told = await last_notice(app, "andi")
        assert "meneruskan laporan Anda" in told["text"] and "Sudah saya evaluasi" in told["text"]
    last = hops[-1]
    notice = await last_notice(app, last)
    if len(hops) > 1:
        assert "meneruskan laporan ini kepada Anda" in notice["text"] and "Sudah saya evaluasi" in notice["text"]
    assert is_button(notice_button(notice, "Kembalikan untuk direvisi"), Review, action="r")
    forged = dataclasses.replace(Review.unpack(notice_button(notice, "memenuhi target")), action="a")  # no target
    assert "tidak berlaku" in alerts(await p[last].presses(forged))[0]
    replies = await p[last].presses(notice_button(notice, "memenuhi target"))
    assert "memenuhi target" in texts(replies)[0]
    report = (await reports(app, ReportKind.TEAM))[0]
    assert report.status is ReportStatus.ACCEPTED
    assert "dinyatakan selesai" in (await last_notice(app, "andi"))["text"]
    for hop in hops[:-1]:
        assert "menerima laporan ini" in (await last_notice(app, hop))["text"]
    async with app.uow() as uow:
        accepted = [d for d in await uow.decisions.for_subject("report", report.id) if d.action == "accepted"]
    assert accepted[0].details["meets_target"] is True


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_via_pengendali_return_and_resubmit_with_evidence(app, demo, profile_name):
    """Ps 26(3)(b) through the Pengendali (and the rater, rule 51); Ps 26(1) no report without data dukung."""
    team_id = await make_team(app, demo, "sekretaris", "andi", ["yoga"], pengendali="dewi")
    p = await people(app, demo, "andi", "dewi", "kasubbag", "sekretaris")
    replies = await write_report(p["andi"], ReportAction("k", team_id), files=())
    (refusal,) = texts(replies)
    assert "Belum terkirim" in refusal and "R44" not in refusal
    assert "Pasal 26 ayat (1) Perwali Surakarta 32/2023" in refusal
    assert (await reports(app))[0].status is ReportStatus.DRAFT
    await p["andi"].presses(ReportAction("files"))
    await p["andi"].sends_file("rekap-triwulan.xlsx", mime="application/vnd.ms-excel")
    await p["andi"].presses(ReportAction("done"))
    await p["andi"].presses(ReportAction("send"))
    (report,) = await reports(app)
    assert report.route == route_of(demo, "dewi", "kasubbag", "sekretaris")
    # the pengendali forwards without a note, the rater returns it with a reason
    notice = await last_notice(app, "dewi")
    await p["dewi"].presses(notice_button(notice, "Teruskan"))
    await p["dewi"].presses(Review("fn", report.id, 1))
    notice = await last_notice(app, "kasubbag")
    await p["kasubbag"].presses(notice_button(notice, "Kembalikan"))
    assert only_reminded(await p["kasubbag"].presses(notice_button(notice, "Kembalikan")))
    await p["kasubbag"].says("Capaian indikator 2 belum didukung data.")
    told = await last_notice(app, "andi")
    assert "Capaian indikator 2" in told["text"]
    assert "mengembalikan laporan ini" in (await last_notice(app, "dewi"))["text"]
    # the unit head never saw it; the revision starts the route again at the pengendali
    assert await notices(app, "sekretaris") == []
    replies = await p["andi"].presses(notice_button(told, "Revisi"))
    await p["andi"].presses(ReportAction("send"))
    (report,) = await reports(app)
    assert (report.status, report.hop, report.version) == (ReportStatus.SUBMITTED, 0, 2)
    assert (await last_notice(app, "dewi"))["keyboard"][0][0]["data"] == Review("f", report.id, 2).pack()


@pytest.mark.parametrize("profile_name, author, hops", [
    ("banten", "andi", ["kasubbag", "kadis"]),            # Ps 14(3), rule 47: through the rater; Ps 1(16)
    ("nasional", "andi", ["kasubbag", "sekretaris"]),     # rule 51: the rater reviews first
    ("dharmasraya", "andi", ["kasubbag", "sekretaris"]),  # rule 51: Lamp. Kedudukan b(6), c(1)-(3)
    ("nasional", "budi", ["kabid_apt"]),                 # the rater heads the unit: one stop
])
async def test_individual_report_route(app, demo, profile_name, author, hops):
    """To the unit head, through the rater where the profile or rule 51 says so and the rater is someone else."""
    p = await people(app, demo, author, *hops)
    await write_report(p[author], ReportAction("i"), text="Arsip surat masuk triwulan IV sudah terdigitalisasi.")
    (report,) = await reports(app)
    assert (report.kind, report.route) == (ReportKind.INDIVIDUAL, route_of(demo, *hops))
    assert notice_button(await last_notice(app, hops[0]), "Teruskan" if len(hops) > 1 else "memenuhi target")


async def test_file_limits_are_explained(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "dewi")
    replies = await write_report(p["dewi"], ReportAction("t", team_id), files=[f"f{i}.pdf" for i in range(10)],
                                 send=False)
    replies = await p["dewi"].sends_file("satu-lagi.pdf")
    assert "paling banyak 10 berkas" in texts(replies)[0]
    await p["dewi"].presses(ReportAction("clear"))
    replies = await p["dewi"].sends_file("virus.exe", mime="application/x-msdownload")
    assert "tidak diterima" in texts(replies)[0]
    replies = await p["dewi"].sends_file("besar.pdf", size=30 * 1024 * 1024)
    assert "terlalu besar" in texts(replies)[0]


async def test_draft_survives_and_resumes(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "dewi")
    replies = await p["dewi"].says("/lapor")
    replies = await p["dewi"].presses(ReportAction("t", team_id))
    await p["dewi"].presses(button_data(replies, "Periode ini"))
    await p["dewi"].says(TEXT)
    await p["dewi"].sends_file("a.pdf")
    # the conversation is in the database: /lapor carries on where it was
    replies = await p["dewi"].says("/lapor")
    assert "belum selesai" in texts(replies)[0]
    # stopping keeps the draft row; choosing the same team and period resumes it
    await p["dewi"].says("/batal")
    replies = await p["dewi"].says("/lapor")
    replies = await p["dewi"].presses(ReportAction("t", team_id))
    replies = await p["dewi"].presses(button_data(replies, "Periode ini"))
    assert "registrasi selesai" in texts(replies)[-1] and "a.pdf" in texts(replies)[-1]
    (report,) = await reports(app)
    assert report.status is ReportStatus.DRAFT and len(report.files) == 1


async def test_report_for_the_previous_period(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "dewi")
    replies = await p["dewi"].says("/lapor")
    replies = await p["dewi"].presses(ReportAction("t", team_id))
    assert "Triwulan IV 2026 (1 Oktober 2026 – 31 Desember 2026)" in texts(replies)[0]
    replies = await p["dewi"].presses(button_data(replies, "Periode sebelumnya (Triwulan III 2026)"))
    await p["dewi"].says(TEXT)
    await p["dewi"].presses(ReportAction("done"))
    await p["dewi"].presses(ReportAction("send"))
    (report,) = await reports(app)
    assert (report.period_key, report.status) == ("2026-Q3", ReportStatus.SUBMITTED)


async def test_adhoc_request_answered_and_tracked(app, demo):
    """Rule 41 (PermenPANRB via nasional): the unit head asks the ketua; the answer comes back to him."""
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "kabid_apt", "budi")
    replies = await p["kabid_apt"].says("/mintalaporan")
    replies = await p["kabid_apt"].presses(RequestAction("t", team_id))
    assert "Paling lambat kapan" in texts(replies)[0]
    replies = await p["kabid_apt"].says("2026-11-01")  # in the past
    assert "mulai hari ini" in texts(replies)[0]
    replies = await p["kabid_apt"].presses(button_data(replies, "1 minggu"))
    replies = await p["kabid_apt"].says("Progres integrasi SSO dengan aplikasi kepegawaian.")
    replies = await p["kabid_apt"].presses(button_data(replies, "Kirim"))
    assert "Permintaan terkirim" in texts(replies)[0]
    assert "Permintaan Anda yang masih terbuka" in texts(await p["kabid_apt"].says("/mintalaporan"))[0]
    await p["kabid_apt"].says("/batal")
    request = await last_notice(app, "budi")
    assert "meminta laporan" in request["text"] and "30 November 2026" in request["text"]
    replies = await p["budi"].presses(notice_button(request, "Jawab"))
    await p["budi"].says("Integrasi SSO 80%, tinggal uji keamanan.")
    await p["budi"].presses(ReportAction("done"))
    await p["budi"].presses(ReportAction("send"))
    (report,) = await reports(app)
    assert report.route == route_of(demo, "kabid_apt") and report.request_id is not None
    review = await last_notice(app, "kabid_apt")
    assert "laporan atas permintaan" in review["text"].lower()
    await p["kabid_apt"].presses(notice_button(review, "Terima"))
    async with app.uow() as uow:
        req = await uow.reports.request(report.request_id)
        assert (req.status, req.report_id) == (RequestStatus.ANSWERED, report.id)
        assert await uow.reports.requests_by(demo["kabid_apt"].employee.id) == []


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_has_no_adhoc_request(app, demo, profile_name):
    p = await people(app, demo, "kabid_apt")
    (reply,) = texts(await p["kabid_apt"].says("/mintalaporan"))
    assert "Peraturan Wali Kota Surakarta Nomor 32 Tahun 2023 tidak mengatur permintaan laporan sewaktu-waktu" in reply
    # the regulation is silent: no article to cite, and none of the profile's developer notes ("NS (Ps 26 has no …)")
    assert "NS" not in reply and "Ps 26" not in reply and "has no" not in reply


@pytest.mark.parametrize("profile_name", ["banten"])
async def test_banten_performance_owner_requests_and_staff_cannot(app, demo, profile_name):
    p = await people(app, demo, "kadis", "kabid_apt", "budi")
    assert "Kepada siapa" in texts(await p["kadis"].says("/mintalaporan"))[-1]
    assert "Hanya pimpinan unit" in texts(await p["budi"].says("/mintalaporan"))[0]
    # Ps 1(16): the Unit Organisasi is the Dinas, so a Kepala Bidang is not its head
    assert "Hanya pimpinan unit" in texts(await p["kabid_apt"].says("/mintalaporan"))[0]


async def test_kendala_decided_and_the_team_told(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"], group=-100555)
    p = await people(app, demo, "kabid_apt", "budi", "dewi")
    replies = await p["dewi"].says("/kendala")
    await p["dewi"].presses(button_of(replies, KendalaAction, action="t", target_id=team_id))
    await p["dewi"].says("Server uji coba rusak sejak Senin, pengujian tertunda.")
    replies = await p["dewi"].presses(KendalaAction("done"))
    assert "paling sedikit satu alternatif" in alerts(replies)[0]
    await p["dewi"].says("Sewa server\x00 awan selama 3 bulan.")  # a NUL, which PostgreSQL cannot store, is dropped
    await p["dewi"].says("Pinjam server Bidang IKP.")
    replies = await p["dewi"].presses(KendalaAction("done"))
    assert "2. Pinjam server" in texts(replies)[0]
    replies = await p["dewi"].presses(button_of(replies, KendalaAction, action="send"))
    assert "Kendala terkirim kepada Agus Salim" in texts(replies)[0]
    assert "mengajukan kendala" in (await last_notice(app, "budi"))["text"]
    notice = await last_notice(app, "kabid_apt")
    assert "Sewa server awan" in notice["text"]
    assert "Hanya pejabat" in alerts(await p["budi"].presses(notice_button(notice, "Putuskan")))[0]
    await p["kabid_apt"].presses(notice_button(notice, "Putuskan"))
    assert only_reminded(await p["kabid_apt"].presses(notice_button(notice, "Putuskan")))
    assert "dalam 10" in texts(await p["kabid_apt"].says("Setuju"))[0]
    DECISION = "Setuju sewa server awan, anggaran dari DPA Bidang."
    assert "Tim sudah diberi tahu" in texts(await p["kabid_apt"].says(DECISION))[0]
    for who in ("budi", "dewi"):
        assert DECISION in (await last_notice(app, who))["text"]
    group = [m for m in await outbox(app) if m.chat_id == -100555]
    (message,) = group
    text = message.payload["text"]
    assert "Tim Uji Laporan" in text and "Dewi Lestari" in text and "Agus Salim" in text
    assert "sewa" not in text.lower() and "server" not in text.lower()
    assert all(demo[k].employee.nip not in text for k in demo)
    assert "Sudah diputuskan" in alerts(await p["kabid_apt"].presses(notice_button(notice, "Putuskan")))[0]
    # the decider's card, not delivered yet, goes out decided: the decision, who and when, no button
    (card,) = [m for m in await outbox(app) if m.card is not None and m.card.startswith("kendala:")]
    assert card.payload["keyboard"] is None and DECISION in card.payload["text"]
    assert "Diputuskan oleh Agus Salim" in card.payload["text"]


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_kendala_to_unit_head_or_rater(app, demo, profile_name):
    """Lamp. V.a 3: the Pimpinan UO or the PPK decides; the team chooses."""
    replies = await _kendala_confirm(app, demo, await make_team(app, demo, "sekretaris", "andi"))
    assert {b for b in buttons_of(replies, KendalaAction) if b.action == "send"} == {
        KendalaAction("send", demo["sekretaris"].employee.id), KendalaAction("send", demo["kasubbag"].employee.id)}
    assert "Lampiran V huruf a angka 3" in texts(replies)[0] and "Lamp." not in texts(replies)[0]


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_surakarta_cross_unit_kendala_to_the_owning_unit_head_and_home_heads(app, demo, profile_name):
    """Lamp. V.b 3: with a member of another unit (Yoga, Bidang IKP) the owning unit head decides; V.b 4:
    where the leaders must work together it goes to the members' home unit heads too."""
    replies = await _kendala_confirm(app, demo, await make_team(app, demo, "sekretaris", "andi", ["yoga"]))
    assert set(buttons_of(replies, KendalaAction)) == {
        KendalaAction("send", demo["sekretaris"].employee.id), KendalaAction("sendx", demo["sekretaris"].employee.id),
        KendalaAction("cancel")}
    assert "Rina Marlina" in texts(replies)[0]  # Yoga's home Kabid


async def _kendala_confirm(app, demo, team_id: int):
    p = await people(app, demo, "andi")
    replies = await p["andi"].says("/kendala")
    await p["andi"].presses(button_of(replies, KendalaAction, action="t", target_id=team_id))
    await p["andi"].says("Data kinerja dari bidang lain belum masuk.")
    await p["andi"].says("Surati bidang terkait.")
    return await p["andi"].presses(KendalaAction("done"))


async def test_rekap_for_the_unit_head(app, demo, clock):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi", "siti"])
    p = await people(app, demo, "kabid_apt", "budi", "dewi", "siti")
    assert "untuk pimpinan unit" in texts(await p["budi"].says("/rekap"))[0]
    await write_report(p["dewi"], ReportAction("t", team_id))
    await p["budi"].presses(notice_button(await last_notice(app, "budi"), "Terima"))
    await write_report(p["budi"], ReportAction("k", team_id),
                       text="Laporan tim triwulan IV: satu anggota belum melapor.")
    (text,) = texts(await p["kabid_apt"].says("/rekap"))
    block = text.split("<b>Tim Uji Laporan</b>")[1].split("\n\n")[0]
    assert "✅ Dewi Lestari" in block and "❌ Siti Rahmawati" in block
    assert "Laporan tim: ⏳ menunggu Agus Salim" in block
    assert "Menunggu Anda" in text and "laporan tim dari Budi Santoso" in text
    # next quarter: who never reported for the last one is late
    clock.advance(days=40)
    (text,) = texts(await p["kabid_apt"].says("/rekap"))
    assert "Triwulan I 2027" in text and "Terlambat untuk Triwulan IV 2026: Siti Rahmawati" in text


async def test_rekap_is_split_for_a_phone(app, demo):
    for i in range(20):
        await make_team(app, demo, "kabid_apt", "budi", ["dewi", "siti"],
                        name=f"Tim Sub Kegiatan Nomor {i:02d} " + "x" * 60)
    p = await people(app, demo, "kabid_apt")
    (first,) = await p["kabid_apt"].says("/rekap")
    pages = [first.text]
    while turn := [b for b in buttons_of([first], RekapPage) if b.page == len(pages)]:
        (first,) = [r for r in await p["kabid_apt"].presses(turn[0]) if isinstance(r, EditMessage)]
        pages.append(first.text)
    assert len(pages) > 1 and all(len(page) <= 4096 for page in pages)
    assert sum(page.count("Tim Sub Kegiatan Nomor") for page in pages) == 20
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1] and "Menunggu Anda" in pages[-1]


async def test_a_kendala_reaches_the_plt_of_an_absent_unit_head_who_decides_it(app, demo):
    """§2.9.4 with a Plt recorded for the Kabid: the send button names the Plt, the notice
    reaches them and the decision is theirs (domain.deciders.official_for)."""
    from domain.acting import ActingKind, ActingOfficial

    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    kabid, plt = demo["kabid_apt"].employee, demo["kabid_ikp"].employee
    today = app.clock().date()
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, kabid.id, plt.id, ActingKind.PLT, today,
                                          today.replace(year=today.year + 1)))
        await uow.commit()
    p = await people(app, demo, "kabid_ikp", "dewi")
    replies = await p["dewi"].says("/kendala")
    await p["dewi"].presses(button_of(replies, KendalaAction, action="t", target_id=team_id))
    await p["dewi"].says("Server uji coba rusak sejak Senin, pengujian tertunda.")
    await p["dewi"].says("Sewa server awan selama 3 bulan.")
    replies = await p["dewi"].presses(KendalaAction("done"))
    assert [b for b in buttons_of(replies, KendalaAction) if b.action == "send"] == [KendalaAction("send", plt.id)]
    replies = await p["dewi"].presses(KendalaAction("send", plt.id))
    assert "Kendala terkirim kepada Rina Marlina" in texts(replies)[0]
    notice = await last_notice(app, "kabid_ikp")
    await p["kabid_ikp"].presses(notice_button(notice, "Putuskan"))
    assert "Tim sudah diberi tahu" in texts(await p["kabid_ikp"].says("Setuju sewa server awan tiga bulan."))[0]


async def test_a_due_date_from_the_calendar_or_typed_the_indonesian_way(app, demo):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi"])
    p = await people(app, demo, "kabid_apt")
    kabid = p["kabid_apt"]
    await kabid.says("/mintalaporan")
    replies = await kabid.presses(RequestAction("t", team_id))
    month = await kabid.presses(button_of(replies, RequestDueDay, day=None))
    (shown,) = [r for r in month if isinstance(r, EditMessage)]
    days = [b.day for b in buttons_of([shown], RequestDueDay) if b.day is not None]
    assert "November 2026" in shown.text and days == list(range(23, 31))  # from today (23 Nov) on
    december = await kabid.presses(button_of([shown], RequestDueDay, month=12, day=None))
    assert [b.day for b in buttons_of(december, RequestDueDay) if b.day][:3] == [1, 2, 3]
    assert alerts(await kabid.presses(RequestDueDay(2026, 11, 20))) == ["Silakan pilih tanggal mulai hari ini."]
    replies = await kabid.presses(RequestDueDay(2026, 12, 15))
    assert "Tenggat 15 Desember 2026" in texts(replies)[0]
    await kabid.says("/batal")
    await kabid.says("/mintalaporan")
    await kabid.presses(RequestAction("t", team_id))
    assert "Tenggat 15 Desember 2026" in texts(await kabid.says("15 Des 2026"))[0]
