"""Letters over HTTP on both runtimes: /surat sends the PDF with its proper file name, and /cek answers a
registered employee and a stranger (who sees no NIP) alike from the letter's verification code."""
from __future__ import annotations

from domain.letters import display_code
from domain.team import MemberRole, Team
from handlers.teams.membership import add_member


async def test_surat_sends_the_letter_and_cek_checks_it(h):
    app = h.runtime.app
    kabid, budi = h.people["kabid_apt"].employee, h.people["budi"].employee
    async with app.uow() as uow:
        team = Team(None, kabid.unit_id, "Tim Integrasi Data")
        uow.teams.add(team)
        await uow.flush()
        membership = await add_member(uow, team, budi.id, MemberRole.ANGGOTA, kabid.id, app.clock(),
                                      profile=app.profile)
        await uow.commit()
        letter = await uow.letters.of_source("assignment", membership.assignment_id)
    await h.link("budi")

    sent = await h.say("budi", "/surat", expect=f"Surat penugasan {letter.number}")
    assert sent.document is not None and sent.document.file_name == f"Surat_Penugasan_{letter.number}.pdf"

    checked = await h.say("budi", f"/cek {display_code(letter.code)}", expect="Asli")
    assert letter.number in checked.text and f"NIP {kabid.nip}" in checked.text

    stranger = h.fake.user(777001, "Orang", "Luar")
    mark = h.fake.mark()
    h.fake.send_text(stranger, f"/cek {letter.code.lower()}")
    public = await h.fake.wait_message(777001, "Asli", h.timeout, since=mark)
    assert budi.name in public.text and "NIP" not in public.text
