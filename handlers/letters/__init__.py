"""The letters every flow issues (naskah dinas): numbered from the deployment's scheme, entered in the
register with a verification code, drawn as PDF with the kop surat, and checked with /cek.

The API other features call:

    from domain.letters import LetterKind
    from handlers.letters.register import LetterDraft, issue_letter, party_of, para, rows, items
    from handlers.letters.documents import render_context
    from handlers.letters.send import send_letter

    letter = await issue_letter(ctx, LetterDraft(
        kind=LetterKind.PERMOHONAN_PELIBATAN, source=("pelibatan", request.id),
        signer=party_of(head), recipients=(party_of(target_head),), subject="Permohonan pelibatan …",
        unit_id=request.unit_id, tembusan=("Sekretaris Daerah", …),
        body=(para("Dengan hormat, …"), rows(("Maksud dan tujuan", …), ("Jangka waktu", …)), items(…))))
    # -> domain.letters.Letter: .number, .code, .id; in ctx.uow's transaction (committed with the step)
    await send_letter(ctx, render_context(ctx), letter)   # the PDF as a document to the current chat
    filename, pdf = await letter_document(render_context(ctx), letter)   # or the bytes themselves

A surat penugasan is issued (and registered) by handlers.teams.membership.issue_assignment, which takes
`numbering=` and `tembusan=`. A kind drawn from its own record instead of stored blocks registers a
renderer with @handlers.letters.documents.renders(kind) and issues its draft with body=None.
Revoke or replace with handlers.letters.register.revoke_letter / replace_letter.
"""
