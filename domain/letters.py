"""The letter register (naskah dinas): every letter the bot issues gets a number from the deployment's
numbering scheme, a verification code anyone can check, and a status that says whether it still stands.

Numbering: a template such as "{seq}/{kind_code}/{unit_code}/{year}" (Python format fields; `seq` takes a
format spec, e.g. "{seq:05d}"). The sequence restarts every year and runs separately for every distinct
kind code and unit code the template shows, so two letters can never get the same number."""
from __future__ import annotations

import datetime as dt
import re
import secrets
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.errors import IllegalTransition

# Today's numbers (ST-2026-00001, KT-2026-00001) are this template's output, so nothing changes by default.
DEFAULT_TEMPLATE = "{kind_code}-{year}-{seq:05d}"
FIELDS = frozenset({"seq", "kind_code", "unit_code", "year", "month", "month_roman"})
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Crockford's base32: no I, L, O, U, so a code read off paper cannot be mistyped into another one.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits: not guessable, short enough to type


class LetterKind(StrEnum):
    PENUGASAN = "penugasan"  # surat penugasan (rule 2)
    KEPUTUSAN_TIM = "keputusan_tim"  # keputusan pembentukan tim (rules 36/38)
    PERMOHONAN_PELIBATAN = "permohonan_pelibatan"  # a cross-boundary request for staff
    JAWABAN = "jawaban"  # surat jawaban / balasan to a request


DEFAULT_KIND_CODES: Mapping[LetterKind, str] = {
    LetterKind.PENUGASAN: "ST", LetterKind.KEPUTUSAN_TIM: "KT",
    LetterKind.PERMOHONAN_PELIBATAN: "PP", LetterKind.JAWABAN: "SJ"}


class LetterStatus(StrEnum):
    BERLAKU = "berlaku"  # stands
    DICABUT = "dicabut"  # revoked
    DIGANTI = "diganti"  # replaced by a later letter


@dataclass(frozen=True)
class Numbering:
    """The deployment's numbering scheme: the template and the code of each kind of letter."""
    template: str = DEFAULT_TEMPLATE
    kind_codes: Mapping[LetterKind, str] = field(default_factory=lambda: dict(DEFAULT_KIND_CODES))

    def __post_init__(self) -> None:
        validate_template(self.template)

    def code_of(self, kind: LetterKind) -> str:
        return self.kind_codes.get(kind) or DEFAULT_KIND_CODES[kind]

    def sequence_key(self, kind: LetterKind, unit_code: str, year: int) -> str:
        """The counter this letter's sequence runs on: one per year and per kind/unit code the template
        shows. With the default template it is "ST-2026", the counter numbers were drawn from before."""
        used = _fields(self.template)
        parts = [self.code_of(kind)] if "kind_code" in used else []
        parts += [unit_code] if "unit_code" in used else []
        return "-".join([*parts, str(year)])

    def number(self, kind: LetterKind, seq: int, unit_code: str, on: dt.date) -> str:
        return self.template.format(seq=seq, kind_code=self.code_of(kind), unit_code=unit_code, year=on.year,
                                    month=on.month, month_roman=ROMAN[on.month - 1])


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def validate_template(template: str) -> None:
    """A configuration check (ValueError): a number must be unique, so the template needs the sequence and
    the year, and no unknown field."""
    used = _fields(template)  # ValueError for a malformed template
    if not {"seq", "year"} <= used or used - FIELDS:
        raise ValueError(f"letter number template {template!r} must use {{seq}} and {{year}} and only "
                         f"{', '.join(sorted(FIELDS))}")


def parse_kind_codes(text: str) -> dict[LetterKind, str]:
    """"penugasan=800.1.11.1, keputusan_tim=800" -> {PENUGASAN: "800.1.11.1", KEPUTUSAN_TIM: "800"}."""
    codes: dict[LetterKind, str] = {}
    for item in filter(None, (part.strip() for part in text.replace(";", ",").split(","))):
        name, _, code = item.partition("=")
        try:
            codes[LetterKind(name.strip())] = code.strip()
        except ValueError as err:
            raise ValueError(f"unknown letter kind {name.strip()!r}; "
                             f"choose from {', '.join(k.value for k in LetterKind)}") from err
    return codes


