"""Penunjukan through the application layer, on a real database, for every profile: /tunjuk
within a unit (§2.1), /pelibatan across units (§2.2, rule 5), across agencies (§2.3) and to
another institution with its reply recorded (§2.4); wrong people and double presses refused."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.appointment import AppointmentStatus
from domain.letters import LetterKind
from domain.org import Education, Employee, Golongan, JabatanKind, Unit, UnitKind
from domain.profiles import Scope
from handlers.appointments.buttons import AcceptAppointment, AppointForm, AppointmentLetter, AppointStep, ReplyOutcome
from handlers.appointments.reminders import pending_appointments
from handlers.core.types import SendDocument
from handlers.org.link_codes import issue_code
from tests.handlers.chat import Person, alerts, buttons_of, letter_from_surat, texts

PROFILES = ["nasional", "dharmasraya", "badung", "banten", "hulu-sungai-utara", "surakarta"]
REASON = "Staf kami sedang menyiapkan laporan akhir tahun."
FIELDS = ("Mengamankan aplikasi layanan publik", "Keamanan jaringan dan server",
          "Hasil uji penetrasi selesai", "3 bulan, Januari s.d. Maret 2027")
UNICODE = "Ni Luh Putu Ayu Dewi Çandra"


class Office:
    """Every demo employee linked, plus a second Dinas (Kadis Dua, staff Rudi) for requests across PDs."""

    def __init__(self, app, demo):
        self.app, self.demo, self.by_id = app, demo, {}

    async def open(self) -> Office:
        async with self.app.uow() as uow:
            dinas = Unit(None, "DPM", "Dinas Penanaman Modal", UnitKind.DINAS)  # type: ignore[arg-type]
            uow.org.add(dinas)
            await uow.flush()
            people = {}
            for key, name, rater in (("kadis2", "Kadis Dua", None), ("rudi", UNICODE, "kadis2")):
                emp = Employee(None, "199003212015031099" if key == "rudi" else "197003212000031099",  # type: ignore[arg-type]
                               name, "Analis" if rater else "Kepala Dinas", JabatanKind.FUNGSIONAL if rater
                               else JabatanKind.JPT_PRATAMA, dinas.id, golongan=Golongan.parse("III/b"),
                               education=Education("S1"), rater_id=people[rater].id if rater else None)
                uow.org.add(emp)
                await uow.flush()
                people[key] = emp
            dinas.head_id = people["kadis2"].id
            codes = {k: (await issue_code(uow, e.id, self.app.clock(), 72)).code for k, e in people.items()}
            await uow.commit()
        keys = {k: (p.employee.id, p.code) for k, p in self.demo.items()}
        keys.update({k: (people[k].id, codes[k]) for k in people})
        self.ids = {k: i for k, (i, _) in keys.items()}
        for n, (key, (emp_id, code)) in enumerate(sorted(keys.items())):
            person = Person(self.app, 4000 + n, key)
            assert "NIP" in texts(await person.says(f"/start {code}"))[0]
            self.by_id[emp_id] = person
            setattr(self, key.replace("-", "_"), person)
        return self

    def of(self, key: str) -> Person:
        return self.by_id[self.ids[key]]

    async def notices_all(self) -> list:
        async with self.app.uow() as uow:
            return list(await uow.outbox.all())

    async def notices(self, key: str) -> list:
        async with self.app.uow() as uow:
            return [m for m in await uow.outbox.all() if m.chat_id == self.of(key).id]


@pytest.fixture
async def office(app, demo) -> Office:
    return await Office(app, demo).open()


def _label(replies, data) -> str:
    raw = data.pack()
    return next(b.text for r in replies if getattr(r, "keyboard", None) for row in r.keyboard for b in row
                if b.data == raw)


def _pick(replies, kind, action, text=""):
    return next(b for b in buttons_of(replies, kind) if b.action == action and text in _label(replies, b))


async def latest(app, number=None):
    async with app.uow() as uow:
        found = await uow.appointments.get(number) if number else None
        if found is None:
            rows = await uow.appointments.open() or []
            found = rows[-1] if rows else await uow.appointments.get(1)
        return found


async def ask(head: Person, unit_text: str, candidates=(), team_text="Keamanan") -> list:
    """A /pelibatan to `unit_text` for the team, with the four fields (rule 5)."""
    replies = await head.says("/pelibatan")
    replies = await head.presses(_pick(replies, AppointForm, "unit", unit_text))
    replies = await head.presses(_pick(replies, AppointForm, "team", team_text))
    for answer in FIELDS:
        replies = await head.says(answer)
    for name in candidates:
        replies = await head.presses(_pick(replies, AppointForm, "who", name))
    replies = await head.presses(AppointForm("done"))
    assert "Kirim permohonan ini?" in texts(replies)[-1]
    return await head.presses(AppointForm("send"))


async def drive(office: Office, refuse: bool = False) -> None:
    """Every step pressed by the official it waits for, until it ends or waits for acceptance."""
    for _ in range(8):
        ap = await latest(office.app)
        if ap.status is not AppointmentStatus.PENDING:
            return
        step, actor = ap.step, office.by_id[ap.waiting_on]
        if step["kind"] == "release" and refuse:
            await actor.presses(AppointStep("no", ap.id, ap.current))
            await actor.says(REASON)
        elif step["kind"] == "release":
            replies = await actor.presses(AppointStep("page", ap.id, ap.current, 0))
            if not ap.candidate_ids:
                replies = await actor.presses(buttons_of(replies, AppointStep)[0])
            await actor.presses(AppointStep("done", ap.id, ap.current))
        elif step["kind"] == "reply":
            await actor.presses(AppointStep("reply", ap.id, ap.current))
            await actor.sends_file("balasan.pdf", file_id="SCAN1")
            if refuse:
                await actor.presses(ReplyOutcome("no", ap.id))
                await actor.says(REASON)
            else:
                await actor.presses(ReplyOutcome("yes", ap.id))
                await actor.says(f"{UNICODE}\nI Made Sudarma")
        else:
            await actor.presses(AppointStep("yes", ap.id, ap.current))


async def accept_all(office: Office) -> None:
    ap = await latest(office.app)
    for person_id in ap.released_ids:
        await office.by_id[person_id].presses(AcceptAppointment(ap.id))


def requester_and_target(profile_name):
    # Banten Ps 1(16): a whole PD is the unit, so the Bidang of one Dinas are one unit; ask another PD
    return ("kadis", "Penanaman Modal", "Ni Luh") if profile_name == "banten" else (
        "kabid_apt", "Informasi dan Komunikasi", "Siti")


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_cross_unit_released_accepted_and_the_person_joins_the_team(app, office, profile_name):
    head, unit, candidate = requester_and_target(profile_name)
    replies = await ask(office.of(head), unit, candidates=(candidate,))
    assert "PP-2026-00001" in texts(replies)[-1]
    ap = await latest(app)
    assert ap.scope in (Scope.CROSS_UNIT, Scope.CROSS_AGENCY)
    await drive(office)
    ap = await latest(app, ap.id)
    assert ap.status is AppointmentStatus.ACCEPTING and len(ap.released_ids) == 1
    (letter,) = [m.payload["text"] for m in await office.notices("rudi" if profile_name == "banten" else "siti")
                 if "Silakan terima" in m.payload["text"]]
    # HSU Ps 13(c), Surakarta Lamp. IV 3.1.2.2 c: the staff member drafts their own letter
    assert ("atas nama Anda" in letter) is (profile_name in ("hulu-sungai-utara", "surakarta"))
    await accept_all(office)
    ap = await latest(app, ap.id)
    assert ap.status is AppointmentStatus.DONE
    async with app.uow() as uow:
        assert await uow.teams.membership(ap.team_id, ap.released_ids[0]) is not None
        (assignment,) = await uow.assignments.of_employee(ap.released_ids[0])
        trail = [d.action for d in await uow.decisions.for_subject("appointment", ap.id)]
    assert assignment.tugas_tambahan is (profile_name == "hulu-sungai-utara")  # rule 49: HSU Ps 19(2)
    assert trail[0] == "submitted" and trail[-2:] == ["letters_issued", "accepted"]
    cards = [m for m in await office.notices_all() if (m.card or "").startswith(f"apt:{ap.id}:")]
    assert len(cards) == len(ap.steps) + 1  # each step's card and the surat penugasan to accept: all settled
    assert all(not m.payload["keyboard"] and "Diputuskan oleh" in m.payload["text"] for m in cards)
    told = [m.payload["text"] for m in await office.notices(head)]
    assert any("dipenuhi" in t for t in told)
    letters = await office.of(head).presses(AppointmentLetter("req", ap.id))
    assert any(isinstance(r, SendDocument) and r.content.startswith(b"%PDF") and ap.number in (r.caption or "")
               for r in letters)
    async with app.uow() as uow:  # the request and each surat penugasan are in the letter register
        request = await uow.letters.of_source("appointment", ap.id)
        penugasan = await uow.letters.of_source("assignment", assignment.id)
    assert request.kind is LetterKind.PERMOHONAN_PELIBATAN and request.number == ap.number
    assert request.issuer_id == office.ids[head] and penugasan.number == assignment.number
    assert (await letter_from_surat(office.of(head), ap.number.replace("/", "-"))).content.startswith(b"%PDF")
    assert any(ap.number in t for t in texts(await office.of("budi").says(f"/cek {request.code}")))


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_cross_unit_refused_with_a_written_reason(app, office, profile_name):
    head, unit, _ = requester_and_target(profile_name)
    await ask(office.of(head), unit)
    await drive(office, refuse=True)
    ap = await latest(app)
    assert ap.status is AppointmentStatus.REFUSED and ap.refusal_reason == REASON
    (told,) = [m for m in await office.notices(head) if "ditolak" in m.payload["text"]]
    assert REASON in told.payload["text"]
    letter_buttons = [b for row in told.payload.get("keyboard") or [] for b in row]
    assert bool(letter_buttons) is (profile_name != "badung")  # Badung Lamp. I §2 a.2)c): form not specified
    if letter_buttons:
        replies = await office.of(head).presses(AppointmentLetter.unpack(letter_buttons[0]["data"]))
        async with app.uow() as uow:
            (answer,) = [x for x in await uow.letters.addressed_to(office.ids[head]) if x.kind is LetterKind.JAWABAN]
        assert any(isinstance(r, SendDocument) and r.filename.startswith("Surat_Jawaban")
                   and answer.number in (r.caption or "") for r in replies)


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_individual_appointment_within_the_unit(app, office, profile_name):
    starter = office.of("kabid_apt")
    replies = await starter.says("/tunjuk")
    await starter.presses(_pick(replies, AppointForm, "who", "Budi"))
    await starter.says("Menyusun dokumen arsitektur SPBE")
    for answer in ("Dokumen arsitektur SPBE tersusun", "Draf lengkap disetujui", "2 bulan"):
        await starter.says(answer)
    await starter.presses(AppointForm("send"))
    ap = await latest(app)
    assert ap.scope is Scope.WITHIN_UNIT
    # Banten Lamp. B.2 a.1): the Kabid (the Penilai) proposes, the Kepala Dinas (Pimpinan UO) appoints
    assert [s["actor_id"] for s in ap.steps] == ([office.ids["kadis"]] if profile_name == "banten" else [])
    await drive(office)
    assert "Hanya" in alerts(await office.of("dewi").presses(AcceptAppointment(ap.id)))[0]
    await accept_all(office)
    assert "sudah menerima" in alerts(await office.of("budi").presses(AcceptAppointment(ap.id)))[0]
    assert (await latest(app, ap.id)).status is AppointmentStatus.DONE
    async with app.uow() as uow:
        (assignment,) = await uow.assignments.of_employee(office.ids["budi"])
    assert assignment.description == "Menyusun dokumen arsitektur SPBE" and assignment.mode.value == "penunjukan"


@pytest.mark.parametrize("profile_name", [p for p in PROFILES if p != "badung"])
async def test_cross_institution_request_with_the_reply_recorded(app, office, profile_name):
    head = office.of("kadis" if profile_name == "banten" else "kabid_apt")
    await head.says("/pelibatan")
    await head.presses(AppointForm("inst"))
    await head.says("Universitas Udayana")
    await head.says("Kajian keamanan siber")
    for answer in FIELDS:
        await head.says(answer)
    await head.presses(AppointForm("send"))
    ap = await latest(app)
    assert ap.scope is Scope.CROSS_INSTITUTION and ap.steps[-1]["kind"] == "reply"
    sender = office.by_id[ap.steps[-1]["actor_id"]]
    await drive(office)
    out = await sender.presses(AppointmentLetter("out", ap.id))
    async with app.uow() as uow:  # issued once approved, signed by whoever sends it, in the register
        letter = await uow.letters.of_source("appointment", ap.id)
    assert letter.kind is LetterKind.PERMOHONAN_PELIBATAN and letter.issuer_id == ap.steps[-1]["actor_id"]
    assert any(isinstance(r, SendDocument) and letter.number in (r.caption or "") for r in out)
    ap = await latest(app, ap.id)
    assert ap.status is AppointmentStatus.DONE and ap.reply_file_id == "SCAN1"
    assert ap.external_names == [UNICODE, "I Made Sudarma"]


@pytest.mark.parametrize("profile_name", ["badung"])
async def test_badung_kepala_pd_recommends_then_the_penilai_decides(app, office):
    """Badung Lamp. I §2 a.2)b): a negative recommendation is read by the deciding Penilai."""
    await ask(office.of("kabid_apt"), "Informasi dan Komunikasi", candidates=("Siti",))
    ap = await latest(app)
    assert [(s["kind"], s["actor_id"]) for s in ap.steps] == [
        ("recommend", office.ids["kadis"]), ("release", office.ids["kabid_ikp"])]
    await office.of("kadis").presses(AppointStep("no", ap.id, 0))
    await office.of("kadis").says("Bidang IKP sedang kekurangan tenaga bulan ini.")
    ap = await latest(app, ap.id)
    assert ap.status is AppointmentStatus.PENDING and ap.current == 1
    assert "kekurangan tenaga" in (await office.notices("kabid_ikp"))[-1].payload["text"]


@pytest.mark.parametrize("profile_name", ["badung"])
async def test_badung_across_agencies(app, office):
    """Badung Lamp. I §2 a.3): the owning PD head sends, the target PD head approves and instructs the
    Penilai, who lists the staff with the PD head's recommendation; the requesting PD head issues. Here
    the Kepala Dinas Dua rates Rudi himself, so his approval, release and recommendation are one step."""
    await ask(office.of("kabid_apt"), "Penanaman Modal")
    ap = await latest(app)
    assert ap.scope is Scope.CROSS_AGENCY
    assert [(s["kind"], s["actor_id"]) for s in ap.steps] == [
        ("approve", office.ids["kadis"]), ("release", office.ids["kadis2"]), ("issue", office.ids["kadis"])]
    await drive(office)
    ap = await latest(app, ap.id)
    assert ap.status is AppointmentStatus.ACCEPTING and ap.released_ids == [office.ids["rudi"]]


async def test_wrong_people_and_double_presses_change_nothing(app, office):
    await ask(office.of("kabid_apt"), "Informasi dan Komunikasi", candidates=("Siti",))
    ap = await latest(app)
    for intruder in ("siti", "kabid_apt", "kadis"):
        for data in (AppointStep("page", ap.id, 0, 0), AppointStep("no", ap.id, 0), AppointStep("done", ap.id, 0)):
            assert "Hanya pejabat" in alerts(await office.of(intruder).presses(data))[0]
    decider = office.of("kabid_ikp")
    await decider.presses(AppointStep("page", ap.id, 0, 0))
    await decider.presses(AppointStep("done", ap.id, 0))
    assert "Sudah diproses" in alerts(await decider.presses(AppointStep("done", ap.id, 0)))[0]
    assert "Sudah diproses" in alerts(await decider.presses(AppointStep("no", ap.id, 0)))[0]
    async with app.uow() as uow:
        assert len(await uow.assignments.of_employee(office.ids["siti"])) == 1


async def test_persetujuan_lists_the_step_and_the_acceptance_and_reminders_follow(app, office, clock):
    await ask(office.of("kabid_apt"), "Informasi dan Komunikasi", candidates=("Siti",))
    shown = texts(await office.of("kabid_ikp").says("/persetujuan"))
    assert any("PP-2026-00001" in t for t in shown)
    async with app.uow() as uow:
        (waiting,) = await pending_appointments(uow, app.profile, clock())
    assert waiting.person_id == office.ids["kabid_ikp"] and waiting.escalate_to == office.ids["kadis"]
    ap = await latest(app)
    await office.of("kabid_ikp").presses(AppointStep("page", ap.id, 0, 0))
    await office.of("kabid_ikp").presses(AppointStep("done", ap.id, 0))
    assert any("Terima" in b.text for r in await office.of("siti").says("/persetujuan")
               for row in (getattr(r, "keyboard", None) or ()) for b in row)
    async with app.uow() as uow:
        (waiting,) = await pending_appointments(uow, app.profile, clock() + dt.timedelta(days=1))
    assert waiting.person_id == office.ids["siti"] and waiting.period_key == "appointment-accept"


async def test_a_missing_field_is_refused_where_the_region_requires_it(app, office):
    """Rule 5 (PermenPANRB, as Banten Lamp. B.2 a): "-" is not an answer to a mandatory field."""
    head = office.of("kabid_apt")
    replies = await head.says("/pelibatan")
    replies = await head.presses(_pick(replies, AppointForm, "unit", "Informasi"))
    await head.presses(_pick(replies, AppointForm, "team", "Keamanan"))
    (reply,) = texts(await head.says("-"))
    assert "wajib" in reply


@pytest.mark.parametrize("profile_name", ["dharmasraya"])
async def test_dharmasraya_only_recommends_the_four_fields(app, office):
    """Dharmasraya: NS; product decision 12: a gap is a warning on the summary, not a refusal."""
    head = office.of("kabid_apt")
    replies = await head.says("/pelibatan")
    replies = await head.presses(_pick(replies, AppointForm, "unit", "Informasi"))
    await head.presses(_pick(replies, AppointForm, "team", "Keamanan"))
    for answer in ("-", "-", "Hasil uji penetrasi selesai", "3 bulan"):
        replies = await head.says(answer)
    replies = await head.presses(AppointForm("done"))
    assert "⚠" in texts(replies)[-1]
    await head.presses(AppointForm("send"))
    assert (await latest(app)).purpose == ""
