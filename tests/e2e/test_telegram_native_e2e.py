"""Telegram-native behaviour (issue 12), on both runtimes against the fake Bot API server:
command menus per role and language, notices that carry the button that starts the action,
decision cards edited everywhere once decided, and groups that survive what Telegram does
to them (the bot added or removed, a supergroup migration, forum topics, the startgroup
deep link, commands for other bots)."""
from __future__ import annotations

import asyncio
import datetime as dt

from bot.demo import MOTIVATION_BUDI, REASON, _apply
from bot.scheduler import indonesian_calendar
from domain.calendar import zone
from domain.reminders import ScheduleSettings
from domain.team import MemberRole, Team
from handlers.reports.obligations import team_reports
from handlers.schedule.jobs import run_reminders
from handlers.teams.membership import add_member, set_ketua


def _menu(h, chat_id: int | None = None, language: str = "") -> list[str]:
    scope = {"type": "chat", "chat_id": chat_id} if chat_id is not None else None
    return [c["command"] for c in h.fake.commands(scope, language)]


async def _menu_set(h, key: str, has: str) -> list[str]:
    """The person's own chat menu, once it contains `has` (menus follow the reply that changed them)."""
    chat = h.tid(key)
    await h.fake.state.wait_until(lambda: has in _menu(h, chat), h.timeout)
    return _menu(h, chat)


async def _team(h, *, starts_on: dt.date | None = None, group: int | None = None) -> int:
    async with h.runtime.app.uow() as uow:
        kabid = h.people["kabid_apt"].employee
        team = Team(None, kabid.unit_id, "Tim Aplikasi <SIMPEG> & Layanan", starts_on=starts_on)
        if group is not None:
            team.bind_group(group)
        uow.teams.add(team)
        await uow.flush()
        now, profile = h.runtime.app.clock(), h.runtime.app.profile
        await set_ketua(uow, team, h.people["budi"].employee.id, kabid.id, now, profile=profile)
        await add_member(uow, team, h.people["dewi"].employee.id, MemberRole.ANGGOTA, kabid.id, now, profile=profile)
        await uow.commit()
        return team.id


async def _bound_team(h):
    async with h.runtime.app.uow() as uow:
        return (await uow.teams.led_by(h.people["budi"].employee.id))[0]


# --- command menus -------------------------------------------------------------------
async def test_start_sets_ones_menu_again_only_when_it_changed(h):
    """/start checks the person's menu; the runtime sends setMyCommands only when it differs
    from the one it set for that chat (one call fewer per /start), and a role change always sends."""
    await h.link("budi")
    chat = h.tid("budi")
    await _menu_set(h, "budi", "ajukan")

    def menu_calls() -> int:
        return sum(1 for c in h.fake.state.calls
                   if c.method == "setMyCommands" and str(c.params.get("scope", "")).find(str(chat)) >= 0)

    before = menu_calls()
    for _ in range(3):
        await h.say("budi", "/start", expect="sudah terhubung")
    assert menu_calls() == before
    await _team(h)  # Budi becomes ketua outside Telegram (no refresh was sent)...
    await h.say("budi", "/start", expect="sudah terhubung")  # ...so /start brings his menu up to date
    assert "masukan" in await _menu_set(h, "budi", "masukan")
    assert menu_calls() == before + 1



async def test_menus_per_language_and_scope_and_help_per_person(h):
    default_id, default_en = _menu(h, language="id"), _menu(h, language="en")
    assert default_id == default_en == _menu(h)  # the same commands, worded per language
    assert {"ajukan", "lapor", "tim", "help", "start"} <= set(default_id)
    assert not {"persetujuan", "timbaru", "admin", "antrian", "hubungkan"} & set(default_id)
    assert h.fake.commands(None, "id")[0]["description"] != h.fake.commands(None, "en")[0]["description"]
    groups = [c["command"] for c in h.fake.commands({"type": "all_group_chats"}, "id")]
    assert groups == ["hubungkan"]
    assert "Sikerja membantu ASN" in h.fake.description("id") and "Sikerja helps" in h.fake.description("en")
    assert h.fake.description("id", short=True) and h.fake.description("", short=True)

    await h.link("budi", "kabid_apt")
    head = await _menu_set(h, "kabid_apt", "persetujuan")
    assert {"timbaru", "rekap", "mintalaporan", "ajukan"} <= set(head) and "admin" not in head
    assert "masukan" not in await _menu_set(h, "budi", "ajukan")
    help_budi = await h.say("budi", "/help", expect="Yang dapat Anda lakukan")
    help_kabid = await h.say("kabid_apt", "/help", expect="Yang dapat Anda lakukan")
    assert "/timbaru" not in help_budi.text and "/timbaru" in help_kabid.text
    assert "/admin" not in help_kabid.text

    # The language chosen in the bot is the language of one's own menu
    choose = await h.say("budi", "/bahasa", expect="bahasa")
    await h.press("budi", choose, "English", expect="Language set")
    chat = h.tid("budi")
    await h.fake.state.wait_until(
        lambda: {c["command"]: c["description"] for c in h.fake.commands({"type": "chat", "chat_id": chat})}
        .get("ajukan", "").startswith("Apply"), h.timeout)


