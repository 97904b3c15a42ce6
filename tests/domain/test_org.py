import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.org import Education, Golongan, Jenjang, validate_nip


@pytest.mark.parametrize("nip", ["198503122010011001", "1985 0312 201001 1 001", "199602022022032002"])
def test_valid_nips(nip):
    assert validate_nip(nip) == nip.replace(" ", "")


@pytest.mark.parametrize("nip, why", [
    ("19850312201001100", "17 digits"),
    ("1985031220100110011", "19 digits"),
    ("19850312201001100A", "not digits"),
    ("198513122010011001", "month 13 of birth"),
    ("198502302010011001", "30 February"),
    ("198503122010131001", "appointment month 13"),
    ("198503122010013001", "sex digit 3"),
    ("198503122010011000", "sequence 000"),
    ("198503121990011001", "appointed at five"),
])
def test_invalid_nips(nip, why):
    with pytest.raises(DomainError) as err:
        validate_nip(nip)
    assert err.value.code == "invalid_nip", why


def test_golongan_order_and_text():
    assert Golongan.parse("III/a") < Golongan.parse("III/b") < Golongan.parse("IV/a")
    assert str(Golongan.parse(" iii/b ")) == "III/b"


@pytest.mark.parametrize("bad", ["V/a", "III", "III/f", "I/e", "", "3/b"])
def test_golongan_rejects_bad(bad):
    with pytest.raises(DomainError):
        Golongan.parse(bad)


@given(st.sampled_from(["I", "II", "III", "IV"]), st.sampled_from("abcd"))
def test_golongan_round_trip(major, minor):
    assert str(Golongan.parse(f"{major}/{minor}")) == f"{major}/{minor}"


def test_education_ranks_bachelor_equivalents():
    assert Education.parse("D-IV").rank == Education.S1.rank > Education.D3.rank
    assert Education.parse("slta") is Education.SMA


def test_jenjang_tracks():
    assert Jenjang.AHLI_MUDA.is_keahlian and not Jenjang.MAHIR.is_keahlian
    assert Jenjang.AHLI_MUDA.rank > Jenjang.AHLI_PERTAMA.rank
