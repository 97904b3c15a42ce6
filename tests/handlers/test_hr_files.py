"""HR and unit heads' files: the formatted workbook, /admin's import (dry run, apply, stale
presses, a restart in between, refusals) with the download port, its Excel exports, and
/rekap's [Unduh Excel] and [Grafik]."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from handlers.admin.buttons import AdminFiles
from handlers.admin.org_upload import detect_kind
from handlers.core.app import DownloadFailed, FileTooBig
from handlers.core.types import SendDocument, SendFile
from handlers.org.workbook import Link, Sheet, xlsx_bytes
from handlers.reports.buttons import ReportAction
from handlers.reports.rekap_export import RekapFile
from tests.handlers.chat import Person, alerts, buttons, texts
from tests.handlers.test_reports import make_team, people, write_report

ADMIN = 9100
NIP = "199512312020121001"
HEADERS = ["nip", "name", "jabatan_name", "jabatan_kind", "jenjang", "golongan", "education", "unit_code",
           "rater_nip"]
NEW_ROW = [NIP, "Rudi Hartono, S.Kom.", "Pranata Komputer Ahli Pertama", "Fungsional", "Ahli Pertama", "III/a",
           "S1", "DKI.APT", "197911052005011002"]


def xlsx(headers: list[str], *rows: list[str]) -> bytes:
    return xlsx_bytes(Sheet("Pegawai", headers, [list(r) for r in rows]))


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def documents(replies) -> list[SendDocument]:
    return [r for r in replies if isinstance(r, SendDocument)]


def test_the_workbook_keeps_nips_as_text_never_a_formula_and_sizes_its_columns():
    content = xlsx_bytes(Sheet("Kode", ["NIP", "Nama", "Tautan"], [
        [NIP, "=HYPERLINK(\"http://evil\")", Link("buka", "https://t.me/SikerjaBot?start=dd_7")],
        ["199001012015031001", "+62 812", Link("x", "javascript:alert(1)")]]))
    ws = sheet_of(content)
    nip, formula, link = ws[2]
    assert (nip.value, nip.data_type, nip.number_format) == (NIP, "s", "@")
    assert formula.data_type == "s" and formula.value.startswith("'=")  # neutralised, shown as typed
    assert ws["B3"].value.startswith("'+")
    assert link.hyperlink.target == "https://t.me/SikerjaBot?start=dd_7" and ws["C3"].hyperlink is None
    assert ws["A1"].font.b and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3"
    assert ws.column_dimensions["A"].width == len(NIP) + 2 and ws.column_dimensions["C"].width >= 6


def test_the_import_kind_follows_the_header():
    assert detect_kind(HEADERS) == "employees"
    assert detect_kind(["kode", "nama", "jenis", "parent_code"]) == "units"


class Files:
    """The download port as a runtime provides it, over a dict of file_id -> bytes."""

    def __init__(self, app) -> None:
        self.files: dict[str, bytes] = {}
        app.download = self.download

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        if file_id not in self.files:
            raise DownloadFailed("gone")
        content = self.files[file_id]
        if len(content) > max_bytes:
            raise FileTooBig(str(len(content)))
        return content


async def upload(admin: Person, files: Files, content: bytes, name: str = "pegawai.xlsx", file_id: str = "X1"):
    files.files[file_id] = content
    return await admin.sends_file(name, mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  size=len(content), file_id=file_id)


def choice(replies, text: str) -> str:
    return next(data for label, data in buttons(replies) if text in label)


async def employee(app, nip: str):
    async with app.uow() as uow:
        return await uow.org.employee_by_nip(nip)


async def test_an_admin_imports_employees_after_a_dry_run(app, demo):
    files = Files(app)
    async with app.uow() as uow:
        await uow.admins.add(ADMIN, app.clock(), "BKPSDM")
        await uow.commit()
    admin = Person(app, ADMIN, "Admin")
    await admin.says("/admin")
    replies = await admin.presses(AdminFiles("imp"))
    assert "nothing" not in texts(replies)[0] and "Terapkan" in texts(replies)[0]
    bad = [*NEW_ROW[:7], "NOWHERE", NEW_ROW[8]]
    replies = await upload(admin, files, xlsx(HEADERS, NEW_ROW, ["199612312021121002", *bad[1:]]))
    report = texts(replies)[0]
    assert "Hasil pemeriksaan pegawai.xlsx" in report and "baris 3, unit_code" in report
    assert await employee(app, NIP) is None  # a dry run
    assert "Silakan tekan [Terapkan] atau [Batal]" in texts(await admin.says("sudah?"))[0]
    apply = choice(replies, "Terapkan: impor 1 baris")
    replies = await admin.presses(apply)
    assert "Impor diterapkan" in "\n".join(texts(replies))
    assert (await employee(app, NIP)).name == "Rudi Hartono, S.Kom."
    assert await employee(app, "199612312021121002") is None
    assert alerts(await admin.presses(apply)) == ["Tombol ini sudah tidak berlaku."]  # pressed twice


async def test_a_stale_or_foreign_press_and_a_restart_between_dry_run_and_apply(app, demo):
    files = Files(app)
    async with app.uow() as uow:
        await uow.admins.add(ADMIN, app.clock(), "BKPSDM")
        await uow.admins.add(ADMIN + 1, app.clock(), "BKPSDM 2")
        await uow.commit()
    admin, other = Person(app, ADMIN, "Admin"), Person(app, ADMIN + 1, "Admin 2")
    await admin.presses(AdminFiles("imp"))
    first = await upload(admin, files, xlsx(HEADERS, NEW_ROW))
    await admin.presses(AdminFiles("imp"))
    second = await upload(admin, files, xlsx(HEADERS, NEW_ROW), file_id="X2")
    assert alerts(await admin.presses(choice(first, "Terapkan"))) == ["Tombol ini sudah tidak berlaku."]
    assert alerts(await other.presses(choice(second, "Terapkan"))) == ["Tombol ini sudah tidak berlaku."]
    # Telegram keeps the file, so a new process (nothing in memory) downloads it again ...
    content, files = files.files["X2"], Files(app)
    files.files["X2"] = content
    await admin.presses(choice(second, "Terapkan"))
    assert await employee(app, NIP) is not None
    # ... and when Telegram cannot give it any more, the admin is asked to send it again.
    await admin.presses(AdminFiles("imp"))
    third = await upload(admin, files, xlsx(HEADERS, [*NEW_ROW[:1], "Rudi H.", *NEW_ROW[2:]]), file_id="X3")
    content, files = files.files["X3"], Files(app)
    replies = await admin.presses(choice(third, "Terapkan"))
    assert "tidak dapat diambil" in "\n".join(texts(replies)) and (await employee(app, NIP)).name != "Rudi H."
    replies = await upload(admin, files, content, file_id="X3")
    await admin.presses(choice(replies, "Terapkan"))
    assert (await employee(app, NIP)).name == "Rudi H."


async def test_uploads_that_cannot_be_imported(app, demo):
    files = Files(app)
    async with app.uow() as uow:
        await uow.admins.add(ADMIN, app.clock(), "BKPSDM")
        await uow.commit()
    admin = Person(app, ADMIN, "Admin")
    await admin.presses(AdminFiles("imp"))
    assert "hanya dapat membaca" in texts(await upload(admin, files, b"%PDF", name="surat.pdf"))[0]
    assert "tidak dapat dibaca" in texts(await upload(admin, files, b"not a zip"))[0]
    assert "terlalu besar" in texts(await upload(admin, files, b"x" * (6 * 1024 * 1024), name="a.csv"))[0]
    files.files["BIG"] = b"x" * (6 * 1024 * 1024)  # Telegram gave no size: the download itself stops it
    assert "terlalu besar" in texts(await admin.sends_file("b.csv", size=None, file_id="BIG"))[0]
    replies = await upload(admin, files, xlsx(["nip", "nama"], [NIP, "Rudi"]))
    assert "Tidak ada data yang dapat diimpor" in texts(replies)[-1]
    many = [[f"19951231202012{i:04d}", "Rudi", *NEW_ROW[2:]] for i in range(1, 30)]
    replies = await upload(admin, files, xlsx(HEADERS, *many))
    assert "… dan" in texts(replies)[0]
    (problems,) = documents(replies)
    assert sheet_of(problems.content).max_row > 16  # every problem, one row each
    # an admin removed meanwhile is refused and the form closes
    async with app.uow() as uow:
        await uow.admins.remove(ADMIN)
        await uow.commit()
    assert "hanya untuk admin" in texts(await upload(admin, files, xlsx(HEADERS, NEW_ROW)))[0]


async def test_admin_sends_link_codes_and_the_employee_list_as_excel(app, demo):
    async with app.uow() as uow:
        await uow.admins.add(ADMIN, app.clock(), "BKPSDM")
        await uow.commit()
    admin = Person(app, ADMIN, "Admin")
    replies = await admin.presses(AdminFiles("codes"))
    assert "10 pegawai aktif" in texts(replies)[0]
    (doc,) = documents(await admin.presses(AdminFiles("codesok")))
    ws = sheet_of(doc.content)
    assert [c.value for c in ws[1]] == ["NIP", "Nama", "Unit kerja", "Kode", "Tautan", "Berlaku sampai"]
    assert ws.max_row == 11 and ws["A2"].data_type == "s" and len(ws["A2"].value) == 18
    assert ws["F2"].value.endswith(" WIB") and "." not in ws["F2"].value  # local time, to the minute
    assert ws["E2"].hyperlink.target.startswith("https://t.me/SikerjaBot?start=")
    (doc,) = documents(await admin.presses(AdminFiles("staff")))
    ws = sheet_of(doc.content)
    assert ws.max_row == 11 and "Budi Santoso, S.Kom." in [c.value for c in ws["B"]]


async def test_rekap_offers_excel_and_a_chart(app, demo, clock):
    team_id = await make_team(app, demo, "kabid_apt", "budi", ["dewi", "siti"])
    p = await people(app, demo, "kabid_apt", "budi", "dewi")
    await write_report(p["dewi"], ReportAction("t", team_id))
    replies = await p["kabid_apt"].says("/rekap")
    labels = [label for label, _ in buttons(replies)]
    assert labels[-2:] == ["📥 Unduh Excel", "📈 Grafik"]
    (doc,) = documents(await p["kabid_apt"].presses(RekapFile("xlsx")))
    ws = sheet_of(doc.content)
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    dewi = next(r for r in rows if r[3] == "Dewi Lestari, S.T." and r[5] != "belum melapor")
    assert dewi[0] == "Tim Uji Laporan" and dewi[6].endswith("WIB") and dewi[7] == "ya"
    assert dewi[8] == "Budi Santoso, S.Kom." and dewi[10] == "hasil-uji.pdf"
    link = ws.cell(row=rows.index(dewi) + 2, column=12).hyperlink.target
    assert link.startswith("https://t.me/SikerjaBot?start=dd_")
    siti = next(r for r in rows if r[3].startswith("Siti"))
    assert siti[5] == "belum melapor" and siti[2] == "199205302019032002"
    # the recap's link opens the data dukung for the reviewer, not for someone else
    code = link.rsplit("=", 1)[1]
    assert any(isinstance(r, SendFile) for r in await p["budi"].says(f"/start {code}"))
    refused = await p["kabid_apt"].says(f"/start {code}")
    assert not any(isinstance(r, SendFile) for r in refused) and len(texts(refused)) == 1
    (chart,) = documents(await p["kabid_apt"].presses(RekapFile("chart")))
    assert chart.as_photo and chart.content.startswith(b"\x89PNG")
    assert "pimpinan unit" in alerts(await p["budi"].presses(RekapFile("xlsx")))[0]
