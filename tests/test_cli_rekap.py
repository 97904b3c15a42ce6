"""`rekap export|chart`: /rekap's Excel file and on-time chart from the command line."""
from __future__ import annotations

import asyncio

from openpyxl import load_workbook

from bot.settings import Settings
from bot.wiring import build_app
from handlers.demo_data.seed_demo import seed_demo
from storage.migrate import upgrade
from tests.handlers.test_reports import make_team
from tests.test_cli_org import env, run  # noqa: F401 - the fixture is used by name

DEWI_NIP = "198807092012122001"


def seed(db_url: str) -> None:
    upgrade(db_url)

    async def _seed() -> None:
        app, engine = build_app(Settings(DATABASE_URL=db_url, _env_file=None))
        try:
            async with app.uow() as uow:
                people = {p.key: p for p in await seed_demo(uow, app.clock())}
                await uow.commit()
            await make_team(app, people, "kabid_apt", "budi", ["dewi", "siti"], name="Tim Rekap CLI")
        finally:
            await engine.dispose()

    asyncio.run(_seed())


def test_rekap_export_and_chart(env, capsys, tmp_path):  # noqa: F811 - the fixture
    seed(env)
    out = tmp_path / "rekap.xlsx"
    code, printed, _ = run(capsys, "rekap", "export", "--unit", "dki", "--out", out)
    assert code == 0 and str(out) in printed and printed.startswith("Rekap ")  # SIKERJA_LANGUAGE=id
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Tim", "Periode", "NIP", "Nama")  # SIKERJA_LANGUAGE=id
    dewi = [r for r in rows if r[2] == DEWI_NIP]
    assert dewi and dewi[0][0] == "Tim Rekap CLI" and sheet.cell(row=2, column=3).data_type == "s"
    png = tmp_path / "rekap.png"
    assert run(capsys, "rekap", "chart", "--unit", "DKI.APT", "--out", png)[0] == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    code, _, said = run(capsys, "rekap", "export", "--unit", "NOWHERE", "--out", out)
    assert code == 2 and "Kode unit NOWHERE tidak dikenal." in said
    code, _, said = run(capsys, "rekap", "chart", "--unit", "DKI", "--out", out)
    assert code == 2 and "harus berupa berkas .png" in said  # a chart is a .png
