"""A cross-unit voluntary application (§2.7) through the application layer on a real database: each
open step is a decision the scheduler reminds and escalates like any other, from when that step
opened; every step is in the audit trail; a withdrawal reaches the official whose step is open."""
from __future__ import annotations

import pytest

from bot.outbox import OutboxSender
from bot.scheduler import ReminderScheduler
from domain.application import ApplicationStatus
from domain.reminders import ScheduleSettings
from handlers.applications import letters
from handlers.applications.buttons import ApplicationDecision, ShowApplication, WithdrawApplication
from handlers.core.cards import record_copy
from handlers.core.types import EditMessage, SendDocument, SendMessage
from handlers.letters.buttons import LetterPick
from tests.handlers.chat import alerts, texts
from tests.handlers.test_cards import Telegram
from tests.handlers.test_reminders import CAL, texts_to, wib
from tests.handlers.test_voluntary_application import apply, linked, outbox


async def _the_application(app, demo):
    async with app.uow() as uow:
        (found,) = await uow.applications.by_applicant(demo["siti"].employee.id)
        return found, [d.action for d in await uow.decisions.for_subject("application", found.id)]


async def _step_button(app, chat_id: int) -> str:
    """The approve button of the last step card sent to this official (not a reminder's "Decide")."""
    (row,) = [m for m in await outbox(app) if m.chat_id == chat_id and m.payload["keyboard"]
              and m.payload["keyboard"][0][0]["data"].startswith("ap:ok:")][-1:]
    return row.payload["keyboard"][0][0]["data"]


async def test_each_step_is_reminded_from_when_it_opened_then_escalated(app, demo, clock):
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    await linked(app, demo, "kabid_ikp", 2002)
    await linked(app, demo, "kadis", 3001)
    clock.now = wib(2026, 11, 23, 10, 15)  # Monday
    await apply(siti)
    sched = ReminderScheduler(app, ScheduleSettings.for_profile(app.profile), CAL)
    clock.now = wib(2026, 11, 26, 10, 15)
    (remind,) = await sched.tick()
    assert remind.recipient == demo["kabid_apt"].employee.id
    await kabid_apt.presses(await _step_button(app, 2001))  # the target head's step: done on Thursday
    found, trail = await _the_application(app, demo)
    assert found.decider_id == demo["kabid_ikp"].employee.id and trail == ["submitted", "step_approved:target"]
    clock.now = wib(2026, 11, 30, 10, 15)  # two working days after the home step opened: not yet
    assert await sched.tick() == []
    clock.now = wib(2026, 12, 1, 10, 15)
    (remind,) = await sched.tick()
    assert remind.recipient == demo["kabid_ikp"].employee.id
    assert any("Menunggu keputusan Anda" in t and "Siti" in t for t in await texts_to(app, 2002))
    clock.now = wib(2026, 12, 3, 10, 15)
    (escalation,) = await sched.tick()
    assert escalation.recipient == demo["kadis"].employee.id


async def test_withdrawn_mid_route_tells_the_official_of_the_open_step(app, demo):
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    await linked(app, demo, "kabid_ikp", 2002)
    await apply(siti)
    await kabid_apt.presses(await _step_button(app, 2001))
    found, _ = await _the_application(app, demo)
    replies = await siti.presses(WithdrawApplication(found.id))
    assert replies
    found, trail = await _the_application(app, demo)
    assert found.status is ApplicationStatus.WITHDRAWN and trail[-1] == "withdrawn"
    assert any("ditarik" in t for t in await texts_to(app, 2002))


async def test_persetujuan_lists_it_only_for_the_open_step(app, demo):
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    kabid_ikp = await linked(app, demo, "kabid_ikp", 2002)
    await apply(siti)
    assert "Langkah 1 dari 2" in "\n".join(texts(await kabid_apt.says("/persetujuan")))
    assert "Siti" not in "\n".join(texts(await kabid_ikp.says("/persetujuan")))
    await kabid_apt.presses(await _step_button(app, 2001))
    assert "Siti" not in "\n".join(texts(await kabid_apt.says("/persetujuan")))
    assert "Langkah 2 dari 2" in "\n".join(texts(await kabid_ikp.says("/persetujuan")))


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_written_refusal_only_to_the_applicant(app, demo, profile_name):
    """HSU Lamp. II B.2.e: refused in writing with the reasons; the letter is the applicant's alone."""
    siti = await linked(app, demo, "siti", 1003)
    kabid_ikp = await linked(app, demo, "kabid_ikp", 2002)
    budi = await linked(app, demo, "budi", 1001)
    await apply(siti)
    await kabid_ikp.presses(await _step_button(app, 2002))  # the own Penilai approves first (B.2.a)
    refuse = ApplicationDecision("no", (await _the_application(app, demo))[0].id, 0)
    assert alerts(await kabid_ikp.presses(refuse))  # a stale button of a step already done
    found, _ = await _the_application(app, demo)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    await kabid_apt.presses(ApplicationDecision("no", found.id, 1))
    await kabid_apt.says("Tim keamanan sudah penuh untuk tahun ini.")
    async with app.uow() as uow:  # a surat jawaban in the register, signed by the refusing head
        registered = await uow.letters.of_source("application", found.id)
    assert registered is not None and registered.kind.value == "jawaban"
    assert registered.issuer_id == demo["kabid_apt"].employee.id
    assert [p.employee_id for p in registered.addressees] == [demo["siti"].employee.id]
    assert registered.tembusan == [demo["kabid_ikp"].employee.jabatan_name]  # whose step it had passed
    (listed,) = [r for r in await siti.says("/surat") if isinstance(r, SendDocument)]  # her only letter
    assert listed.filename.startswith("Surat_Jawaban_SJ-2026-")
    assert registered.number in "\n".join(texts(await budi.says(f"/cek {registered.code}")))  # and /cek finds it
    letter = LetterPick(registered.id or 0)
    assert alerts(await budi.presses(letter))
    (document,) = [r for r in await siti.presses(letter) if isinstance(r, SendDocument)]
    assert document.filename.startswith("Surat_Jawaban_SJ-2026-") and document.content.startswith(b"%PDF")


