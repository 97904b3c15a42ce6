"""`python -m bot demo`: the voluntary-application scenario, within a unit and across units
(§2.7: the target unit head, then the home Penilai; a kendala escalated to the home head), and a
penunjukan across units (§2.2), played by the demo Pemda's people against the fake Telegram server
through the real runtime. Prints the
conversation and exits 0 only if every step behaved."""
from __future__ import annotations

import sys

from bot.harness import Harness
from bot.settings import Settings

MOTIVATION_BUDI = "Saya memegang sertifikat keamanan jaringan & terbiasa menangani insiden <b>siber</b>."
MOTIVATION_DEWI = "Saya pernah menyusun dasbor data sektoral untuk tiga OPD selama dua tahun."
MOTIVATION_SITI = "Saya terbiasa mengelola kanal informasi publik dan ingin mendukung keamanan informasi."
PELIBATAN = ("Mengamankan aplikasi layanan publik", "Keamanan jaringan dan server", "Hasil uji penetrasi selesai",
             "3 bulan, Januari s.d. Maret 2027")
REASON = "Tim sudah lengkap untuk triwulan IV; silakan ajukan lagi pada triwulan berikutnya."


async def play(h: Harness, log=print, penunjukan: bool = True) -> list[str]:
    """Run the scenario; returns the failed steps (empty when everything behaved). `penunjukan`: play
    the penunjukan across units at the end too."""
    failures: list[str] = []

    async def step(title: str, coro):
        try:
            result = await coro
            log(f"  ✔ {title}")
            return result
        except Exception as exc:  # a demo reports every failed step, not just the first
            failures.append(f"{title}: {type(exc).__name__}: {exc}")
            log(f"  ✘ {title}: {exc}")
            return None

    await step("The bot sets its \"/\" command menus (per language and scope) and its description",
               _menus_set(h, log))
    await step("Budi, Dewi and the Kabid link their accounts with /start CODE", h.link("budi", "dewi", "kabid_apt"))
    await step("The Kabid's own menu adds what a unit head decides", _own_menu(h, "kabid_apt", "persetujuan", log))
    await step("Budi applies to join the security team", _apply(h, "budi", "Keamanan", MOTIVATION_BUDI))
    notice = await step("The Kabid (unit head) is asked to decide",
                        h.notice("kabid_apt", "Budi Santoso"))
    if notice is not None:
        await step("The Kabid approves; an assignment number is issued",
                   h.press("kabid_apt", notice, "Setujui", expect="ST-"))
        await step("Budi is told: approved, with the assignment number", h.notice("budi", "disetujui"))
    await step("Dewi applies, typing the work in her own words",
               _apply(h, "dewi", None, MOTIVATION_DEWI, own_words="Tim Data & Statistik <Sektoral>"))
    notice = await step("The Kabid is asked to decide Dewi's application", h.notice("kabid_apt", "Dewi Lestari"))
    if notice is not None:
        ask = await step("The Kabid presses Tolak and is asked for a reason",
                         h.press("kabid_apt", notice, "Tolak", expect="alasan"))
        if ask is not None:
            await step("A too-short reason is refused", h.say("kabid_apt", "penuh", expect="Terlalu singkat"))
            await step("A real reason is accepted", h.say("kabid_apt", REASON, expect="ditolak"))
            await step("Dewi is told: rejected, with the reason", h.notice("dewi", "triwulan IV"))
            await step("The Kabid's card now shows the outcome, without buttons", _settled(h, notice))
    await step("Budi checks /status", h.say("budi", "/status", expect="Pengajuan Anda"))
    await _cross_unit(h, step)
    await step("Twelve more applications wait for the Kabid", _many_waiting(h, 12))
    first = await step("The Kabid opens /persetujuan: one message, page 1 of 3",
                       h.say("kabid_apt", "/persetujuan", expect="Halaman 1 dari 3"))
    if first is not None:
        await step("▶ turns the page in place (the same message is edited)", _turned(h, first))
    if penunjukan:
        await _pelibatan(h, step)
    return failures


async def _many_waiting(h: Harness, count: int) -> None:
    """Stored directly, as if `count` colleagues had applied: the point here is the long list."""
    from domain.application import Application, ApplicationStatus

    kabid = h.people["kabid_apt"].employee
    assert h.runtime is not None, "the harness is started"
    app = h.runtime.app
    async with app.uow() as uow:
        unit = (await uow.org.units_headed_by(kabid.id))[0]
        now = app.clock()
        for i in range(count):
            uow.applications.add(Application(
                None, h.people["dewi"].employee.id, unit.id, f"Tim Sub Kegiatan Nomor {i + 1:02d}",
                "Saya memiliki kompetensi yang relevan untuk tim ini.", number=f"PS-2026-{100 + i:05d}",
                status=ApplicationStatus.SUBMITTED, decider_id=kabid.id, created_at=now, submitted_at=now))
        await uow.commit()


async def _turned(h: Harness, first):
    second = await h.press("kabid_apt", first, "Berikutnya ▶", expect="Halaman 2 dari 3")
    assert second.message_id == first.message_id, "a new message instead of an edit"
    return second


async def _settled(h: Harness, card) -> None:
    """The decision card `card` was edited to show who decided, and lost its buttons."""
    await h.fake.wait_for(lambda m: m.message_id == card.message_id and m.chat_id == card.chat_id
                          and "Diputuskan oleh" in (m.text or "") and not m.inline_keyboard(), h.timeout)


