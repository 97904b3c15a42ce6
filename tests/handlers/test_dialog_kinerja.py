"""Rule 53: the dialog kinerja before team work. HSU Lamp. II A.2.1 makes it mandatory ("wajib
melakukan dialog kinerja dengan ... Pejabat Penilai Kinerja"): the member is not yet active in
the team (sends no member report) until they confirm the expectations their Penilai recorded.
Badung only describes it (Ps 12): the dialog is offered and holds nobody back. The confirmed
expectations show on the member's report card to the ketua (decision 18)."""
from __future__ import annotations

import pytest

from handlers.reports.buttons import ReportAction
from handlers.teams.buttons import PickMember
from tests.handlers.chat import alerts, texts
from tests.handlers.test_reports import last_notice, make_team, notice_button, people, write_report

EXPECTATIONS = "Modul login selesai dan diuji pengguna sebelum akhir triwulan."
REVISED = "Modul login selesai sebelum akhir triwulan; uji pengguna pada triwulan berikutnya."


async def join_and_record(app, demo, p) -> int:
    """The unit head (Dewi's Penilai too) adds Dewi and records the agreed expectations."""
    team_id = await make_team(app, demo, "kabid_apt", "budi")
    await p["kabid_apt"].presses(PickMember(team_id, demo["dewi"].employee.id))
    ask = await last_notice(app, "kabid_apt")
    assert "dialog kinerja" in ask["text"]
    (prompt,) = texts(await p["kabid_apt"].presses(notice_button(ask, "Catat ekspektasi")))
    assert "ekspektasi" in prompt
    assert "Tercatat" in texts(await p["kabid_apt"].says(EXPECTATIONS))[0]
    return team_id


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_hsu_member_is_active_only_after_confirming_the_expectations(app, demo):
    p = await people(app, demo, "kabid_apt", "budi", "dewi")
    team_id = await join_and_record(app, demo, p)
    notice = await last_notice(app, "dewi")
    assert EXPECTATIONS in notice["text"] and "Lamp. II A.2.1" in notice["text"] and "belum aktif" in notice["text"]
    await p["dewi"].says("/lapor")
    (held,) = texts(await p["dewi"].presses(ReportAction("t", team_id)))
    assert "belum aktif" in held and "Lamp. II A.2.1" in held
    # a revision goes back to the Penilai, who records again
    await p["dewi"].presses(notice_button(notice, "Minta revisi"))
    assert "dikirim" in texts(await p["dewi"].says("Target pengujian mohon disesuaikan jadwal."))[0]
    revise = await last_notice(app, "kabid_apt")
    assert "merevisi" in revise["text"]
    await p["kabid_apt"].presses(notice_button(revise, "Catat ekspektasi"))
    await p["kabid_apt"].says(REVISED)
    notice = await last_notice(app, "dewi")
    assert REVISED in notice["text"]
    assert "Terima kasih" in texts(await p["dewi"].presses(notice_button(notice, "Konfirmasi")))[0]
    assert "mengonfirmasi" in (await last_notice(app, "kabid_apt"))["text"]
    # the same button again is stale; now she reports, and the ketua sees the expectations
    assert alerts(await p["dewi"].presses(notice_button(notice, "Konfirmasi")))
    await write_report(p["dewi"], ReportAction("t", team_id))
    card = (await last_notice(app, "budi"))["text"]
    assert "Ekspektasi (dialog kinerja): " + REVISED in card


@pytest.mark.parametrize("profile_name", ["badung"])
async def test_badung_dialog_is_offered_and_holds_nobody_back(app, demo):
    p = await people(app, demo, "kabid_apt", "budi", "dewi")
    team_id = await join_and_record(app, demo, p)
    notice = await last_notice(app, "dewi")
    assert "Ps 12" in notice["text"] and "belum aktif" not in notice["text"]
    await write_report(p["dewi"], ReportAction("t", team_id))  # before confirming: not held back
    assert "Ekspektasi" not in (await last_notice(app, "budi"))["text"]  # nothing confirmed to show


@pytest.mark.parametrize("profile_name", ["hulu-sungai-utara"])
async def test_only_the_penilai_records(app, demo):
    p = await people(app, demo, "kabid_apt", "budi", "dewi")
    team_id = await make_team(app, demo, "kabid_apt", "budi")
    await p["kabid_apt"].presses(PickMember(team_id, demo["dewi"].employee.id))
    ask = notice_button(await last_notice(app, "kabid_apt"), "Catat ekspektasi")
    assert alerts(await p["budi"].presses(ask))
    assert not alerts(await p["kabid_apt"].presses(ask))
