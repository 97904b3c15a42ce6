"""Penunjukan over Telegram, each profile once and each runtime in turn: a request across units granted
and one refused with its reason, an individual appointment, a request to another institution
with the reply recorded; wrong people, double presses and a restart mid-flow (§2.1-§2.5)."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot import harness
from domain.appointment import Appointment, AppointmentStatus
from domain.org import Employee, Golongan, JabatanKind, Unit, UnitKind
from handlers.demo_data.seed_demo import SeededPerson
from handlers.org.link_codes import issue_code

FIELDS = ("Mengamankan aplikasi layanan publik", "Keamanan jaringan dan server",
          "Hasil uji penetrasi selesai", "3 bulan, Januari s.d. Maret 2027")
REASON = "Staf kami sedang menyiapkan laporan akhir tahun."
UNICODE = "Ni Luh Putu Ayu Dewi Çandra"
STEP_BUTTON = {"approve": "Setujui", "recommend": "Rekomendasikan", "issue": "Terbitkan surat penugasan"}


async def _appointment(h, number: int | None = None):
    """The given appointment, or the latest one."""
    async with h.runtime.app.uow() as uow:
        if number is None:
            return (await uow.session.scalars(select(Appointment).order_by(Appointment.id.desc()))).first()
        return await uow.appointments.get(number)


def _key(h, employee_id: int) -> str:
    return next(k for k, p in h.people.items() if p.employee.id == employee_id)


async def _ask(h, head: str, unit: str, candidate: str | None = None, number: str = "PP-2026-00001"):
    first = await h.say(head, "/pelibatan", expect="Kepada unit mana")
    teams = await h.press(head, first, unit, expect="tim atau pekerjaan apa")
    last = await h.press(head, teams, "Keamanan", expect="Maksud dan tujuan")
    for answer, expect in zip(FIELDS, ("Kompetensi", "Target", "jangka waktu", "pegawai yang diharapkan"),
                              strict=True):
        last = await h.say(head, answer, expect=expect)
    if candidate:
        last = await h.press(head, last, candidate, expect="pegawai yang diharapkan")
    summary = await h.press(head, last, "Selesai", expect="Kirim permohonan ini?")
    return await h.press(head, summary, "Kirim", expect=number)


async def _steps(h, refuse: bool = False) -> None:
    """Each step's official presses its button in the notice they received."""
    for _ in range(6):
        ap = await _appointment(h)
        if ap.status is not AppointmentStatus.PENDING:
            return
        key, kind = _key(h, ap.waiting_on), ap.step["kind"]
        notice = await h.notice(key, f"Penunjukan {ap.number}")
        if kind == "release" and refuse:
            await h.press(key, notice, "Tolak", expect="alasan")
            await h.say(key, REASON, expect="ditolak")
        elif kind == "release":
            picker = await h.press(key, notice, "Pilih pegawai", expect="pilih pegawai yang Anda tugaskan")
            if not ap.candidate_ids:
                first = next(t for t, _ in h.fake.buttons(picker) if t not in ("◀", "▶"))
                picker = await h.press(key, picker, first, expect="(1 dipilih)")
            await h.press(key, picker, "Tugaskan yang dipilih", expect="menunggu penerimaan")
        else:
            mark = h.fake.mark()
            h.fake.press(h.tid(key), notice, h.fake.button_data(notice, STEP_BUTTON[kind]))
            await h.fake.wait_message(h.tid(key), "Penunjukan", h.timeout, since=mark)
        await _wait_moved(h, ap.current)


async def _wait_moved(h, current: int) -> None:
    for _ in range(50):
        ap = await _appointment(h)
        if ap.status is not AppointmentStatus.PENDING or ap.current != current:
            return
        await asyncio.sleep(0.05)