async def _cross_unit(h: Harness, step) -> None:
    """Siti (Bidang IKP) joins the security team of Bidang APT: the target unit head decides, her own
    Penilai gives the final approval and signs the letter; then her kendala reaches her home head too."""
    await step("Siti and her Kabid link their accounts", h.link("siti", "kabid_ikp"))
    mark = h.fake.mark()
    await step("Siti applies to the security team of another Bidang (🔀)",
               _apply(h, "siti", "Keamanan", MOTIVATION_SITI, cross_unit=True))
    for key, title in (("kabid_apt", "The Kabid of the team's unit approves his step"),
                       ("kabid_ikp", "Siti's own Kabid (her Penilai) gives the final approval")):
        notice = await step(f"{title}: asked", h.notice(key, "menunggu langkah Anda", since=mark))
        mark = h.fake.mark()
        if notice is not None:
            await step(title, h.press(key, notice, "Setujui"))
            await step("…and that step's card now shows it done, without buttons", _settled(h, notice))
    await step("Siti is told: approved, with the assignment number", h.notice("siti", "ST-"))
    first = await step("Siti raises a kendala for the team", h.say("siti", "/kendala"))
    if first is not None:
        await step("…chooses the team", h.press("siti", first, "Keamanan", expect="Uraikan"))
        await step("…describes it", h.say("siti", "Akses ke server uji coba belum diberikan oleh unit pemilik.",
                                          expect="alternatif"))
        done = await step("…gives an alternative", h.say("siti", "Unit pemilik memberi akses sementara.",
                                                         expect="dicatat"))
        if done is not None:
            confirm = await step("…and is offered her home head too", h.press("siti", done, "Selesai",
                                                                              expect="unit asal"))
            if confirm is not None:
                mark = h.fake.mark()
                await step("…sends it to the Kabid of the team's unit and her home Kabid",
                           h.press("siti", confirm, "kepala unit asal"))
                await step("Siti's home Kabid receives it for follow-up",
                           h.notice("kabid_ikp", "Akses ke server", since=mark))


async def _pelibatan(h: Harness, step) -> None:
    """Penunjukan across units: the Kabid asks Bidang IKP for Yoga; its head releases him; he accepts."""
    await step("Yoga links his account", h.link("yoga"))
    mark = h.fake.mark()
    first = await step("The Kabid asks another unit for staff with /pelibatan",
                       h.say("kabid_apt", "/pelibatan", expect="Kepada unit mana"))
    if first is None:
        return
    last = await step("He picks Bidang IKP and the security team",
                      _pelibatan_form(h, first))
    if last is None:
        return
    notice = await step("The head of Bidang IKP receives the request (its letter is in the register)",
                        h.notice("kabid_ikp", "PP-", since=mark))
    if notice is None:
        return
    picker = await step("She chooses whom to release",
                        h.press("kabid_ikp", notice, "Pilih pegawai", expect="pilih pegawai yang Anda tugaskan"))
    if picker is not None:
        await step("She releases Yoga; his surat penugasan is issued",
                   h.press("kabid_ikp", picker, "Tugaskan yang dipilih", expect="menunggu penerimaan"))
    letter = await step("Yoga is asked to accept his surat penugasan", h.notice("yoga", "Silakan terima"))
    if letter is not None:
        await step("Yoga accepts", h.press("yoga", letter, "Terima", expect="menerima penugasan"))
        await step("The Kabid is told", h.notice("kabid_apt", "telah menerima surat penugasan", since=mark))


async def _pelibatan_form(h: Harness, first):
    teams = await h.press("kabid_apt", first, "Informasi dan Komunikasi", expect="tim atau pekerjaan apa")
    last = await h.press("kabid_apt", teams, "Keamanan", expect="Maksud dan tujuan")
    for answer, expect in zip(PELIBATAN, ("Kompetensi", "Target", "jangka waktu", "pegawai yang diharapkan"),
                              strict=True):
        last = await h.say("kabid_apt", answer, expect=expect)
    last = await h.press("kabid_apt", last, "Yoga", expect="pegawai yang diharapkan")
    summary = await h.press("kabid_apt", last, "Selesai", expect="Kirim permohonan ini?")
    return await h.press("kabid_apt", summary, "Kirim", expect="PP-")


async def _menus_set(h: Harness, log) -> None:
    default = h.fake.commands(None, "id")
    assert default and h.fake.commands({"type": "all_group_chats"}, "id") and h.fake.description("id")
    log("      / menu (private chats, id): " + " ".join("/" + c["command"] for c in default))


async def _own_menu(h: Harness, key: str, command: str, log) -> None:
    scope = {"type": "chat", "chat_id": h.tid(key)}
    await h.fake.state.wait_until(lambda: any(c["command"] == command for c in h.fake.commands(scope)), h.timeout)
    log("      / menu of the Kabid's chat: " + " ".join("/" + c["command"] for c in h.fake.commands(scope)))


async def _apply(h: Harness, key: str, team: str | None, motivation: str, own_words: str | None = None,
                 cross_unit: bool = False):
    first = await h.say(key, "/ajukan", expect="🔀" if cross_unit else "Tim atau pekerjaan apa")
    if team is not None:
        await h.press(key, first, team, expect="kompetensi")
    else:
        assert own_words is not None, "an application without a team names its work in own words"
        await h.say(key, own_words, expect="kompetensi")
    summary = await h.say(key, motivation, expect="Kirim pengajuan ini?")
    return await h.press(key, summary, "Kirim", expect="PS-")


async def run_demo(settings: Settings | None = None, runtime: str = "aiogram", webhook: bool = False) -> int:
    delivery = "webhook" if webhook else "long polling"
    print(f"Sikerja demo — profile nasional, runtime {runtime} ({delivery}), fake Telegram server on localhost\n")
    async with Harness(runtime=runtime, webhook=webhook) as h:
        failures = await play(h)
        print("\nTranscript:\n")
        print("\n".join(h.fake.transcript()))
    if failures:
        print(f"\n{len(failures)} step(s) misbehaved:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print("\nEvery step behaved.")
    return 0
