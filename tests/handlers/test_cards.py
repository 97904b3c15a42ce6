"""Decision cards that stay current (issue 12): the outbox keeps where each notice landed,
and a decision edits every copy of the card — approve, reject or withdrawal alike — and a
copy still waiting goes out already decided."""
from __future__ import annotations

from bot.outbox import OutboxSender
from handlers.applications.buttons import ApplicationDecision, WithdrawApplication
from handlers.core.types import EditMessage, SendMessage
from tests.handlers.chat import texts
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
