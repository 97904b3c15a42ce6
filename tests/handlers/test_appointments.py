"""Penunjukan through the application layer, on a real database: /tunjuk within a unit,
/pelibatan across units and to another institution, per profile (§2.1-§2.5)."""
from __future__ import annotations

import pytest

from domain.appointment import AppointmentStatus
from domain.profiles import Scope
from handlers.appointments.buttons import AcceptAppointment, AppointForm, AppointmentLetter, AppointStep, ReplyOutcome
from handlers.core.types import SendDocument
from tests.handlers.chat import Person, alerts, buttons_of, texts

TG = {"kadis": 3001, "kabid_apt": 3002, "kabid_ikp": 3003, "budi": 3004, "dewi": 3005, "siti": 3006,
      "yoga": 3007, "sekretaris": 3008, "kasubbag": 3009, "andi": 3010}
REASON = "Staf kami sedang menyiapkan laporan akhir tahun."
FIELDS = ("Mengamankan aplikasi layanan publik", "Keamanan jaringan dan server",
          "Hasil uji penetrasi selesai", "3 bulan, Januari s.d. Maret 2027")


async def people(app, demo, *keys) -> dict[str, Person]:
    found = {}
    for key in keys:
        person = Person(app, TG[key], key)
        assert "NIP" in texts(await person.says(f"/start {demo[key].code}"))[0]
        found[key] = person
    return found


async def notices(app, key) -> list:
    async with app.uow() as uow:
        return [m for m in await uow.outbox.all() if m.chat_id == TG[key]]


def notice_buttons(message, kind):
    return [found for row in (message.payload.get("keyboard") or []) for b in row
            if (found := kind.unpack(b["data"])) is not None]


async def last_step_button(app, key, action="yes"):
    for message in reversed(await notices(app, key)):
        for found in notice_buttons(message, AppointStep):
            if found.action == action:
                return found
    raise AssertionError(f"no step button {action} for {key}")


async def appointments(app):
    async with app.uow() as uow:
        return await uow.appointments.open() + [a for a in await uow.appointments.by_requester(0)]


async def the_appointment(app, number=1):
    async with app.uow() as uow:
        return await uow.appointments.get(number)


async def request_from(head: Person, unit_text: str, team_text: str | None = "Keamanan", candidates=()) -> list:
    replies = await head.says("/pelibatan")
    (unit,) = [b for b in buttons_of(replies, AppointForm) if b.action == "unit"
               and unit_text in _label(replies, b)]
    replies = await head.presses(unit)
    team = next(b for b in buttons_of(replies, AppointForm) if b.action == "team" and team_text in _label(replies, b))
    replies = await head.presses(team)
    for answer in FIELDS:
        replies = await head.says(answer)
    for candidate in candidates:
        pick = next(b for b in buttons_of(replies, AppointForm) if b.action == "who" and candidate in _label(replies, b))
        replies = await head.presses(pick)
    replies = await head.presses(AppointForm("done"))
    assert "Kirim permohonan ini?" in texts(replies)[-1]
    return await head.presses(AppointForm("send"))


def _label(replies, data) -> str:
    raw = data.pack()
    return next(b.text for r in replies if getattr(r, "keyboard", None) for row in r.keyboard for b in row
                if b.data == raw)


async def test_cross_unit_request_released_and_accepted_joins_the_team(app, demo):
    p = await people(app, demo, "kabid_apt", "kabid_ikp", "siti")
    replies = await request_from(p["kabid_apt"], "Informasi dan Komunikasi", candidates=("Siti",))
    assert "PP-2026-00001" in texts(replies)[-1]
    ap = await the_appointment(app)
    assert ap.scope is Scope.CROSS_UNIT and [s["actor_id"] for s in ap.steps] == [demo["kabid_ikp"].employee.id]
    # the wrong person presses the step's button: refused, nothing changes
    step = await last_step_button(app, "kabid_ikp", "page")
    assert "Hanya pejabat" in alerts(await p["siti"].presses(step))[0]
    replies = await p["kabid_ikp"].presses(step)
    done = next(b for b in buttons_of(replies, AppointStep) if b.action == "done")
    replies = await p["kabid_ikp"].presses(done)
    assert "menunggu penerimaan" in texts(replies)[-1]
    again = await p["kabid_ikp"].presses(done)
    assert "Sudah" in alerts(again)[0]
    (accept,) = [b for m in await notices(app, "siti") for b in notice_buttons(m, AcceptAppointment)]
    await p["siti"].presses(accept)
    assert "sudah menerima" in alerts(await p["siti"].presses(accept))[0]
    ap = await the_appointment(app)
    assert ap.status is AppointmentStatus.DONE
    async with app.uow() as uow:
        team = await uow.teams.get(ap.team_id)
        assert await uow.teams.membership(team.id, demo["siti"].employee.id) is not None
        trail = [d.action for d in await uow.decisions.for_subject("appointment", ap.id)]
    assert trail == ["submitted", "release:yes", "letters_issued", "accepted"]
    letters = await p["kabid_apt"].presses(AppointmentLetter("req", ap.id))
    assert any(isinstance(r, SendDocument) and r.content.startswith(b"%PDF") for r in letters)


