"""The letter register: every kind of letter renders for every profile (Unicode names, long tembusan, the
embedded font), numbers follow the deployment's scheme and survive a restart, /surat sends the letters
addressed to me, and /cek tells anyone whether a letter is genuine and still stands."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest
from fpdf import FPDF

from domain.letters import Letter, Letterhead, LetterKind, LetterSettings, Numbering, Party, display_code
from domain.team import MemberRole, Team
from domain.team_decree import TeamDecree
from handlers.core.app import App, AppConfig
from handlers.core.types import SendDocument
from handlers.letters.buttons import LetterPick
from handlers.letters.documents import RenderContext, letter_document
from handlers.letters.register import LetterDraft, items, para, register_letter, replace_letter, revoke_letter, rows
from handlers.teams.buttons import PickKetua, PickMember
from handlers.teams.membership import add_member
from storage.engine import make_engine, session_factory
from storage.uow import UnitOfWorkFactory
from tests.handlers.chat import Person, alerts, button_data, buttons, texts
from tests.handlers.test_teams import form_team
from tests.handlers.test_voluntary_application import linked

PROFILES = ["nasional", "badung", "banten", "dharmasraya", "hulu-sungai-utara", "surakarta"]
CANDRA, DANG = "Ni Luh Putu Ayu Dewi Çandra", "Đặng Thị Hồng Nhung"
TEMBUSAN = tuple(f"Kepala Bidang {i} — Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Ğüßø"
                 for i in range(1, 16))
SETTINGS = LetterSettings(Letterhead("Pemerintah Kota Surakarta", "Jl. Jenderal Sudirman No. 2, Surakarta 57111"),
                          Numbering("{seq}/{kind_code}/{unit_code}/{year}"), "Surakarta")


def rc(app: App, uow) -> RenderContext:
    return RenderContext(uow, app.profile, SETTINGS, "SikerjaBot")


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Every piece of text a letter draws."""
    said: list[str] = []
    for name in ("cell", "multi_cell"):
        real = getattr(FPDF, name)

        def spy(self, w=None, h=None, text="", *args, _real=real, **kw):
            said.append(str(text))
            return _real(self, w, h, text, *args, **kw)
        monkeypatch.setattr(FPDF, name, spy)
    return said


async def _rename(app, demo, **names: str) -> None:
    async with app.uow() as uow:
        for key, name in names.items():
            (await uow.org.employee(demo[key].employee.id)).name = name
        await uow.commit()


async def _every_kind(app, demo) -> list[Letter]:
    """One letter of each kind, signed by the Kabid (renamed Đặng…) to Dewi (renamed Çandra)."""
    await _rename(app, demo, dewi=CANDRA, kabid_apt=DANG)
    kabid, dewi = demo["kabid_apt"].employee, demo["dewi"].employee
    now = app.clock()
    async with app.uow() as uow:
        team = Team(None, kabid.unit_id, "Tim Data Çandra", goal="Data terpadu tersedia.", created_by_id=kabid.id)
        uow.teams.add(team)
        await uow.flush()
        membership = await add_member(uow, team, dewi.id, MemberRole.ANGGOTA, kabid.id, now, profile=app.profile,
                                      numbering=SETTINGS.numbering)
        decree = TeamDecree(None, team.id, dewi.id, kabid.id, "unit_head", kabid.id, now)
        uow.decrees.add(decree)
        await uow.flush()
        signer = Party(DANG, "Kepala Bidang Aplikasi", kabid.nip, kabid.id)
        to = (Party(CANDRA, "Pranata Komputer", dewi.nip, dewi.id),)
        out = [await uow.letters.of_source("assignment", membership.assignment_id)]
        out.append(await register_letter(uow, LetterDraft(
            LetterKind.KEPUTUSAN_TIM, ("team_decree", decree.id), signer, to, "Pembentukan Tim Data Çandra",
            unit_id=kabid.unit_id, tembusan=TEMBUSAN), SETTINGS.numbering, app.profile.timezone, now))
        decree.issue(out[-1].number, now)
        for kind in (LetterKind.PERMOHONAN_PELIBATAN, LetterKind.JAWABAN):
            out.append(await register_letter(uow, LetterDraft(
                kind, ("pelibatan", 1), signer, to, f"Pelibatan {CANDRA}", unit_id=kabid.unit_id,
                tembusan=TEMBUSAN, body=(para(f"Dengan hormat, kami mohon pelibatan Sdri. {CANDRA}."),
                                         rows(("Maksud dan tujuan", "Integrasi data"), ("Jangka waktu", "3 bulan")),
                                         items("Sekretaris Daerah", DANG))),
                SETTINGS.numbering, app.profile.timezone, now))
        await uow.commit()
    return out