async def test_menu_follows_an_appointment_as_ketua(h):
    await h.link("kabid_apt", "budi")
    assert "masukan" not in await _menu_set(h, "budi", "ajukan")
    await h.say("kabid_apt", "/timbaru", expect="nama timnya")
    kind = await h.say("kabid_apt", "Tim Sub Kegiatan Layanan Data", expect="rutin atau insidental")
    await h.press("kabid_apt", kind, "Rutin", expect="tujuan dan target")
    period = await h.say("kabid_apt", "Layanan data tersedia dan terdokumentasi.", expect="Sampai kapan")
    confirm = await h.press("kabid_apt", period, "akhir triwulan", expect="Layanan data tersedia")
    formed = await h.press("kabid_apt", confirm, "Bentuk tim", expect="terbentuk")
    pick = await h.press("kabid_apt", formed, "Tunjuk ketua", expect="Siapa yang ditunjuk")
    await h.press("kabid_apt", pick, "Budi Santoso", expect="kini menjadi ketua")
    assert "masukan" in await _menu_set(h, "budi", "masukan")
    # the notice carries its button: [Buka tim] opens the team's card
    notice = await h.notice("budi", "Anda kini menjadi ketua")
    card = await h.press("budi", notice, "Buka tim", expect="Tim Sub Kegiatan Layanan Data")
    assert any("Hubungkan grup" in text for text, _ in h.fake.buttons(card))


# --- actionable notices --------------------------------------------------------------

async def test_reporting_window_notice_opens_the_report_form_for_its_team_and_period(h):
    await _team(h, starts_on=dt.date(2026, 10, 1))  # formed this quarter: it owes this period's reports only
    await h.link("budi", "dewi")
    app = h.runtime.app
    opened = dt.datetime(2026, 12, 21, 9, 5, tzinfo=zone(app.profile.timezone)).astimezone(dt.UTC)
    await run_reminders(app, ScheduleSettings.for_profile(app.profile), indonesian_calendar(), now=opened,
                        providers=[team_reports])
    notice = await h.notice("dewi", "Masa pelaporan sudah dibuka")
    assert [text for text, _ in h.fake.buttons(notice)] == ["📝 Lapor sekarang"]
    await h.press("dewi", notice, "Lapor sekarang", expect="Tulis laporan Anda")
    async with app.uow() as uow:
        (report,) = await uow.reports.by_author(h.people["dewi"].employee.id)
    assert (report.period_key, report.team_id) == ("2026-Q4", (await _bound_team(h)).id)


async def test_lapor_offers_no_period_before_the_team_was_formed(h):
    await _team(h, starts_on=dt.date.today())
    await h.link("budi", "dewi")
    choose = await h.say("dewi", "/lapor", expect="Laporan mana")
    opened = await h.press("dewi", choose, "Ke ketua", expect="Tulis laporan Anda")
    assert "sebelumnya" not in " ".join(m.text or "" for m in h.fake.messages(h.tid("dewi")))
    assert opened is not None