async def _second_agency(h, monkeypatch) -> None:
    """A second Dinas (Kepala Dinas Dua; Rudi, whom he rates), linked: Banten's units are whole PDs
    (Ps 1(16)), so a request across units there goes to another PD."""
    async with h.runtime.app.uow() as uow:
        dinas = Unit(None, "DPM", "Dinas Penanaman Modal", UnitKind.DINAS)  # type: ignore[arg-type]
        uow.org.add(dinas)
        await uow.flush()
        kadis2 = Employee(None, "197003212000031099", "Kadis Dua", "Kepala Dinas",  # type: ignore[arg-type]
                          JabatanKind.JPT_PRATAMA, dinas.id)
        uow.org.add(kadis2)
        await uow.flush()
        rudi = Employee(None, "199003212015031099", UNICODE, "Analis Kebijakan",  # type: ignore[arg-type]
                        JabatanKind.FUNGSIONAL, dinas.id, golongan=Golongan.parse("III/b"), rater_id=kadis2.id)
        uow.org.add(rudi)
        await uow.flush()
        dinas.head_id = kadis2.id
        seeded = [SeededPerson(k, e, (await issue_code(uow, e.id, h.runtime.app.clock(), 72)).code)
                  for k, e in (("kadis2", kadis2), ("rudi", rudi))]
        await uow.commit()
    for n, person in enumerate(seeded):
        monkeypatch.setitem(harness.TELEGRAM_IDS, person.key, 8101 + n)
        h.fake.user(8101 + n, person.employee.name)
        h.people[person.key] = person
    await h.link("kadis2", "rudi")


# Every profile's rules are covered by tests/handlers/test_appointments.py; over Telegram each profile
# runs one scenario, the runtimes taking turns.
@pytest.mark.parametrize(("runtime_name", "harness_profile"),
                         [("aiogram", "nasional"), ("ptb", "banten"), ("aiogram", "badung"),
                          ("ptb", "hulu-sungai-utara")])
async def test_across_units_one_granted_and_accepted_one_refused_with_its_reason(h, monkeypatch):
    head, unit, candidate, staff = ("kabid_apt", "Informasi dan Komunikasi", "Siti", "siti")
    if h.profile == "banten":
        head, unit, candidate, staff = ("kadis", "Penanaman Modal", "Ni Luh", "rudi")
        await _second_agency(h, monkeypatch)
    await h.link("kabid_apt", "kabid_ikp", "kadis", "siti")
    await _ask(h, head, unit, candidate)
    await _steps(h)
    letter = await h.notice(staff, "Silakan terima")
    await h.press(staff, letter, "Terima", expect="menerima penugasan")
    await h.notice(head, "telah menerima surat penugasan")
    assert (await _appointment(h, 1)).status is AppointmentStatus.DONE
    await _ask(h, head, unit, number="PP-2026-00002")
    await _steps(h, refuse=True)
    told = await h.notice(head, "ditolak")
    assert REASON in told.text
    assert (await _appointment(h, 2)).refusal_reason == REASON


@pytest.mark.parametrize(("runtime_name", "harness_profile"), [("ptb", "dharmasraya")])
async def test_individual_appointment_and_acceptance(h):
    await h.link("kabid_apt", "kadis", "budi")
    first = await h.say("kabid_apt", "/tunjuk", expect="Siapa yang Anda tunjuk")
    await h.press("kabid_apt", first, "Budi", expect="tim atau pekerjaan apa")
    for answer, expect in (("Menyusun dokumen arsitektur SPBE", "tujuan"), ("Dokumen tersusun", "Target"),
                           ("Draf lengkap disetujui", "jangka waktu"), ("2 bulan", "Kirim permohonan ini?")):
        summary = await h.say("kabid_apt", answer, expect=expect)
    await h.press("kabid_apt", summary, "Kirim", expect="PN-2026-00001")
    await _steps(h)  # Banten Lamp. B.2 a.1): the Kepala Dinas appoints on the Kabid's proposal
    letter = await h.notice("budi", "Silakan terima")
    await h.press("budi", letter, "Terima", expect="menerima penugasan")
    assert (await _appointment(h)).status is AppointmentStatus.DONE


