"""The letters of a penunjukan render for every profile's citation, with Unicode names and long
tembusan lists (the letter register of issue 10 takes them over: one function per kind)."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.profiles import load_profile, profile_names
from handlers.appointments.letters import (
    OutgoingLetter,
    ReplyLetter,
    RequestLetter,
    Signer,
    outgoing_letter,
    reply_letter,
    request_letter,
)

NAMES = ("Ni Luh Putu Ayu Dewi Çandra", "Şükrü Nguyễn", "I Gusti Ngurah Bagus Ärya")
CC = tuple(f"Kepala Bidang {i} Dinas Komunikasi dan Informatika Kabupaten Contoh" for i in range(25))


def request(regulation: str) -> RequestLetter:
    return RequestLetter("PP-2026-00001", dt.date(2026, 12, 7), "Bidang Aplikasi Informatika",
                         "Penilai Kinerja Bidang Informasi dan Komunikasi Publik", "Tim Keamanan Informasi",
                         "Mengamankan aplikasi — layanan publik", "Keamanan jaringan", "Uji penetrasi selesai",
                         "3 bulan", NAMES, CC, Signer(NAMES[0], "199003212015031001", "Kepala Bidang"), regulation)


@pytest.mark.parametrize("name", profile_names())
def test_every_letter_renders(name):
    regulation = load_profile(name).title
    for pdf in (request_letter(request(regulation)),
                outgoing_letter(OutgoingLetter(request(regulation), "Universitas Udayana",
                                               "Pimpinan Unit Organisasi Universitas Udayana", CC[:3])),
                reply_letter(ReplyLetter("PP-2026-00001/J", dt.date(2026, 12, 8), "Bidang IKP", "Kepala Bidang",
                                         "PP-2026-00001", "Tim Keamanan Informasi", NAMES, None, CC,
                                         Signer(NAMES[1], "199003212015031002", "Kepala Bidang"), regulation)),
                reply_letter(ReplyLetter("PP-2026-00002/J", dt.date(2026, 12, 8), "Bidang IKP", "Kepala Bidang",
                                         "PP-2026-00002", "Tim Keamanan Informasi", (), "Staf sedang cuti besar.",
                                         (), Signer(NAMES[2], "199003212015031003", "Kepala Bidang"), regulation))):
        assert pdf.startswith(b"%PDF") and len(pdf) > 1000