@pytest.mark.parametrize("profile_name", PROFILES)
async def test_every_letter_kind_renders_unicode_with_its_number_code_and_tembusan(app, demo, drawn, caplog):
    caplog.set_level(logging.WARNING)
    letters = await _every_kind(app, demo)
    assert [x.kind for x in letters] == list(LetterKind)
    async with app.uow() as uow:
        for letter in letters:
            drawn.clear()
            filename, pdf = await letter_document(rc(app, uow), letter)
            text = "\n".join(drawn)
            assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf and b"DejaVuSans" in pdf  # embedded TTF
            assert b"Helvetica" not in pdf
            assert filename.endswith(f"_{letter.number.replace('/', '-')}.pdf") and "/" not in filename
            assert CANDRA in text and DANG in text and f"Nomor: {letter.number}" in text
            assert "PEMERINTAH KOTA SURAKARTA" in text and "Jl. Jenderal Sudirman" in text
            assert "Surakarta, " in text and f"NIP {demo['kabid_apt'].employee.nip}" in text
            assert f"Kode verifikasi: {display_code(letter.code)}" in text
            if letter.kind is not LetterKind.PENUGASAN:
                assert all(f"{i}. {cc}" in text for i, cc in enumerate(TEMBUSAN, 1))
    assert not [r for r in caplog.records if "glyph" in r.getMessage().lower()]


async def test_numbers_run_per_year_and_survive_a_restart(app, demo, db_url):
    numbering = Numbering("{seq}/{kind_code}/{unit_code}/{year}")
    kabid = demo["kabid_apt"].employee
    signer = Party(kabid.name, kabid.jabatan_name, kabid.nip, kabid.id)

    async def issue(uow_factory, when: dt.datetime) -> str:
        async with uow_factory() as uow:
            letter = await register_letter(uow, LetterDraft(
                LetterKind.JAWABAN, ("pelibatan", 1), signer, (), "Jawaban", unit_id=kabid.unit_id,
                body=(para("Isi."),)), numbering, "Asia/Jakarta", when)
            await uow.commit()
            return letter.number

    async with app.uow() as uow:
        unit = await uow.org.unit(kabid.unit_id)
    dec = dt.datetime(2026, 12, 31, 10, 0, tzinfo=dt.UTC)
    assert await issue(app.uow, dec) == f"1/SJ/{unit.code}/2026"
    engine = make_engine(db_url)  # a new process: nothing but the database carries the sequence
    try:
        restarted = UnitOfWorkFactory(session_factory(engine))
        assert await issue(restarted, dec) == f"2/SJ/{unit.code}/2026"
        # 31 Dec 17:30 UTC is already 1 January in Jakarta: a new year, a new sequence
        assert await issue(restarted, dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)) == f"1/SJ/{unit.code}/2027"
    finally:
        await engine.dispose()