@pytest.mark.parametrize(("runtime_name", "harness_profile"), [("aiogram", "surakarta")])
async def test_another_institution_with_the_reply_recorded(h):
    head = "kadis" if h.profile == "banten" else "kabid_apt"  # Banten Ps 1(16): the PD is the unit
    await h.link("kabid_apt", "kadis")
    first = await h.say(head, "/pelibatan", expect="Kepada unit mana")
    await h.press(head, first, "Instansi lain", expect="nama instansi")
    await h.say(head, "Universitas Udayana", expect="tim atau pekerjaan apa")
    last = await h.say(head, "Kajian keamanan siber", expect="Maksud dan tujuan")
    for answer in FIELDS:
        last = await h.say(head, answer)
    await h.press(head, last, "Kirim", expect="PN-2026-00001")
    ap = await _appointment(h)
    if ap.step["kind"] == "approve":  # the own Pejabat yang Berwenang (no Sekda in the demo: the Kepala Dinas)
        notice = await h.notice(_key(h, ap.waiting_on), "PN-2026-00001")
        h.fake.press(h.tid(_key(h, ap.waiting_on)), notice, h.fake.button_data(notice, "Setujui"))
        await _wait_moved(h, 0)
        ap = await _appointment(h)
    sender = _key(h, ap.waiting_on)
    notice = await h.notice(sender, "Kirimkan surat terlampir")
    mark = h.fake.mark()
    h.fake.press(h.tid(sender), notice, h.fake.button_data(notice, "Surat untuk dikirim"))
    pdf = await h.fake.wait_for(lambda m: m.chat_id == h.tid(sender) and (m.file_name or "").endswith(".pdf"),
                                h.timeout, since=mark)
    assert pdf.file_bytes.startswith(b"%PDF")
    await h.press(sender, notice, "Catat balasan", expect="pindaian surat balasan")
    mark = h.fake.mark()
    h.fake.send_document(h.tid(sender), "balasan.pdf", b"%PDF-1.4 balasan", "application/pdf")
    outcome = await h.fake.wait_message(h.tid(sender), "Apa isi balasannya?", h.timeout, since=mark)
    await h.press(sender, outcome, "Menugaskan pegawai", expect="satu nama per baris")
    await h.say(sender, UNICODE, expect="selesai")
    ap = await _appointment(h)
    assert ap.status is AppointmentStatus.DONE and ap.external_names == [UNICODE]


@pytest.mark.parametrize("runtime_name", ["ptb"])
async def test_wrong_person_double_press_and_restart_mid_flow(h):
    await h.link("kabid_apt", "kabid_ikp", "siti", "dewi")
    await _ask(h, "kabid_apt", "Informasi dan Komunikasi", "Siti")
    notice = await h.notice("kabid_ikp", "PP-2026-00001")
    choose = h.fake.button_data(notice, "Pilih pegawai")
    alert = await h.press_expect_alert("dewi", h.fake.last_message(h.tid("dewi")), choose)
    assert "Hanya pejabat" in alert
    await h.restart_bot()  # nothing lives in memory: the step waits in the database
    picker = await h.press("kabid_ikp", notice, "Pilih pegawai", expect="pilih pegawai yang Anda tugaskan")
    done = h.fake.button_data(picker, "Tugaskan yang dipilih")
    first = h.fake.press_raw(h.tid("kabid_ikp"), picker.message_id, picker.chat_id, done)
    second = h.fake.press_raw(h.tid("kabid_ikp"), picker.message_id, picker.chat_id, done)
    await h.fake.wait_callback_answer(first)
    answer = await h.fake.wait_callback_answer(second)
    assert "Sudah diproses" in (answer.text or "")
    async with h.runtime.app.uow() as uow:
        assert len(await uow.assignments.of_employee(h.people["siti"].employee.id)) == 1
