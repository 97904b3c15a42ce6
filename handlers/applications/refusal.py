"""The written refusal of a cross-unit voluntary application (HSU Lamp. II B.2.e; Surakarta Lamp. IV
3.2.2.e: refused in writing, with the reasons): a surat jawaban in the letter register, signed by the
official who refused, addressed to the applicant, copied to the officials whose steps it had passed
and to whom the profile copies. /surat lists it for the applicant and /cek checks it."""
from __future__ import annotations

from domain.application import Application
from domain.letters import Letter, LetterKind
from domain.profiles.citation import cite
from handlers.core.context import Ctx
from handlers.core.lookups import present
from handlers.letters.register import LetterDraft, issue_letter, para, party_of, rows

SOURCE = "application"  # the register's source kind: the application the letter answers


async def issue_refusal(ctx: Ctx, app: Application) -> Letter:
    """Issued by the refusing official (ctx.me) in the rejection's transaction."""
    applicant = present(await ctx.uow.org.employee(app.applicant_id), "the applicant")
    passed = [s.person_id for s in app.route[:app.step_index] if s.person_id != ctx.me.id]
    ids = list(dict.fromkeys([*passed, *app.tembusan_ids]))
    people = await ctx.uow.org.employees(ids)
    tembusan = tuple(dict.fromkeys(people[i].jabatan_name or people[i].name for i in ids if i in people))
    cu = ctx.profile.voluntary.cross_unit
    article = cite(cu.source_of("written_refusal_required"), ctx.profile.citation_title) or ctx.profile.title
    number = present(app.number, "the number of a submitted application")
    return await issue_letter(ctx, LetterDraft(
        LetterKind.JAWABAN, (SOURCE, app.id or 0), party_of(ctx.me), (party_of(applicant),),
        f"Penolakan pengajuan sukarela {number}", unit_id=ctx.me.unit_id, tembusan=tembusan,
        heading="SURAT PENOLAKAN PENGAJUAN SUKARELA", body=(
            para("Kepada Yth."),
            rows(("Nama", applicant.name), ("NIP", applicant.nip), ("Jabatan", applicant.jabatan_name)),
            para(f"Menunjuk pengajuan sukarela Saudara nomor {number} untuk bergabung pada {app.target_text}, "
                 f"dengan ini kami sampaikan bahwa pengajuan tersebut tidak dapat disetujui, sesuai dengan "
                 f"{article}, dengan alasan sebagai berikut:"),
            para(app.decision_reason or ""),
            para("Demikian surat ini disampaikan untuk menjadi perhatian."))))
