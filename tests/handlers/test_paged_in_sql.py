"""Lists paged in SQL (issue 14): a page loads only what it shows, and turning every page of
/rekap, /tim and /laporan's review queue still shows each item exactly once, in the order the
whole list was shown in before (teams by name; teams newest first; reports oldest first). The
org is bench_scale's generator at test size: the Kepala Dinas sees 20 teams, 3 pages of /rekap."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from domain.profiles import load_profile
from domain.team import TeamStatus
from handlers.core.app import App, AppConfig
from handlers.core.paging import TEXT_BUDGET
from handlers.core.types import EditMessage, SendMessage
from handlers.reports.listing import WaitingPage
from handlers.reports.rekap import RekapPage
from handlers.teams.teams import TeamPage
from storage.engine import make_engine, session_factory
from storage.tables import metadata
from storage.uow import UnitOfWorkFactory
from tests.handlers.chat import Person
from tests.handlers.test_bounded_queries import bench

T = metadata.tables


@pytest.fixture
async def org(db_template, tmp_path: Path):
    path = tmp_path / "org.db"
    shutil.copy(db_template, path)
    url = f"sqlite:///{path}"
    cast = bench.generate(url, employees=600, teams=40)
    engine = make_engine(url)
    app = App(uow=UnitOfWorkFactory(session_factory(engine)), profile=load_profile("nasional"), config=AppConfig(),
              clock=lambda: bench.WINDOW_OPENS)
    yield app, cast, engine
    await engine.dispose()


def person(app, employee_id: int) -> Person:
    return Person(app, bench.LINK_BASE + employee_id, "Bench")


def shown(replies) -> str:
    (text,) = [r.text for r in replies if isinstance(r, (SendMessage, EditMessage))]
    return text


async def every_page(who: Person, command: str, turn, count_pages) -> list[str]:
    pages = [shown(await who.says(command))]
    for page in range(1, count_pages):
        pages.append(shown(await who.presses(turn(page))))
    return pages


async def rows(engine, q) -> list:
    async with engine.connect() as conn:
        return list((await conn.execute(q)).all())


async def test_rekap_pages_show_every_team_of_the_dinas_once_by_name_with_what_waits_last(org):
    app, cast, engine = org
    dinas = (await rows(engine, sa.select(T["units"].c.id).where(T["units"].c.head_id == cast.agency_head)))[0][0]
    below = sa.select(T["units"].c.id).where(sa.or_(T["units"].c.id == dinas, T["units"].c.parent_id == dinas))
    names = [n for (n,) in await rows(engine, sa.select(T["teams"].c.name).where(
        T["teams"].c.unit_id.in_(below), T["teams"].c.status != TeamStatus.ENDED).order_by(T["teams"].c.name))]
    assert len(names) == 20  # ten teams and the closing block a page: 3 pages
    pages = await every_page(person(app, cast.agency_head), "/rekap", RekapPage, 3)
    assert [re.findall(r"<b>(Tim \d+)</b>", page) for page in pages] == [names[:10], names[10:20], []]
    assert [("Halaman 3 dari 3" in page) for page in pages] == [False, False, True]
    assert "Menunggu Anda" in pages[2] and not any("Menunggu Anda" in page for page in pages[:2])
    beyond = shown(await person(app, cast.agency_head).presses(RekapPage(7)))  # a stale button: the last page
    assert beyond == pages[2]


async def test_a_rekap_page_of_ten_big_teams_names_fewer_people_rather_than_passing_telegrams_limit(org):
    app, cast, engine = org
    m = T["memberships"].c
    first_ten = sa.select(T["teams"].c.id).where(T["teams"].c.unit_id.in_(
        sa.select(T["units"].c.id).where(T["units"].c.parent_id.in_(
            sa.select(T["units"].c.id).where(T["units"].c.head_id == cast.agency_head))))).order_by(
        T["teams"].c.name).limit(10)
    team_ids = [i for (i,) in await rows(engine, first_ten)]
    async with engine.begin() as conn:  # every one of them 60 members with long names
        people = [i for (i,) in (await conn.execute(sa.select(T["employees"].c.id).limit(60))).all()]
        await conn.execute(T["employees"].update().values(name=sa.literal("Pegawai Dengan Nama Yang Cukup Panjang ")
                                                          + sa.cast(T["employees"].c.id, sa.String)))
        await conn.execute(T["memberships"].insert(), [
            {"team_id": t, "employee_id": p, "role": "anggota", "joined_at": bench.WINDOW_OPENS}
            for t in team_ids for p in people])
        assert (await conn.scalar(sa.select(sa.func.count()).where(m.team_id.in_(team_ids)))) > 600
    page = shown(await person(app, cast.agency_head).says("/rekap"))
    assert len(re.findall(r"<b>Tim \d+</b>", page)) == 10 and len(page) <= TEXT_BUDGET + 400
    assert "lainnya" in page  # "and N more": fewer names, every team still there


async def test_tim_pages_through_my_teams_and_those_of_my_units_newest_first(org):
    app, cast, engine = org
    t, u, m = T["teams"].c, T["units"].c, T["memberships"].c
    bidang = sa.select(u.id).where(u.head_id == cast.unit_head)
    below = sa.select(u.id).where(sa.or_(u.id.in_(bidang), u.parent_id.in_(bidang)))
    mine = sa.select(m.team_id).where(m.employee_id == cast.unit_head, m.left_at.is_(None))
    expected = [n for (n,) in await rows(engine, sa.select(t.name).where(
        t.status != TeamStatus.ENDED, sa.or_(t.unit_id.in_(below), t.id.in_(mine))).order_by(t.id.desc()))]
    assert len(expected) >= 2
    pages = await every_page(person(app, cast.unit_head), "/tim", TeamPage, len(expected))
    assert [re.search(r"Tim \d{4}", page).group(0) for page in pages] == expected
    assert f"Tim {len(expected)} dari {len(expected)}" in pages[-1]


async def test_the_review_queue_pages_oldest_first_one_report_a_page(org):
    app, _, engine = org
    r = T["reports"].c
    (ketua,) = (await rows(engine, sa.select(r.current_reviewer_id).where(r.status == "submitted")
                           .group_by(r.current_reviewer_id).having(sa.func.count() >= 2).limit(1)))[0]
    authors = [a for (a,) in await rows(engine, sa.select(r.author_id).where(
        r.current_reviewer_id == ketua, r.status == "submitted").order_by(r.submitted_at, r.id))]
    names = [f"Pegawai {a}" for a in authors]
    who = person(app, ketua)
    replies = await who.says("/laporan")
    first = [x.text for x in replies if isinstance(x, SendMessage) and "menunggu" in x.text.lower()]
    pages = [first[-1]] + [shown(await who.presses(WaitingPage(i))) for i in range(1, len(names))]
    assert [re.search(r"Pegawai \d+", page.split("\n\n", 1)[1]).group(0) for page in pages] == names
