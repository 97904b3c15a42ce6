"""Command menus and /help per person (issue 12): what each role may do, in their language,
refreshed when a role changes; the reminders' buttons; the startup menus."""
from __future__ import annotations

import dataclasses
import datetime as dt

from domain.acting import ActingKind
from domain.reminders import DECISION, ESCALATION, PERSON, Notice, Obligation
from handlers.applications.buttons import ShowApplication
from handlers.applications.reminders import decide_now
from handlers.core.app import AppConfig
from handlers.core.i18n import translator
from handlers.core.menus import startup_replies
from handlers.core.types import SendMessage, SetCommands, SetDescription
from tests.handlers.chat import Person, buttons, texts
from tests.handlers.test_voluntary_application import apply, linked

ADMIN = 4242


def _menus(replies) -> list[SetCommands]:
    return [r for r in replies if isinstance(r, SetCommands)]


async def test_linking_sets_the_persons_menu_by_role(app, demo):
    budi = Person(app, 1001, "Budi")
    (menu,) = _menus(await budi.says(f"/start {demo['budi'].code}"))
    assert (menu.scope, menu.chat_id, menu.language) == ("chat", 1001, "")
    names = [c for c, _ in menu.commands]
    assert "ajukan" in names and not {"persetujuan", "timbaru", "masukan", "admin"} & set(names)
    kabid = Person(app, 2001, "Kabid")
    (menu,) = _menus(await kabid.says(f"/start {demo['kabid_apt'].code}"))
    assert {"persetujuan", "timbaru", "rekap", "mintalaporan"} <= {c for c, _ in menu.commands}


async def test_help_shows_what_this_person_can_do(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    (mine,) = texts(await budi.says("/help"))
    (head,) = texts(await kabid.says("/help"))
    assert "/lapor" in mine and "/timbaru" not in mine and "/persetujuan" not in mine
    assert "/timbaru" in head and "/persetujuan" in head and "/admin" not in head
    # /help also puts the person's menu right (e.g. roles gained before the bot set menus)
    (menu,) = _menus(await kabid.says("/help"))
    assert "timbaru" in dict(menu.commands) and menu.chat_id == 2001


async def test_admins_see_admin_and_queue_even_unlinked(app, demo):
    admin_app = dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({ADMIN})))
    (text,) = texts(await Person(admin_app, ADMIN, "Admin").says("/help"))
    assert "/admin" in text and "/antrian" in text and "/lapor" not in text
    (text,) = texts(await Person(admin_app, 5555, "Stranger").says("/help"))
    assert "belum terhubung" in text  # not linked and no admin: how to link


async def test_language_change_resets_the_menu_in_the_new_language(app, demo):
    from handlers.onboarding.buttons import LanguageChoice

    budi = await linked(app, demo, "budi", 1001)
    (menu,) = _menus(await budi.presses(LanguageChoice("en")))
    assert dict(menu.commands)["ajukan"].startswith("Apply")


async def test_acting_official_gets_the_heads_menu(app, demo):
    from domain.acting import ActingOfficial
    from handlers.core.menus import Audience, audiences_of

    await linked(app, demo, "budi", 1001)
    today = app.clock().date()
    async with app.uow() as uow:
        budi = demo["budi"].employee.id
        assert Audience.HEAD not in await audiences_of(uow, app, budi, 1001, today)
        uow.acting.add(ActingOfficial(None, demo["kabid_apt"].employee.id, budi, ActingKind.PLH, today,
                                      today + dt.timedelta(days=3)))
        await uow.flush()
        assert Audience.HEAD in await audiences_of(uow, app, budi, 1001, today)


async def test_roles_read_in_one_look_follow_each_rule(app, demo):
    """uow.roles.of (one statement): a registered admin; a ketua only of a team not ended; a
    head of a unit, or the Plt/Plh of one now or later, not one whose record is over, nor the
    Plt/Plh of someone who heads nothing."""
    from domain.acting import ActingOfficial
    from domain.team import Team, TeamStatus

    today = app.clock().date()
    budi, dewi = demo["budi"].employee.id, demo["dewi"].employee.id
    kabid = demo["kabid_apt"].employee
    async with app.uow() as uow:
        assert await uow.roles.of(budi, 1001, today) == (await uow.roles.of(budi, 1001, today))
        nobody = await uow.roles.of(budi, 1001, today)
        assert (nobody.admin, nobody.ketua, nobody.head) == (False, False, False)
        assert (await uow.roles.of(kabid.id, 2001, today)).head
        await uow.admins.add(1001, app.clock())
        team = Team(None, kabid.unit_id, "Tim Uji", ketua_id=budi)
        uow.teams.add(team)
        uow.acting.add(ActingOfficial(None, kabid.id, dewi, ActingKind.PLT, today - dt.timedelta(days=9),
                                      today - dt.timedelta(days=1)))  # over yesterday
        uow.acting.add(ActingOfficial(None, budi, dewi, ActingKind.PLH, today, today + dt.timedelta(days=3)))
        await uow.flush()
        roles = await uow.roles.of(budi, 1001, today)
        assert (roles.admin, roles.ketua, roles.head) == (True, True, False)
        assert not (await uow.roles.of(dewi, 1002, today)).head  # past record; Budi heads nothing
        team.status = TeamStatus.ENDED
        uow.acting.add(ActingOfficial(None, kabid.id, dewi, ActingKind.PLT, today + dt.timedelta(days=5),
                                      today + dt.timedelta(days=9)))  # a coming one counts
        await uow.flush()
        assert not (await uow.roles.of(budi, 1001, today)).ketua
        assert (await uow.roles.of(dewi, 1002, today)).head


async def test_startup_sets_default_group_descriptions_and_admin_menus(app, demo):
    admin_app = dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({ADMIN})))
    replies = await startup_replies(admin_app)
    menus = {(r.scope, r.language, r.chat_id): [c for c, _ in r.commands] for r in _menus(replies)}
    assert {lang for scope, lang, _ in menus if scope == "default"} == {"id", "en", ""}
    assert menus[("all_group_chats", "id", None)] == ["hubungkan"]
    assert "admin" in menus[("chat", "", ADMIN)] and "antrian" in menus[("chat", "", ADMIN)]
    descriptions = [r for r in replies if isinstance(r, SetDescription)]
    assert len(descriptions) == 3 and all(len(d.description) <= 512 and len(d.short_description) <= 120
                                          for d in descriptions)
    for r in _menus(replies):
        assert all(1 <= len(d) <= 256 for _, d in r.commands)


async def test_decision_reminder_opens_the_card(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
    since = app.clock()
    ob = Obligation(DECISION, application.id, demo["kabid_apt"].employee.id, None, None, "application",
                    since=since, label="PS-1 — Budi")
    def notice(audience: str) -> Notice:
        return Notice("k", DECISION, audience, demo["kabid_apt"].employee.id, "r-1", since, False, (ob,), ())

    kb = decide_now(translator("id"), notice(PERSON))
    assert kb is not None and kb[0][0].data == ShowApplication(application.id).pack()
    assert decide_now(translator("id"), notice(ESCALATION)) is None
    replies = await kabid.presses(ShowApplication(application.id))
    (card,) = [r for r in replies if isinstance(r, SendMessage)]
    assert card.card == f"app:{application.id}" and "Setujui" in next(t for t, _ in buttons(replies))