@pytest.mark.parametrize("profile_name", ["badung"])
async def test_badung_letter_signed_by_the_penilai_with_the_pimpinan_pds_approval(app, demo, profile_name, monkeypatch):
    """Lamp. I §2 b.2)c): the PPK assigns "atas persetujuan Pimpinan Perangkat Daerah", whose step comes last."""
    siti = await linked(app, demo, "siti", 1003)
    officials = {2001: await linked(app, demo, "kabid_apt", 2001), 2002: await linked(app, demo, "kabid_ikp", 2002),
                 3001: await linked(app, demo, "kadis", 3001)}
    await apply(siti)
    for chat_id in (2001, 2002, 3001):
        await officials[chat_id].presses(await _step_button(app, chat_id))
    found, trail = await _the_application(app, demo)
    assert found.status is ApplicationStatus.APPROVED
    assert trail == ["submitted", "step_approved:target", "step_approved:final", "approved"]
    rendered = []
    monkeypatch.setattr(letters, "assignment_letter", lambda d: rendered.append(d) or b"%PDF-1.4")
    await siti.says("/surat")  # her only letter, drawn from its assignment record
    (letter,) = rendered
    assert letter.issuer_name == demo["kabid_ikp"].employee.name and "Kepala Dinas" in (letter.approved_by or "")


async def test_each_steps_card_is_settled_and_the_final_decision_settles_them_all(app, demo):
    """A step done: its copies lose their buttons and the next official gets a card of their own; the
    final approval settles every step's copies."""
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    kabid_ikp = await linked(app, demo, "kabid_ikp", 2002)
    await apply(siti)
    found, _ = await _the_application(app, demo)
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    async with app.uow() as uow:  # as the runtime records a /persetujuan copy of step 1 once sent
        await uow.outbox.record_copy(f"app:{found.id}:s0", 2001, 777, {"text": "card", "keyboard": None},
                                     app.clock())
        await uow.commit()
    (step1,) = [m for m in await outbox(app) if m.card == f"app:{found.id}:s0" and m.message_id != 777]
    replies = await kabid_apt.presses(ApplicationDecision("ok", found.id, 0), message_id=step1.message_id)
    edits = {r.message_id: r for r in replies if isinstance(r, EditMessage)}
    assert set(edits) == {step1.message_id, 777}
    assert all(e.keyboard is None and "Diputuskan oleh" in e.text and "Langkah 2 dari 2" in e.text
               for e in edits.values())
    (step2,) = [m for m in await outbox(app) if m.card == f"app:{found.id}:s1"]
    assert step2.chat_id == 2002 and step2.payload["keyboard"]
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    replies = await kabid_ikp.presses(ApplicationDecision("ok", found.id, 1), message_id=999)
    edited = {(r.chat_id, r.message_id) for r in replies if isinstance(r, EditMessage) and r.keyboard is None}
    step2_sent = next(m for m in await outbox(app) if m.card == f"app:{found.id}:s1")
    assert {(2001, step1.message_id), (2001, 777), (2002, step2_sent.message_id)} <= edited


async def test_a_reminders_button_opens_the_card_of_the_open_step(app, demo):
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    kabid_ikp = await linked(app, demo, "kabid_ikp", 2002)
    await apply(siti)
    found, _ = await _the_application(app, demo)
    assert alerts(await kabid_ikp.presses(ShowApplication(found.id)))  # not his step yet
    await kabid_apt.presses(ApplicationDecision("ok", found.id, 0))
    replies = await kabid_ikp.presses(ShowApplication(found.id))
    (card,) = [r for r in replies if isinstance(r, SendMessage) and r.card]
    assert card.card == f"app:{found.id}:s1" and "ap:ok:" in str(card.keyboard)


async def test_a_step_done_from_a_page_shows_both_officials_pages_again(app, demo):
    """The page's buttons carry the open step and the page; the step done, its card stands apart, my
    page shows what still waits, and the next official's live /persetujuan now lists it."""
    siti = await linked(app, demo, "siti", 1003)
    kabid_apt = await linked(app, demo, "kabid_apt", 2001)
    kabid_ikp = await linked(app, demo, "kabid_ikp", 2002)
    await apply(siti)
    found, _ = await _the_application(app, demo)
    shown = {}
    for person, message_id in ((kabid_apt, 900), (kabid_ikp, 901)):
        (page,) = [r for r in await person.says("/persetujuan") if isinstance(r, SendMessage)]
        await record_copy(app, page, message_id)  # as the runtime does once it is sent
        shown[message_id] = page
    assert ApplicationDecision("ok", found.id, 0, 0).pack() in str(shown[900].keyboard)
    assert "Tidak ada" in shown[901].text  # not his step yet
    replies = await kabid_apt.presses(ApplicationDecision("ok", found.id, 0, 0), message_id=900)
    (apart,) = [r for r in replies if isinstance(r, SendMessage) and r.chat_id == 2001]
    assert "Langkah 2 dari 2" in apart.text and apart.keyboard is None
    pages = {r.message_id: r for r in replies if isinstance(r, EditMessage) and r.message_id in (900, 901)}
    assert "Tidak ada" in pages[900].text
    assert found.number in pages[901].text
    assert ApplicationDecision("ok", found.id, 1, 0).pack() in str(pages[901].keyboard)