async def test_surat_lists_my_letters_and_sends_the_one_chosen(app, demo):
    letters = await _every_kind(app, demo)
    dewi = await linked(app, demo, "dewi", 1004)
    replies = await dewi.says("/surat")
    for letter in letters:
        assert button_data(replies, letter.number)
    (doc,) = [r for r in await dewi.presses(LetterPick(letters[2].id)) if isinstance(r, SendDocument)]
    assert doc.filename == f"Surat_Permohonan_Pelibatan_{letters[2].number.replace('/', '-')}.pdf"
    assert doc.caption == f"Surat permohonan pelibatan {letters[2].number}"
    siti = await linked(app, demo, "siti", 1005)
    assert alerts(await siti.presses(LetterPick(letters[2].id)))  # not hers
    kabid = await linked(app, demo, "kabid_apt", 2001)
    assert any(isinstance(r, SendDocument) for r in await kabid.presses(LetterPick(letters[2].id)))  # signed it


async def test_cek_says_who_issued_it_when_to_whom_and_whether_it_stands(app, demo):
    letters = await _every_kind(app, demo)
    letter = letters[3]
    dewi = await linked(app, demo, "dewi", 1004)
    stranger = Person(app, 777001, "Orang")
    (said,) = texts(await dewi.says(f"/cek {display_code(letter.code).lower()}"))
    assert "<b>Asli.</b>" in said and letter.number in said and "masih berlaku" in said
    assert f"{DANG}, Kepala Bidang Aplikasi (NIP {demo['kabid_apt'].employee.nip})" in said
    assert f"Kepada: {CANDRA}, Pranata Komputer (NIP {demo['dewi'].employee.nip})" in said
    assert "Jenis: Surat jawaban" in said
    (by_number,) = texts(await dewi.says(f"/cek {letter.number}"))
    assert by_number == said
    (public,) = texts(await stranger.says(f"/cek {letter.code}"))  # anyone, by code: no NIP
    assert "<b>Asli.</b>" in public and CANDRA in public and "NIP" not in public
    (refused,) = texts(await stranger.says(f"/cek {letter.number}"))  # numbers are guessable: employees only
    assert "Tidak ada surat dengan kode verifikasi ini" in refused
    (unknown,) = texts(await dewi.says("/cek ZZZZZ-ZZZZZ"))
    assert "Tidak ada surat dengan kode verifikasi atau nomor ini" in unknown
    assert "/cek KODE" in texts(await stranger.says("/cek"))[0]
    (scanned,) = texts(await stranger.says(f"/start cek_{letter.code}"))  # the QR code's link
    assert scanned == public

    async with app.uow() as uow:
        stored = await uow.letters.get(letter.id)
        await revoke_letter(uow, stored, "Permohonan dibatalkan oleh pemohon.", app.clock(), demo["kadis"].employee.id)
        older = await uow.letters.get(letters[2].id)
        await replace_letter(uow, older, stored, "Diperbaiki.", app.clock())
        await uow.commit()
        actions = [d.action for d in await uow.decisions.for_subject("letter", letter.id)]
    assert actions == ["revoked"]
    (revoked,) = texts(await stranger.says(f"/cek {letter.code}"))
    assert "<b>Dicabut.</b>" in revoked and "Alasan: Permohonan dibatalkan oleh pemohon." in revoked
    (replaced,) = texts(await dewi.says(f"/cek {letters[2].number}"))
    assert "<b>Diganti.</b>" in replaced and f"dengan surat {letter.number}" in replaced
    listed = [text for text, _ in buttons(await dewi.says("/surat"))]
    assert [x for x in listed if x.startswith("⛔ ")] == [f"⛔ {letter.number} · {letter.subject}",
                                                           f"⛔ {letters[2].number} · {letters[2].subject}"]


async def test_assignment_letters_and_decrees_are_registered_when_issued(app, demo):
    """Both through the chat: appointing the ketua and a member issues their surat penugasan and, as the team
    starts, its decree; each is in the register under the same number, addressed to the people concerned."""
    kabid = await linked(app, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo["budi"].employee.id))
    await kabid.presses(PickMember(team_id, demo["dewi"].employee.id))
    async with app.uow() as uow:
        for key in ("budi", "dewi"):
            (assignment,) = await uow.assignments.of_employee(demo[key].employee.id)
            letter = await uow.letters.of_source("assignment", assignment.id)
            assert letter is not None and letter.number == assignment.number and letter.stands
            assert [p.employee_id for p in letter.addressees] == [demo[key].employee.id]
            assert letter.issuer_id == demo["kabid_apt"].employee.id
        decree = await uow.decrees.latest(team_id)
        letter = await uow.letters.of_source("team_decree", decree.id)
        assert letter.number == decree.number == "KT-2026-00001" and letter.kind is LetterKind.KEPUTUSAN_TIM
        # addressed to the members when it was issued (the team starts with its ketua); later members read it
        # from /tim, where the decree lists the team as it stands
        assert [p.employee_id for p in letter.addressees] == [demo["budi"].employee.id]


