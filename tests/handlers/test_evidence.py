"""Supporting files (data dukung) are opened only by the author and the officials on the
report's route, by Telegram file id."""
from domain.report import Report, ReportKind
from handlers.core.types import SendFile
from handlers.reports.buttons import ReportFiles
from tests.handlers.chat import alerts
from tests.handlers.test_voluntary_application import linked


async def test_only_author_and_route_open_the_files(app, demo, clock):
    dewi = await linked(app, demo, "dewi", 1004)
    budi = await linked(app, demo, "budi", 1001)
    siti = await linked(app, demo, "siti", 1003)
    async with app.uow() as uow:
        report = Report(None, ReportKind.MEMBER, demo["dewi"].employee.id, "2026-Q4",
                        text="Modul SSO selesai dan diuji.",
                        files=[{"file_id": "DOC1", "kind": "document", "name": "uji.pdf"},
                               {"file_id": "PH1", "kind": "photo", "name": None}])
        report.submit([demo["budi"].employee.id], clock())
        uow.reports.add(report)
        await uow.commit()
    assert alerts(await siti.presses(ReportFiles(report.id)))
    for person in (budi, dewi):
        sent = [r for r in await person.presses(ReportFiles(report.id)) if isinstance(r, SendFile)]
        assert [(f.file_id, f.kind) for f in sent] == [("DOC1", "document"), ("PH1", "photo")]
