"""Lists that fit: with a Dinas-sized load (60 applications of one person, a 500-person unit,
40 teams, 100 decisions waiting, 45 letters, 30 reports) every list command answers with
messages Telegram accepts — checked by the fake Bot API server's own rules (4096 visible
characters, 100 buttons, callback data ≤ 64 bytes) — and every page is reachable by ▶."""
from __future__ import annotations

import pytest

from bot.fake_api import content
from bot.fake_api.errors import ApiError
from domain.application import Application, ApplicationStatus
from domain.assignment import AssignmentForm, AssignmentMode
from domain.ids import id_of
from domain.org import Employee, JabatanKind
from domain.report import Report, ReportKind, ReportStatus
from domain.team import MemberRole, Membership, Team
from handlers.applications.decide import PendingPage
from handlers.applications.status import StatusPage
from handlers.core.paging import PageTurn
from handlers.core.types import EditMessage, SendMessage
from handlers.letters.commands import LetterPage
from handlers.reports.listing import MinePage, WaitingPage
from handlers.reports.rekap import RekapPage
from handlers.teams.buttons import AddMember, PickMember
from handlers.teams.membership import add_member, issue_assignment
from handlers.teams.picker import PickerPage
from handlers.teams.teams import TeamPage
from tests.handlers.chat import buttons, buttons_of, texts
from tests.handlers.test_voluntary_application import linked

REASON = ("Kebutuhan tim sudah terpenuhi untuk triwulan ini; silakan mengajukan kembali pada periode berikutnya "
          "dengan uraian kompetensi yang lebih rinci. ") * 3


def telegram_accepts(reply: SendMessage | EditMessage) -> None:
    """What the fake server would answer to this sendMessage / editMessageText."""
    content.message_text(reply.text, "HTML", strict_ampersand=True)
    markup = {"inline_keyboard": [[{"text": b.text, "callback_data": b.data} for b in row]
                                  for row in reply.keyboard]} if reply.keyboard else None
    content.reply_markup(markup)


def messages(replies) -> list[SendMessage | EditMessage]:
    found = [r for r in replies if isinstance(r, (SendMessage, EditMessage))]
    for reply in found:
        try:
            telegram_accepts(reply)
        except ApiError as err:
            raise AssertionError(f"Telegram would refuse ({err}): {len(reply.text)} chars, "
                                 f"{sum(len(r) for r in reply.keyboard or ())} buttons") from err
    return found


async def all_pages(person, replies, kind: type[PageTurn]) -> list[str]:
    """Every page of the paged message in `replies`, turned with ▶ (each edit checked too)."""
    (first,) = [m for m in messages(replies) if any(kind.unpack(b.data) for row in m.keyboard or () for b in row)]
    pages = [first.text]
    current = first
    while turn := [b for b in buttons_of([current], kind) if b.page == len(pages)]:
        (current,) = messages(await person.presses(turn[0]))
        assert isinstance(current, EditMessage)
        pages.append(current.text)
    return pages


@pytest.fixture
async def big(app, demo):
    """kabid_apt heads a unit of 500 more people and 40 teams; budi applied 60 times (20
    rejected with a long reason, 40 waiting), 60 others wait too; budi holds 45 letters and
    wrote 30 reports, 12 of them waiting for the kabid."""
    kabid, budi = demo["kabid_apt"].employee, demo["budi"].employee
    async with app.uow() as uow:
        unit = (await uow.org.units_headed_by(kabid.id))[0]
        staff = [Employee(None, f"1990{i:014d}", f"Pegawai Nomor {i:03d} Dengan Nama Panjang, S.Kom., M.Kes.",
                          "Pranata Komputer Ahli Pertama", JabatanKind.FUNGSIONAL, unit.id, rater_id=kabid.id)
                 for i in range(500)]
        for person in staff:
            uow.org.add(person)
        await uow.flush()
        teams = [Team(None, unit.id, f"Tim Sub Kegiatan Penyelenggaraan Layanan Nomor {i:02d}") for i in range(40)]
        for team in teams:
            uow.teams.add(team)
        await uow.flush()
        for team in teams[:3]:
            await add_member(uow, team, budi.id, MemberRole.ANGGOTA, kabid.id, app.clock(), profile=app.profile)
        for person in staff:  # stored directly: the team services are not what is under test here
            uow.teams.add(Membership(None, id_of(teams[0]), person.id, MemberRole.ANGGOTA, app.clock()))
        applicants = [budi] * 60 + staff[:60]
        for i, who in enumerate(applicants):
            application = Application(None, who.id, unit.id, f"Tim Sub Kegiatan Nomor {i:02d} " + "x" * 80,
                                      "Saya memiliki kompetensi yang relevan. " * 8, number=f"PS-2026-{i:05d}",
                                      status=ApplicationStatus.SUBMITTED, decider_id=kabid.id,
                                      created_at=app.clock(), submitted_at=app.clock())
            if who is budi and i < 20:
                application.status, application.decision_reason = ApplicationStatus.REJECTED, REASON
            uow.applications.add(application)
        for i in range(45):  # entered in the letter register, as every assignment is
            await issue_assignment(uow, budi.id, unit.id, AssignmentMode.PENUNJUKAN, AssignmentForm.TIM,
                                   f"Penugasan sebagai anggota tim sub kegiatan nomor {i:02d} " + "x" * 120,
                                   kabid.id, app.clock(), profile=app.profile)
        for i in range(30):
            uow.reports.add(Report(None, ReportKind.MEMBER, budi.id, "2026-Q4", text="Uraian capaian. " * 200,
                                   team_id=teams[i % 3].id, status=ReportStatus.SUBMITTED if i < 12
                                   else ReportStatus.DRAFT, route=[kabid.id], submitted_at=app.clock()))
        await uow.commit()
    return {"teams": teams, "staff": staff}


