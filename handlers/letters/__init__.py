"""The letters every flow issues (naskah dinas): numbered from the deployment's scheme, entered in the
register with a verification code, drawn as PDF with the kop surat, and checked with /cek.

The API other features call (see handlers/letters/register.py and documents.py):
    letter = await issue_letter(ctx, LetterDraft(kind=…, source=(…), signer=…, recipients=…, subject=…, …))
    filename, pdf = await letter_document(render_context(ctx), letter)
"""
