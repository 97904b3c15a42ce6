"""Organisation vocabulary: units, employees and the ordered civil-service scales.

Glossary names (docs/GLOSSARY.md) are kept as enum values so data files and the
database read like the regulations."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from domain.errors import DomainError


class JabatanKind(str, Enum):
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    FUNGSIONAL = "fungsional"
    PELAKSANA = "pelaksana"

    @property
    def is_structural(self) -> bool:
        return self in (self.JPT_MADYA, self.JPT_PRATAMA, self.ADMINISTRATOR, self.PENGAWAS)


class Jenjang(str, Enum):
    """JF levels: expert track (keahlian) and skill track (keterampilan), Surakarta Ps 7."""

    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"
    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"

    @property
    def is_keahlian(self) -> bool:
        return self.value.startswith("ahli_")

    @property
    def rank(self) -> int:
        """Position within its own track (0 = lowest)."""
        order = _KEAHLIAN if self.is_keahlian else _KETERAMPILAN
        return order.index(self)


_KEAHLIAN = [Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA]
_KETERAMPILAN = [Jenjang.PEMULA, Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True, order=True)
class Golongan:
    """Civil-service rank I/a … IV/e; ordered, so `Golongan.parse("III/b") <= g` works."""

    major: int
    minor: str

    @classmethod
    def parse(cls, text: str) -> Golongan:
        raw = text.strip().replace(" ", "")
        major, sep, minor = raw.partition("/")
        minor = minor.lower()
        if not sep or major.upper() not in _ROMAN or minor not in "abcde" or len(minor) != 1:
            raise DomainError("invalid_golongan", value=text)
        if major.upper() != "IV" and minor == "e" and major.upper() in ("I", "II"):
            # I/e does not exist; II/e does not exist either (II/a–II/d).
            raise DomainError("invalid_golongan", value=text)
        return cls(_ROMAN[major.upper()], minor)

    def __str__(self) -> str:
        roman = {v: k for k, v in _ROMAN.items()}[self.major]
        return f"{roman}/{self.minor}"


class Education(str, Enum):
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"

    @property
    def rank(self) -> int:
        # D4 (sarjana terapan) counts as a bachelor's degree.
        return {"SD": 0, "SMP": 1, "SMA": 2, "D1": 3, "D2": 4, "D3": 5, "D4": 6, "S1": 6, "S2": 7, "S3": 8}[self.value]

    @classmethod
    def parse(cls, text: str) -> Education:
        t = text.strip().upper().replace(".", "").replace("-", "")
        aliases = {"SLTA": "SMA", "SMK": "SMA", "SLTP": "SMP", "DIII": "D3", "DIV": "D4", "SARJANA": "S1"}
        t = aliases.get(t, t)
        try:
            return cls(t)
        except ValueError:
            raise DomainError("invalid_education", value=text) from None


class UnitKind(str, Enum):
    """Unit typologies of docs/RULES.md plus the structural parts inside a PD."""

    SETDA = "setda"
    SETWAN = "setwan"
    INSPEKTORAT = "inspektorat"
    DINAS = "dinas"
    BADAN = "badan"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    RSUD = "rsud"
    PUSKESMAS = "puskesmas"
    UPTD = "uptd"
    SEKOLAH = "sekolah"
    BIDANG = "bidang"
    BAGIAN = "bagian"
    SEKRETARIAT = "sekretariat"
    SUBBAGIAN = "subbagian"
    SEKSI = "seksi"
    OTHER = "other"

    @property
    def is_agency(self) -> bool:
        """A whole Perangkat Daerah (PD), as opposed to a part of one."""
        return self in _AGENCY_KINDS


_AGENCY_KINDS = {UnitKind.SETDA, UnitKind.SETWAN, UnitKind.INSPEKTORAT, UnitKind.DINAS,
                 UnitKind.BADAN, UnitKind.KECAMATAN, UnitKind.RSUD}


@dataclass
class Unit:
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None = None
    head_id: int | None = None


@dataclass
class Employee:
    id: int
    nip: str
    name: str
    jabatan_name: str
    jabatan_kind: JabatanKind
    unit_id: int
    jenjang: Jenjang | None = None
    golongan: Golongan | None = None
    education: Education | None = None
    rater_id: int | None = None
    phone: str | None = None
    active: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def validate_nip(nip: str) -> str:
    """Return the normalised 18-digit NIP or raise DomainError('invalid_nip').

    Layout: birth date YYYYMMDD, appointment (TMT CPNS) YYYYMM, sex 1/2, sequence 001-999."""
    digits = nip.replace(" ", "").strip()
    if len(digits) != 18 or not digits.isdigit():
        raise DomainError("invalid_nip", value=nip)
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise DomainError("invalid_nip", value=nip) from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < born.year + 15 or digits[14] not in "12" or digits[15:] == "000":
        raise DomainError("invalid_nip", value=nip)
    return digits


def matches_search(employee: Employee, query: str) -> bool:
    """A typed search as the admin search reads it: digits are the start of a NIP, words
    must all appear in the name (any case)."""
    words = query.lower().split()
    digits = "".join(words)
    if not words:
        return False
    if digits.isdigit():
        return employee.nip.startswith(digits)
    name = employee.name.lower()
    return all(word in name for word in words)
