"""Decision cards that stay current (issue 12): the outbox keeps where each notice landed,
and a decision edits every copy of the card — approve, reject or withdrawal alike — and a
copy still waiting goes out already decided."""
from __future__ import annotations

from bot.outbox import OutboxSender
from handlers.applications.buttons import ApplicationDecision, WithdrawApplication
from handlers.applications.decide import PendingPage
from handlers.core.cards import record_copy
from handlers.core.types import EditMessage, SendMessage
from tests.handlers.chat import alerts, texts
from tests.handlers.test_voluntary_application import apply, linked, outbox


class Telegram:
    """Delivers every notice as message 500, 501, … of its chat."""

    def __init__(self) -> None:
        self.next = 500

    async def deliver(self, reply: SendMessage) -> int:
        self.next += 1
        return self.next


async def _submitted(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    kabid = await linked(app, demo, "kabid_apt", 2001)
    await apply(budi)
    async with app.uow() as uow:
        (application,) = await uow.applications.by_applicant(demo["budi"].employee.id)
    return budi, kabid, application


async def _card_copies(app, application):
    return [m for m in await outbox(app) if m.card == f"app:{application.id}"]


async def test_the_outbox_records_where_a_notice_landed(app, demo):
    _, _, application = await _submitted(app, demo)
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    (copy,) = await _card_copies(app, application)
    assert (copy.status, copy.chat_id, copy.message_id) == ("sent", 2001, 501)


async def test_rejection_edits_every_copy_without_buttons(app, demo):
    _, kabid, application = await _submitted(app, demo)
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    async with app.uow() as uow:  # as the runtime records a /persetujuan copy once sent
        await uow.outbox.record_copy(f"app:{application.id}", 2001, 777, {"text": "card", "keyboard": None},
                                     app.clock())
        await uow.commit()
    await kabid.presses(ApplicationDecision("no", application.id), message_id=501)
    replies = await kabid.says("Tidak sesuai dengan kebutuhan unit saat ini.")
    edits = [r for r in replies if isinstance(r, EditMessage)]
    assert sorted(e.message_id for e in edits) == [501, 777]
    assert all(e.keyboard is None and "Diputuskan oleh" in e.text and "ditolak" in e.text for e in edits)


async def test_approval_edits_the_pressed_copy_and_the_others(app, demo):
    _, kabid, application = await _submitted(app, demo)
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    async with app.uow() as uow:
        await uow.outbox.record_copy(f"app:{application.id}", 2001, 777, {"text": "card", "keyboard": None},
                                     app.clock())
        await uow.commit()
    replies = await kabid.presses(ApplicationDecision("ok", application.id), message_id=777)
    edits = {e.message_id: e for e in replies if isinstance(e, EditMessage)}
    assert set(edits) == {501, 777} and all(e.keyboard is None for e in edits.values())
    assert "Nomor surat penugasan" in edits[777].text or "ST-" in edits[777].text


async def test_a_copy_not_sent_yet_goes_out_decided_and_withdrawal_settles_too(app, demo):
    budi, _, application = await _submitted(app, demo)
    replies = await budi.presses(WithdrawApplication(application.id))
    assert not [r for r in replies if isinstance(r, EditMessage) and r.chat_id == 2001]  # nothing sent yet
    (copy,) = await _card_copies(app, application)
    assert copy.status == "pending" and copy.payload["keyboard"] is None
    assert "Ditarik kembali oleh pengaju" in copy.payload["text"]
    assert texts(replies)


async def _two_on_a_page(app, demo):
    """Budi's and Dewi's applications wait; their notices landed as messages 501 and 502;
    the kabid's /persetujuan page is message 900, recorded as his live page."""
    _, kabid, application = await _submitted(app, demo)
    await apply(await linked(app, demo, "dewi", 1004), "Pengembangan")
    await OutboxSender(app.uow, Telegram().deliver, app.clock).drain()
    (page,) = [r for r in await kabid.says("/persetujuan") if isinstance(r, SendMessage)]
    await record_copy(app, page, 900)  # as the runtime does once it is sent
    assert page.card == f"pending:{demo['kabid_apt'].employee.id}" and "2 pengajuan" in page.text
    assert len(await _card_copies(app, application)) == 1  # the page is no copy of either card
    return kabid, application


def _page(replies) -> EditMessage:
    (page,) = [r for r in replies if isinstance(r, EditMessage) and r.message_id == 900]
    return page


async def test_approving_from_a_page_settles_the_notice_and_shows_the_page_again(app, demo):
    kabid, application = await _two_on_a_page(app, demo)
    replies = await kabid.presses(ApplicationDecision("ok", application.id, page=0), message_id=900)
    (notice,) = [r for r in replies if isinstance(r, EditMessage) and r.message_id == 501]
    assert notice.keyboard is None and "Diputuskan oleh" in notice.text
    (decided,) = [r for r in replies if isinstance(r, SendMessage)]  # the decided card, apart from the page
    assert application.number in decided.text and "Diputuskan oleh" in decided.text and decided.keyboard is None
    page = _page(replies)
    assert "1 pengajuan" in page.text and application.number not in page.text


async def test_rejecting_from_a_page_settles_the_notice_and_shows_the_page_again(app, demo):
    kabid, application = await _two_on_a_page(app, demo)
    await kabid.presses(ApplicationDecision("no", application.id, page=0), message_id=900)
    replies = await kabid.says("Tidak sesuai dengan kebutuhan unit saat ini.")
    assert [r.message_id for r in replies if isinstance(r, EditMessage) and "Diputuskan oleh" in r.text] == [501]
    page = _page(replies)
    assert "1 pengajuan" in page.text and application.number not in page.text


async def test_a_page_left_open_is_shown_again_when_its_decided_card_is_pressed(app, demo):
    kabid, application = await _two_on_a_page(app, demo)
    await kabid.presses(ApplicationDecision("ok", application.id), message_id=501)  # decided from the notice
    replies = await kabid.presses(ApplicationDecision("no", application.id, page=0), message_id=900)
    assert alerts(replies) and "1 pengajuan" in _page(replies).text


async def test_a_decision_from_the_notice_shows_the_live_page_again_at_its_page(app, demo):
    kabid, application = await _two_on_a_page(app, demo)
    await kabid.presses(PendingPage(1), message_id=900)  # turned (one page only: shown clamped)
    async with app.uow() as uow:
        (live,) = await uow.outbox.copies(f"pending:{demo['kabid_apt'].employee.id}")
        assert live.payload["page"] == 1
    replies = await kabid.presses(ApplicationDecision("ok", application.id), message_id=501)
    page = _page(replies)
    assert "1 pengajuan" in page.text and application.number not in page.text
    await kabid.says("/persetujuan")  # a newer page: the old one is no longer kept current
    async with app.uow() as uow:
        assert await uow.outbox.copies(f"pending:{demo['kabid_apt'].employee.id}") == []
