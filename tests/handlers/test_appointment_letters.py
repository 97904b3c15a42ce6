"""The letters of a penunjukan are drafts for the letter register: each kind is numbered by the
deployment's scheme and drawn with the kop surat, Unicode names and long tembusan, in every profile."""
from __future__ import annotations

import pytest

from domain.letters import LetterKind, Party
from handlers.appointments.letters import (
    OutgoingLetter,
    ReplyLetter,
    RequestLetter,
    outgoing_letter,
    reply_letter,
    request_letter,
)
from handlers.letters.documents import letter_document
from handlers.letters.register import register_letter
from tests.handlers.test_letters import SETTINGS, drawn, rc  # noqa: F401 (drawn is a fixture)

NAMES = ("Ni Luh Putu Ayu Dewi Çandra", "Şükrü Nguyễn", "I Gusti Ngurah Bagus Ärya")
CC = tuple(f"Kepala Bidang {i} Dinas Komunikasi dan Informatika Kabupaten Contoh" for i in range(25))


@pytest.mark.parametrize("profile_name", ["nasional", "surakarta"])  # the profile only names the regulation
async def test_every_appointment_letter_is_registered_and_renders(app, demo, drawn):  # noqa: F811
    kabid = demo["kabid_apt"].employee
    signer = Party(NAMES[0], "Kepala Bidang", kabid.nip, kabid.id)
    request = RequestLetter(1, kabid.unit_id, "Kepala Bidang Informasi dan Komunikasi Publik",
                            (Party(NAMES[1], "Kepala Bidang"),), "Tim Keamanan Informasi",
                            "Mengamankan aplikasi — layanan publik", "Keamanan jaringan", "Uji penetrasi selesai",
                            "3 bulan", NAMES, CC, signer, app.profile.title)
    drafts = [request_letter(request),
              outgoing_letter(OutgoingLetter(request, "Universitas Udayana",
                                             "Pimpinan Unit Organisasi Universitas Udayana", CC[:3])),
              reply_letter(ReplyLetter(1, kabid.unit_id, signer, "PP-2026-00001", "Tim Keamanan Informasi", NAMES,
                                       None, CC, Party(NAMES[1], "Kepala Bidang", "199003212015031002"),
                                       app.profile.title)),
              reply_letter(ReplyLetter(2, kabid.unit_id, signer, "PP-2026-00002", "Tim Keamanan Informasi", (),
                                       "Staf sedang cuti besar.", (), Party(NAMES[2], "Kepala Bidang", "1"),
                                       app.profile.title))]
    assert [d.kind for d in drafts] == [LetterKind.PERMOHONAN_PELIBATAN] * 2 + [LetterKind.JAWABAN] * 2
    async with app.uow() as uow:
        for draft in drafts:
            letter = await register_letter(uow, draft, SETTINGS.numbering, app.profile.timezone, app.clock())
            drawn.clear()
            _, pdf = await letter_document(rc(app, uow), letter)
            text = "\n".join(drawn)
            assert pdf.startswith(b"%PDF") and f"Nomor: {letter.number}" in text
            assert "/SJ/" in letter.number if draft.kind is LetterKind.JAWABAN else "/PP/" in letter.number
            assert draft.signer.name in text and "PEMERINTAH KOTA SURAKARTA" in text
            assert all(f"{i}. {cc}" in text for i, cc in enumerate(draft.tembusan, 1))
        assert NAMES[2] in text or "cuti besar" in text