async def test_cross_unit_refused_with_reason_reaches_the_requester(app, demo):
    p = await people(app, demo, "kabid_apt", "kabid_ikp")
    await request_from(p["kabid_apt"], "Informasi dan Komunikasi")
    no = await last_step_button(app, "kabid_ikp", "no")
    replies = await p["kabid_ikp"].presses(no)
    assert any("alasan" in x for x in texts(replies))
    await p["kabid_ikp"].says("pendek")
    assert (await the_appointment(app)).status is AppointmentStatus.PENDING
    await p["kabid_ikp"].says(REASON)
    ap = await the_appointment(app)
    assert ap.status is AppointmentStatus.REFUSED and ap.refusal_reason == REASON
    told = (await notices(app, "kabid_apt"))[-1]
    assert REASON in told.payload["text"]
    (answer,) = notice_buttons(told, AppointmentLetter)
    assert any(isinstance(r, SendDocument) for r in await p["kabid_apt"].presses(answer))


async def test_individual_appointment_within_the_unit(app, demo):
    p = await people(app, demo, "kabid_apt", "budi")
    replies = await p["kabid_apt"].says("/tunjuk")
    who = next(b for b in buttons_of(replies, AppointForm) if b.action == "who" and "Budi" in _label(replies, b))
    await p["kabid_apt"].presses(who)
    await p["kabid_apt"].says("Menyusun dokumen arsitektur SPBE")
    for answer in ("Dokumen arsitektur SPBE tersusun", "Draf lengkap disetujui", "2 bulan"):
        replies = await p["kabid_apt"].says(answer)
    replies = await p["kabid_apt"].presses(AppointForm("send"))
    ap = await the_appointment(app)
    assert ap.scope is Scope.WITHIN_UNIT and ap.status is AppointmentStatus.ACCEPTING and ap.steps == []
    (accept,) = [b for m in await notices(app, "budi") for b in notice_buttons(m, AcceptAppointment)]
    assert "Hanya" in alerts(await p["kabid_apt"].presses(accept))[0]
    await p["budi"].presses(accept)
    assert (await the_appointment(app)).status is AppointmentStatus.DONE
    async with app.uow() as uow:
        (assignment,) = await uow.assignments.of_employee(demo["budi"].employee.id)
    assert assignment.description == "Menyusun dokumen arsitektur SPBE"


async def test_cross_institution_request_reply_recorded(app, demo):
    p = await people(app, demo, "kabid_apt", "kadis")
    replies = await p["kabid_apt"].says("/pelibatan")
    await p["kabid_apt"].presses(AppointForm("inst"))
    await p["kabid_apt"].says("Universitas Udayana")
    await p["kabid_apt"].says("Kajian keamanan siber")
    for answer in FIELDS:
        replies = await p["kabid_apt"].says(answer)
    await p["kabid_apt"].presses(AppointForm("send"))
    ap = await the_appointment(app)
    assert ap.scope is Scope.CROSS_INSTITUTION
    # no Sekda in this demo: the Kepala Dinas stands for the Pejabat yang Berwenang (product decision 5)
    assert [s["kind"] for s in ap.steps] == ["approve", "reply"]
    await p["kadis"].presses(await last_step_button(app, "kadis", "yes"))
    out = await p["kadis"].presses(AppointmentLetter("out", ap.id))
    assert any(isinstance(r, SendDocument) for r in out)
    await p["kadis"].presses(await last_step_button(app, "kadis", "reply"))
    await p["kadis"].sends_file("balasan.pdf")
    await p["kadis"].presses(ReplyOutcome("yes", ap.id))
    await p["kadis"].says("Dr. Ni Luh Putu Ayu Dewi Çandra\nI Made Sudarma")
    ap = await the_appointment(app)
    assert ap.status is AppointmentStatus.DONE and ap.reply_file_id == "FILE1"
    assert ap.external_names == ["Dr. Ni Luh Putu Ayu Dewi Çandra", "I Made Sudarma"]


@pytest.mark.parametrize("profile_name", ["badung"])
async def test_badung_recommendation_of_the_kepala_pd_is_a_step(app, demo):
    """Badung Lamp. I §2 a.2)b): the Penilai assigns on the Kepala PD's recommendation."""
    p = await people(app, demo, "kabid_apt", "kabid_ikp", "kadis")
    await request_from(p["kabid_apt"], "Informasi dan Komunikasi", candidates=("Siti",))
    ap = await the_appointment(app)
    assert [(s["kind"], s["actor_id"]) for s in ap.steps] == [
        ("recommend", demo["kadis"].employee.id), ("release", demo["kabid_ikp"].employee.id)]
    await p["kadis"].presses(await last_step_button(app, "kadis", "no"))
    await p["kadis"].says("Bidang IKP sedang kekurangan tenaga bulan ini.")
    ap = await the_appointment(app)
    assert ap.status is AppointmentStatus.PENDING and ap.current == 1
    assert "kekurangan tenaga" in (await notices(app, "kabid_ikp"))[-1].payload["text"]
