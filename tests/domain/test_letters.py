"""The letter register's pure rules: numbering from the deployment's template, verification codes, status."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import IllegalTransition
from domain.letters import (
    CODE_ALPHABET,
    Letter,
    LetterKind,
    LetterStatus,
    Numbering,
    display_code,
    looks_like_code,
    new_code,
    normalise_code,
    parse_kind_codes,
    safe_filename,
)

NOW = dt.datetime(2026, 12, 31, 3, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 12, 31)


def test_the_default_scheme_keeps_todays_numbers_and_counters():
    n = Numbering()
    assert n.number(LetterKind.PENUGASAN, 7, "BAPP", DAY) == "ST-2026-00007"
    assert n.number(LetterKind.KEPUTUSAN_TIM, 1, "", DAY) == "KT-2026-00001"
    assert n.sequence_key(LetterKind.PENUGASAN, "BAPP", 2026) == "ST-2026"  # the counter used before the register


def test_a_naskah_dinas_template_with_unit_code_and_roman_month():
    n = Numbering("{seq}/{kind_code}/{unit_code}/{month_roman}/{year}", {LetterKind.PENUGASAN: "800.1.11.1"})
    assert n.number(LetterKind.PENUGASAN, 12, "DISKOMINFO", DAY) == "12/800.1.11.1/DISKOMINFO/XII/2026"
    # the sequence runs per kind code, unit code and year: the number is unique
    assert n.sequence_key(LetterKind.PENUGASAN, "DISKOMINFO", 2026) == "800.1.11.1-DISKOMINFO-2026"
    assert n.sequence_key(LetterKind.PENUGASAN, "BAPP", 2027) == "800.1.11.1-BAPP-2027"
    assert n.code_of(LetterKind.JAWABAN) == "SJ"  # kinds not overridden keep their default code


def test_a_template_without_its_kind_shares_one_sequence_a_year():
    n = Numbering("{seq:03d}/SIKERJA/{year}")
    assert n.sequence_key(LetterKind.PENUGASAN, "X", 2026) == n.sequence_key(LetterKind.JAWABAN, "Y", 2026) == "2026"
    assert n.number(LetterKind.JAWABAN, 4, "Y", DAY) == "004/SIKERJA/2026"


@pytest.mark.parametrize("template", ["{kind_code}-{seq}", "{seq}/{year}/{nomor}", "{seq/{year}", "ST-{year}"])
def test_a_template_that_could_repeat_a_number_is_refused(template):
    with pytest.raises(ValueError):
        Numbering(template)


def test_kind_codes_from_a_setting():
    assert parse_kind_codes("penugasan=800.1.11.1; keputusan_tim = 800 ,") == {
        LetterKind.PENUGASAN: "800.1.11.1", LetterKind.KEPUTUSAN_TIM: "800"}
    with pytest.raises(ValueError, match="unknown letter kind"):
        parse_kind_codes("surat_cinta=1")


def test_codes_are_random_unambiguous_and_typed_back_forgivingly():
    code = new_code()
    assert len(code) == 10 and set(code) <= set(CODE_ALPHABET) and code != new_code()
    assert new_code(lambda n: bytes(range(n))) == "0123456789"
    shown = display_code("7K2QXM9D4A")
    assert shown == "7K2QX-M9D4A" and normalise_code(" 7k2qx-m9d4a ") == "7K2QXM9D4A"
    assert normalise_code("O1LI0") == "01110"  # read off paper: O is 0, I and L are 1
    assert looks_like_code("7k2qx m9d4a") and not looks_like_code("ST-2026-00001")


def test_file_names_are_safe():
    assert safe_filename("Surat Penugasan", "12/800.1.11.1/DISKOMINFO/2026") == \
        "Surat_Penugasan_12-800.1.11.1-DISKOMINFO-2026.pdf"
    assert safe_filename("Keputusan", "KT-2026-00001") == "Keputusan_KT-2026-00001.pdf"


def _letter() -> Letter:
    return Letter(1, "ST-2026-00001", LetterKind.PENUGASAN, "7K2QXM9D4A", NOW, 1, 2, "Kabid", "Kepala Bidang",
                  "1980", [{"name": "Đặng Văn Lâm", "jabatan": "Analis", "nip": "1990", "employee_id": 3}],
                  "Tim Data", "assignment", 1)


def test_a_letter_stands_until_revoked_or_replaced_once():
    letter = _letter()
    assert letter.stands and letter.addressees[0].name == "Đặng Văn Lâm"
    letter.revoke("  Salah sasaran penugasan. ", NOW)
    assert (letter.status, letter.status_reason, letter.stands) == (LetterStatus.DICABUT, "Salah sasaran penugasan.",
                                                                     False)
    with pytest.raises(IllegalTransition):
        letter.replace(2, "Diganti.", NOW)
    other = _letter()
    other.replace(9, "Masa kerja diperpanjang.", NOW)
    assert (other.status, other.replaced_by_id) == (LetterStatus.DIGANTI, 9)