async def test_every_list_command_fits_telegram_and_pages(app, demo, big):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)

    status = await all_pages(budi, await budi.says("/status"), StatusPage)
    assert len(status) > 1 and sum(p.count("PS-2026-") for p in status) == 60

    pending = await all_pages(kabid, await kabid.says("/persetujuan"),
                              PendingPage)
    assert sum(p.count("PS-2026-") for p in pending) >= 100 and "100 pengajuan" in pending[0]
    assert "PS-2026-00119" in pending[0]  # newest first

    letters = await all_pages(budi, await budi.says("/surat"), LetterPage)
    assert sum(p.count("ST-2026-") for p in letters) == 45 + 3  # and the letters of his three teams

    teams = await all_pages(kabid, await kabid.says("/tim"), TeamPage)
    assert len(teams) >= 40 and "Tim 1 dari" in teams[0]

    rekap = await all_pages(kabid, await kabid.says("/rekap"), RekapPage)
    assert sum(p.count("<b>Tim Sub Kegiatan Penyelenggaraan") for p in rekap) == 40

    laporan = await budi.says("/laporan")
    mine = await all_pages(budi, laporan, MinePage)
    assert len(mine) > 1
    waiting = await all_pages(kabid, await kabid.says("/laporan"), WaitingPage)
    assert len(waiting) == 12 and "Laporan 12 dari 12" in waiting[-1]


async def test_the_member_picker_pages_a_500_person_unit_and_searches_by_name_or_nip(app, demo, big):
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team = big["teams"][5]
    replies = messages(await kabid.presses(AddMember(team.id)))
    assert len(buttons_of(replies, PickMember)) == 10 and "Halaman 1 dari" in texts(replies)[0]
    pages = await all_pages(kabid, replies, PickerPage)
    assert len(pages) >= 50
    # a typed name narrows the list; its pages stay the search's
    replies = messages(await kabid.says("nomor 49"))  # 049, 149, 249, 349, 449 and 490-499
    assert "15 orang cocok dengan “nomor 49”" in texts(replies)[0]
    found = [p.person_id for p in buttons_of(replies, PickMember)]
    (turn,) = buttons_of(replies, PickerPage)
    found += [p.person_id for p in buttons_of(messages(await kabid.presses(turn)), PickMember)]
    assert sorted(found) == sorted(e.id for e in big["staff"] if "49" in e.name.split()[2])
    # a NIP prefix too
    replies = messages(await kabid.says(big["staff"][321].nip))
    assert [p.person_id for p in buttons_of(replies, PickMember)] == [big["staff"][321].id]
    replies = messages(await kabid.says("tidak ada orang bernama ini"))
    assert "Tidak ada pegawai yang cocok" in texts(replies)[0]
    # picking ends the search: the next text is not read as a name
    pick = buttons_of(await kabid.says("Nomor 007"), PickMember)[0]
    assert "Pegawai Nomor 007" in "".join(texts(await kabid.presses(pick)))
    assert not buttons_of(await kabid.says("Nomor 008"), PickMember)
    assert all(len(data.encode()) <= 64 for _, data in buttons(replies))