def new_code(random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """A fresh verification code (stored and compared without its dash)."""
    return "".join(CODE_ALPHABET[b % 32] for b in random_bytes(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed or scanned -> the stored form: upper case, no spaces or dashes, and the
    letters Crockford's alphabet reads as digits (O -> 0, I/L -> 1)."""
    cleaned = re.sub(r"[\s\-]", "", text).upper()
    return cleaned.translate(str.maketrans("OIL", "011"))


def display_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def looks_like_code(text: str) -> bool:
    cleaned = normalise_code(text)
    return len(cleaned) == CODE_LENGTH and all(c in CODE_ALPHABET for c in cleaned)


def safe_filename(title: str, number: str) -> str:
    """"Surat Penugasan", "800/12/BAPP/2026" -> "Surat_Penugasan_800-12-BAPP-2026.pdf"."""
    raw = f"{title} {number}".replace("/", "-")
    return re.sub(r"[^A-Za-z0-9.\-]+", "_", raw).strip("_.") + ".pdf"


@dataclass(frozen=True)
class Letterhead:
    """The Pemda's kop surat: its name ("PEMERINTAH KOTA SURAKARTA"), address line and an optional logo file."""
    name: str = ""
    address: str = ""
    logo_path: str | None = None


@dataclass(frozen=True)
class LetterSettings:
    """The deployment's letter settings (bot/settings.py): kop, numbering and the place letters are dated at."""
    letterhead: Letterhead = field(default_factory=Letterhead)
    numbering: Numbering = field(default_factory=Numbering)
    place: str = ""


@dataclass(frozen=True)
class Party:
    """Someone a letter names, as they were when it was issued (name and jabatan change; the letter does not)."""
    name: str
    jabatan: str = ""
    nip: str = ""
    employee_id: int | None = None


@dataclass(eq=False)
class Letter:
    """One row of the register. `body` holds the letter's text blocks for kinds written once at issue;
    letters of penugasan and keputusan_tim are drawn again from their source record (body None)."""
    id: int | None
    number: str
    kind: LetterKind
    code: str
    issued_at: dt.datetime
    unit_id: int | None
    issuer_id: int | None
    issuer_name: str
    issuer_jabatan: str
    issuer_nip: str
    recipients: list[dict[str, Any]]
    subject: str
    source_kind: str
    source_id: int
    tembusan: list[str] = field(default_factory=list)
    body: list[dict[str, Any]] | None = None
    status: LetterStatus = LetterStatus.BERLAKU
    status_reason: str | None = None
    status_at: dt.datetime | None = None
    replaced_by_id: int | None = None

    @property
    def issuer(self) -> Party:
        return Party(self.issuer_name, self.issuer_jabatan, self.issuer_nip, self.issuer_id)

    @property
    def addressees(self) -> tuple[Party, ...]:
        return tuple(Party(r.get("name", ""), r.get("jabatan", ""), r.get("nip", ""), r.get("employee_id"))
                     for r in self.recipients)

    @property
    def stands(self) -> bool:
        return self.status is LetterStatus.BERLAKU

    def revoke(self, reason: str, now: dt.datetime) -> None:
        self._end(LetterStatus.DICABUT, reason, now)

    def replace(self, by_id: int, reason: str, now: dt.datetime) -> None:
        self._end(LetterStatus.DIGANTI, reason, now)
        self.replaced_by_id = by_id

    def _end(self, status: LetterStatus, reason: str, now: dt.datetime) -> None:
        if self.status is not LetterStatus.BERLAKU:
            raise IllegalTransition("letter", self.status.value, status.value)
        self.status, self.status_reason, self.status_at = status, reason.strip() or None, now


def recipients_of(parties: tuple[Party, ...]) -> list[dict[str, Any]]:
    return [{"name": p.name, "jabatan": p.jabatan, "nip": p.nip, "employee_id": p.employee_id} for p in parties]