async def test_one_letter_is_sent_at_once(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    await h.press("kabid_apt", notice, "Setujui", expect="ST-")
    mark = h.fake.mark()
    h.fake.send_text(h.tid("budi"), "/surat")
    letter = await h.fake.wait_for(lambda m: m.chat_id == h.tid("budi") and m.file_name is not None, h.timeout,
                                   since=mark)
    assert letter.file_name.startswith("Surat_Penugasan_ST-2026-") and letter.file_bytes.startswith(b"%PDF")


# --- cards that stay current ---------------------------------------------------------

async def test_rejection_edits_every_copy_of_the_card(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    listed = await h.say("kabid_apt", "/persetujuan", expect="Keamanan")
    assert listed.message_id != notice.message_id and h.fake.buttons(listed)
    await h.press("kabid_apt", notice, "Tolak", expect="alasan")
    await h.say("kabid_apt", REASON, expect="ditolak")
    edited = await h.fake.wait_for(lambda m: (m.chat_id, m.message_id) == (notice.chat_id, notice.message_id)
                                   and "Diputuskan oleh" in (m.text or ""), h.timeout)
    assert "ditolak" in edited.text and REASON in edited.text and h.fake.buttons(edited) == []
    # the /persetujuan page holds several cards: it is shown again as it now stands
    page = await h.fake.wait_for(lambda m: (m.chat_id, m.message_id) == (listed.chat_id, listed.message_id)
                                 and "Tidak ada" in (m.text or ""), h.timeout)
    assert h.fake.buttons(page) == []
    async with h.runtime.app.uow() as uow:
        (application,) = await uow.applications.by_applicant(h.people["budi"].employee.id)
        copies = await uow.outbox.copies(f"app:{application.id}")
        pages = await uow.outbox.copies(f"pending:{h.people['kabid_apt'].employee.id}")
    assert [c.message_id for c in copies] == [notice.message_id]
    assert [c.message_id for c in pages] == [listed.message_id]


async def test_approval_from_one_copy_edits_the_other(h):
    await h.link("budi", "kabid_apt")
    await _apply(h, "budi", "Keamanan", MOTIVATION_BUDI)
    notice = await h.notice("kabid_apt", "Budi Santoso")
    listed = await h.say("kabid_apt", "/persetujuan", expect="Keamanan")
    await h.press("kabid_apt", listed, "Setujui", expect="ST-")
    edited = await h.fake.wait_for(lambda m: (m.chat_id, m.message_id) == (notice.chat_id, notice.message_id)
                                   and "Diputuskan oleh" in (m.text or ""), h.timeout)
    assert "disetujui" in edited.text and h.fake.buttons(edited) == []
    assert h.fake.buttons(h.fake.last_message(h.tid("kabid_apt"))) == []


# --- groups --------------------------------------------------------------------------

async def _code(h) -> tuple[str, str]:
    card = await h.say("budi", "/tim", expect="Tim Aplikasi")
    message = await h.press("budi", card, "Hubungkan grup", expect="/hubungkan")
    (url,) = [b["url"] for row in message.inline_keyboard() for b in row if "url" in b]
    return message.text.split("/hubungkan ")[1].strip(), url


async def test_startgroup_link_binds_in_one_tap(h):
    await _team(h)
    await h.link("budi", "kabid_apt")
    code, url = await _code(h)
    assert url == f"https://t.me/SikerjaBot?startgroup={code}"
    group = h.fake.group(-100901, "Tim SIMPEG", members=[h.tid("budi")], bot_status="left")
    mark = h.fake.mark()
    h.fake.add_bot(h.tid("budi"), group, start=code)  # what tapping the link does
    await h.fake.wait_message(group.id, "kini terhubung", h.timeout, since=mark)
    assert (await _bound_team(h)).group_chat_id == -100901


async def test_bot_added_says_how_to_bind_and_removed_unbinds_and_tells(h):
    await _team(h, group=-100902)
    await h.link("budi", "kabid_apt")
    fresh = h.fake.group(-100903, "Grup baru", bot_status="left")
    mark = h.fake.mark()
    h.fake.add_bot(h.tid("dewi"), fresh)
    hello = await h.fake.wait_message(fresh.id, "Hubungkan grup tim", h.timeout, since=mark)
    assert "/tim" in hello.text
    bound = h.fake.group(-100902, "Tim SIMPEG")
    mark = h.fake.mark()
    h.fake.remove_bot(h.tid("dewi"), bound)
    await h.notice("budi", "dikeluarkan dari grup Telegram tim", since=mark)
    await h.notice("kabid_apt", "dikeluarkan dari grup Telegram tim", since=mark)
    team = await _bound_team(h)
    assert team.group_chat_id is None


async def test_supergroup_migration_carries_the_binding(h):
    await _team(h, group=-902)
    await h.link("budi")
    old = h.fake.group(-902, "Tim SIMPEG", type="group")
    h.fake.migrate(old, -100904, by=h.tid("budi"))
    for _ in range(100):  # handled in the background: poll the database
        if (await _bound_team(h)).group_chat_id == -100904:
            break
        await asyncio.sleep(0.05)
    assert (await _bound_team(h)).group_chat_id == -100904


async def test_forum_topic_binding_and_commands_for_other_bots(h):
    await _team(h)
    await h.link("budi")
    code, _ = await _code(h)
    forum = h.fake.group(-100905, "Dinas Kominfo", forum=True)
    mark = h.fake.mark()
    h.fake.send_text(h.tid("budi"), "/hubungkan@OtherBot XXXXXXXX", chat=forum, thread_id=17)  # not ours
    h.fake.send_text(h.tid("budi"), f"/hubungkan@SikerjaBot {code}", chat=forum, thread_id=17)
    linked = await h.fake.wait_message(forum.id, "kini terhubung", h.timeout, since=mark)
    assert linked.thread_id == 17  # the reply went to the topic
    assert len([m for m in h.fake.messages(forum.id) if m.seq > mark]) == 1  # the other bot's command: no reply
    team = await _bound_team(h)
    assert (team.group_chat_id, team.group_thread_id) == (-100905, 17)
