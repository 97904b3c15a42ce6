"""HR and unit heads' files over real Telegram HTTP, on both runtimes: an admin uploads an
XLSX of employees, the bot downloads it (getFile + the file URL), shows the dry run and
imports it on [Terapkan]; someone else is refused; /rekap sends an Excel file and a chart."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from handlers.org.workbook import Sheet, xlsx_bytes
from tests.handlers.test_reports import make_team

ADMIN, FORMER_ADMIN = 9100, 9101
NIP = "199512312020121001"
HEADERS = ["nip", "name", "jabatan_name", "jabatan_kind", "jenjang", "golongan", "education", "unit_code",
           "rater_nip"]
ROW = [NIP, "Rudi Hartono, S.Kom.", "Pranata Komputer Ahli Pertama", "Fungsional", "Ahli Pertama", "III/a", "S1",
       "DKI.APT", "197911052005011002"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def press(h, user: int, message, button: str, expect: str):
    mark = h.fake.mark()
    query = h.fake.press(user, message, h.fake.button_data(message, button))
    await h.fake.wait_callback_answer(query, h.timeout)
    return await h.fake.wait_message(user, expect, h.timeout, since=mark)


async def say(h, user: int, text: str, expect: str):
    mark = h.fake.mark()
    h.fake.send_text(user, text)
    return await h.fake.wait_message(user, expect, h.timeout, since=mark)


async def test_an_admin_imports_employees_from_an_xlsx_sent_in_the_chat(h):
    async with h.runtime.app.uow() as uow:
        await uow.admins.add(ADMIN, h.runtime.app.clock(), "BKPSDM")
        await uow.admins.add(FORMER_ADMIN, h.runtime.app.clock(), "BKPSDM lama")
        await uow.commit()
    h.fake.user(ADMIN, "Admin BKPSDM")
    h.fake.user(FORMER_ADMIN, "Admin Lama")
    menu = await say(h, ADMIN, "/admin", "Admin kepegawaian")
    await press(h, ADMIN, menu, "Impor unit kerja atau pegawai", "Kirim berkas")
    mark = h.fake.mark()
    h.fake.send_document(ADMIN, "pegawai.xlsx", xlsx_bytes(Sheet("Pegawai", HEADERS, [ROW])), XLSX)
    report = await h.fake.wait_message(ADMIN, "Hasil pemeriksaan pegawai.xlsx", h.timeout, since=mark)
    assert "1 baris" in report.text
    confirm = await h.fake.wait_message(ADMIN, "Terapkan impor ini?", h.timeout, since=mark)
    async with h.runtime.app.uow() as uow:
        assert await uow.org.employee_by_nip(NIP) is None
    await press(h, ADMIN, confirm, "Terapkan", "Impor diterapkan")
    async with h.runtime.app.uow() as uow:
        assert (await uow.org.employee_by_nip(NIP)).name == "Rudi Hartono, S.Kom."
    # Someone who is no admin (any more) uploading is refused politely, and nothing happens.
    menu = await say(h, FORMER_ADMIN, "/admin", "Admin kepegawaian")
    await press(h, FORMER_ADMIN, menu, "Impor unit kerja atau pegawai", "Kirim berkas")
    async with h.runtime.app.uow() as uow:
        await uow.admins.remove(FORMER_ADMIN)
        await uow.commit()
    mark = h.fake.mark()
    h.fake.send_document(FORMER_ADMIN, "pegawai.xlsx", xlsx_bytes(Sheet("Pegawai", HEADERS, [ROW])), XLSX)
    refused = await h.fake.wait_message(FORMER_ADMIN, "hanya untuk admin", h.timeout, since=mark)
    assert not refused.inline_keyboard()
    assert [c.method for c in h.fake.calls if c.method == "getFile"] == ["getFile"] * 2  # dry run and apply
    assert not [c for c in h.fake.calls if c.status >= 400]


async def test_rekap_sends_an_excel_file_and_a_chart(h):
    await make_team(h.runtime.app, h.people, "kabid_apt", "budi", ["dewi"], name="Tim Rekap")
    await h.link("kabid_apt")
    user = h.tid("kabid_apt")
    mark = h.fake.mark()
    h.fake.send_text(user, "/rekap")
    recap = await h.fake.wait_for(lambda m: m.chat_id == user and any(
        "Unduh Excel" in text for text, _ in h.fake.buttons(m)), h.timeout, since=mark)
    mark = h.fake.mark()
    h.fake.press(user, recap, h.fake.button_data(recap, "Unduh Excel"))
    sent = await h.fake.wait_for(lambda m: m.chat_id == user and m.document is not None, h.timeout, since=mark)
    assert sent.file_name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(sent.file_bytes)).worksheets[0]
    assert sheet["A1"].value == "Tim" and sheet["C1"].value == "NIP"
    dewi = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[3] == "Dewi Lestari, S.T."]
    assert dewi and dewi[0][0] == "Tim Rekap" and dewi[0][2] == "198807092012122001"
    mark = h.fake.mark()
    h.fake.press(user, recap, h.fake.button_data(recap, "Grafik"))
    chart = await h.fake.wait_for(lambda m: m.chat_id == user and m.photo is not None, h.timeout, since=mark)
    assert chart.file_bytes.startswith(b"\x89PNG")
    assert not [c for c in h.fake.calls if c.status >= 400]