def test_settings_build_the_letter_settings(monkeypatch):
    from bot.settings import Settings

    monkeypatch.setenv("SIKERJA_LETTERHEAD_NAME", "Pemerintah Kabupaten Badung")
    monkeypatch.setenv("SIKERJA_LETTER_NUMBER_TEMPLATE", "{seq}/{kind_code}/{unit_code}/{year}")
    monkeypatch.setenv("SIKERJA_LETTER_KIND_CODES", "penugasan=800.1.11.1")
    monkeypatch.setenv("SIKERJA_LETTER_PLACE", "Mangupura")
    letters = Settings(_env_file=None).letters()
    assert letters.letterhead.name == "Pemerintah Kabupaten Badung" and letters.place == "Mangupura"
    assert letters.numbering.number(LetterKind.PENUGASAN, 3, "BKPSDM", dt.date(2026, 5, 1)) == \
        "3/800.1.11.1/BKPSDM/2026"
    monkeypatch.setenv("SIKERJA_LETTER_NUMBER_TEMPLATE", "{kind_code}/{unit_code}")
    with pytest.raises(ValueError):
        Settings(_env_file=None)


def test_a_logo_is_drawn_in_the_kop(tmp_path):
    from PIL import Image

    from handlers.letters.pdf import letter, signed

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "red").save(logo)
    pdf = letter("t", "Dinas", "SURAT", "1/2026", head=Letterhead("Pemkot", "Jl. 1", str(logo)))
    assert b"/Subtype /Image" in signed(pdf, dt.date(2026, 1, 1), "Kepala", "Nama", "1")
    assert dataclasses.replace(SETTINGS.letterhead, logo_path=None).logo_path is None


async def test_the_deployments_scheme_numbers_the_letters_issued_in_the_chat(app, demo):
    configured = dataclasses.replace(app, config=AppConfig(letters=SETTINGS))
    kabid = await linked(configured, demo, "kabid_apt", 2001)
    team_id = await form_team(kabid)
    await kabid.presses(PickKetua(team_id, demo["budi"].employee.id))
    await kabid.presses(PickMember(team_id, demo["dewi"].employee.id))
    async with app.uow() as uow:
        code = (await uow.org.unit(demo["kabid_apt"].employee.unit_id)).code
        numbers = [x.number for x in await uow.letters.recent()]
    assert numbers == [f"2/ST/{code}/2026", f"1/KT/{code}/2026", f"1/ST/{code}/2026"]
    dewi = await linked(configured, demo, "dewi", 1004)
    (doc,) = [r for r in await dewi.says("/surat") if isinstance(r, SendDocument)]
    assert doc.filename == f"Surat_Penugasan_2-ST-{code}-2026.pdf"


async def test_a_button_of_an_earlier_surat_list_still_sends_the_letter(app, demo):
    from handlers.applications.buttons import AssignmentLetter

    letters = await _every_kind(app, demo)
    async with app.uow() as uow:
        assignment_id = (await uow.letters.get(letters[0].id)).source_id
    dewi = await linked(app, demo, "dewi", 1004)
    (doc,) = [r for r in await dewi.presses(AssignmentLetter(assignment_id)) if isinstance(r, SendDocument)]
    assert doc.filename == f"Surat_Penugasan_{letters[0].number.replace('/', '-')}.pdf"
    siti = await linked(app, demo, "siti", 1005)
    assert alerts(await siti.presses(AssignmentLetter(assignment_id)))
