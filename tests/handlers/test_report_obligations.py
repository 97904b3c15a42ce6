"""Teams plug into the scheduler: every member owes the ketua a report each period, the
ketua owes the team report; fulfilled ones are not chased (rules 40, 42, 43)."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.scheduler import ReminderScheduler, indonesian_calendar
from domain.reminders import MEMBER_REPORT, TEAM_REPORT, ScheduleSettings
from domain.report import Report, ReportKind
from domain.team import MemberRole, Team
from handlers.reports.obligations import team_reports
from handlers.teams.membership import add_member, set_ketua
from tests.handlers.test_reminders import wib
from tests.handlers.test_voluntary_application import linked, outbox


async def _team(app, demo, group=-100900, starts=dt.date(2026, 10, 1)) -> Team:
    async with app.uow() as uow:
        kabid = demo["kabid_apt"].employee
        team = Team(None, kabid.unit_id, "Tim Sub Kegiatan SPBE", starts_on=starts, group_chat_id=group)
        uow.teams.add(team)
        await uow.flush()
        now = app.clock()
        await set_ketua(uow, team, demo["budi"].employee.id, kabid.id, now, profile=app.profile)
        for key in ("dewi", "yoga"):
            await add_member(uow, team, demo[key].employee.id, MemberRole.ANGGOTA, kabid.id, now, profile=app.profile)
        await uow.commit()
        return team


async def _obligations(app, now):
    async with app.uow() as uow:
        return await team_reports(uow, app.profile, now)


async def test_members_and_ketua_owe_reports_for_the_quarter(app, demo, clock):
    team = await _team(app, demo)
    clock.now = wib(2026, 12, 21, 9, 0)
    found = await _obligations(app, clock.now)
    q4 = {(o.kind, o.person_id): o for o in found if o.period_key == "2026-Q4"}
    d, y, b = (demo[k].employee.id for k in ("dewi", "yoga", "budi"))
    assert set(q4) == {(MEMBER_REPORT, d), (MEMBER_REPORT, y), (TEAM_REPORT, b)}
    assert q4[(MEMBER_REPORT, d)].escalate_to == b and q4[(MEMBER_REPORT, d)].group_chat_id == team.group_chat_id
    assert q4[(TEAM_REPORT, b)].escalate_to == demo["kabid_apt"].employee.id
    assert q4[(MEMBER_REPORT, d)].due.astimezone(wib(2026, 1, 1, 0, 0).tzinfo).date() == dt.date(2026, 12, 31)
    assert not any(o.done for o in q4.values())
    # Dewi reports: she is no longer owed; a draft does not count
    async with app.uow() as uow:
        sent = Report(None, ReportKind.MEMBER, d, "2026-Q4", text="Modul SSO selesai diuji.", team_id=team.id)
        sent.submit([b], clock.now)
        uow.reports.add(sent)
        uow.reports.add(Report(None, ReportKind.MEMBER, y, "2026-Q4", text="draf", team_id=team.id))
        await uow.commit()
    q4 = {(o.kind, o.person_id): o for o in await _obligations(app, clock.now) if o.period_key == "2026-Q4"}
    assert q4[(MEMBER_REPORT, d)].done and not q4[(MEMBER_REPORT, y)].done


@pytest.mark.parametrize("profile_name", ["surakarta"])
async def test_a_team_that_started_this_quarter_owes_nothing_before(app, demo, clock, profile_name):
    await _team(app, demo, starts=dt.date(2026, 11, 2))
    keys = {o.period_key for o in await _obligations(app, wib(2026, 11, 23, 9, 0))}
    assert keys == {"2026-Q4"}


async def test_the_scheduler_prompts_the_team_group_and_members(app, demo, clock):
    team = await _team(app, demo)
    for key, tid in (("budi", 1001), ("dewi", 1004), ("yoga", 1006)):
        await linked(app, demo, key, tid)
    clock.now = wib(2026, 12, 21, 9, 5)
    scheduler = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), indonesian_calendar(),
                                  providers=[team_reports])
    notices = await scheduler.tick()
    assert ("group", team.group_chat_id) in {(n.audience, n.recipient) for n in notices}
    group_texts = [m.payload["text"] for m in await outbox(app) if m.chat_id == team.group_chat_id]
    assert len(group_texts) == 1 and "Dewi" in group_texts[0] and "Yoga" in group_texts[0]
    assert demo["dewi"].employee.nip not in group_texts[0]
    assert await scheduler.tick() == []  # a second tick at the same moment sends nothing again


async def test_a_plt_of_the_unit_head_is_who_a_late_team_report_escalates_to(app, demo, clock):
    """While a Plt stands in for the Kabid, the team report's escalation reaches the Plt."""
    from domain.acting import ActingKind, ActingOfficial

    await _team(app, demo)
    kabid, plt = demo["kabid_apt"].employee.id, demo["kabid_ikp"].employee.id
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, kabid, plt, ActingKind.PLT, dt.date(2026, 12, 1), dt.date(2027, 1, 31)))
        await uow.commit()
    found = await _obligations(app, wib(2026, 12, 21, 9, 0))
    (team_q4,) = [o for o in found if o.kind == TEAM_REPORT and o.period_key == "2026-Q4"]
    assert team_q4.escalate_to == plt


async def test_a_plt_of_the_unit_head_decides_a_kendala(app, demo, clock):
    """Kendala routing (§2.9.4) follows the same stand-in rule as decisions and reports."""
    from domain.acting import ActingKind, ActingOfficial
    from handlers.core.context import Ctx
    from handlers.core.i18n import translator
    from handlers.core.types import Sender, Update
    from handlers.kendala.conversation import deciders

    team = await _team(app, demo)
    kabid, plt = demo["kabid_apt"].employee.id, demo["kabid_ikp"].employee.id
    async with app.uow() as uow:
        uow.acting.add(ActingOfficial(None, kabid, plt, ActingKind.PLT, dt.date(2026, 11, 1), dt.date(2027, 1, 31)))
        await uow.commit()
    async with app.uow() as uow:
        ctx = Ctx(app, uow, Update(1, Sender(1001), 1001, text="/kendala"), clock.now, translator("id"))
        ctx.employee = await uow.org.employee(demo["budi"].employee.id)
        found = await deciders(ctx, team)
    assert found and found[0][1].id == plt
