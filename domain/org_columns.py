"""The vocabulary of an organisation import: column names (with Indonesian aliases),
human spellings of the org enums, and the issues a check reports.

An issue never carries prose: `code` is a message key and `params` its values, so the
application layer words it in the reader's language (like DomainError)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from domain.errors import DomainError
from domain.org import JabatanKind, Jenjang, UnitKind, validate_nip

HEADER_ROW = 1  # spreadsheet row of the header; the first data row is 2

UNIT_REQUIRED = ("code", "name", "kind")
UNIT_OPTIONAL = ("parent_code", "head_nip")
EMPLOYEE_REQUIRED = ("nip", "name", "jabatan_name", "jabatan_kind", "jenjang", "golongan", "education",
                     "unit_code", "rater_nip")
EMPLOYEE_OPTIONAL = ("phone",)

_UNIT_ALIASES = {
    "code": ("kode", "kode_unit", "unit_code", "kode_satker"),
    "name": ("nama", "nama_unit", "unit_name", "unit"),
    "kind": ("jenis", "jenis_unit", "tipe", "type", "unit_kind", "tipologi"),
    "parent_code": ("parent", "induk", "kode_induk", "kode_unit_induk", "unit_induk"),
    "head_nip": ("head", "kepala", "nip_kepala", "kepala_nip", "nip_pimpinan", "pimpinan"),
}
_EMPLOYEE_ALIASES = {
    "nip": ("nip_baru",),
    "name": ("nama", "nama_lengkap", "nama_pegawai"),
    "jabatan_name": ("jabatan", "nama_jabatan"),
    "jabatan_kind": ("jenis_jabatan", "kind", "tipe_jabatan", "kelompok_jabatan"),
    "jenjang": ("jenjang_jabatan", "jenjang_jf"),
    "golongan": ("gol", "golongan_ruang", "gol_ruang", "pangkat_golongan"),
    "education": ("pendidikan", "pendidikan_terakhir", "tingkat_pendidikan"),
    "unit_code": ("kode_unit", "unit", "kode_unit_kerja", "unit_kerja"),
    "rater_nip": ("rater", "penilai", "nip_penilai", "nip_atasan", "atasan", "nip_ppk"),
    "phone": ("telepon", "telp", "hp", "no_hp", "nomor_hp", "no_telepon", "whatsapp", "wa"),
}


class Severity(str, Enum):
    ERROR = "error"  # the row cannot be imported
    WARNING = "warning"  # imported, but someone should look at it


@dataclass(frozen=True)
class Issue:
    row: int | None  # spreadsheet row number (header = 1); None: the file as a whole
    column: str | None  # canonical column name
    code: str
    severity: Severity = Severity.ERROR
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class _HasIssues(Protocol):
    @property
    def issues(self) -> list[Issue]: ...


class IssueSummary:
    """Errors and warnings of anything that has `issues` (a check, an import run). The
    issues are asked of `self` rather than declared here, so a subclass may keep them in
    a field (a check) or compute them (an import run's header issues plus its check's)."""

    @property
    def errors(self: _HasIssues) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self: _HasIssues) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


def header_key(text: str) -> str:
    """'Nama Jabatan ' -> 'nama_jabatan'; 'No. HP' -> 'no_hp'."""
    return re.sub(r"[^0-9a-z]+", "_", str(text).strip().lower()).strip("_")


def map_headers(kind: str, headers: list[str]) -> tuple[dict[int, str], list[Issue]]:
    """Column index -> canonical name, and the header's problems (row 1)."""
    required, optional, aliases = ((UNIT_REQUIRED, UNIT_OPTIONAL, _UNIT_ALIASES) if kind == "units"
                                   else (EMPLOYEE_REQUIRED, EMPLOYEE_OPTIONAL, _EMPLOYEE_ALIASES))
    lookup = {name: name for name in required + optional}
    lookup.update({alias: name for name, names in aliases.items() for alias in names})
    columns: dict[int, str] = {}
    issues: list[Issue] = []
    for index, text in enumerate(headers):
        key = header_key(text or "")
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            issues.append(Issue(HEADER_ROW, None, "unknown_column", Severity.WARNING, {"header": text}))
        elif name in columns.values():
            issues.append(Issue(HEADER_ROW, name, "duplicate_column", params={"header": text}))
        else:
            columns[index] = name
    for name in required:
        if name not in columns.values():
            issues.append(Issue(HEADER_ROW, name, "missing_column"))
    return columns, issues


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.strip().lower())


_JABATAN_KINDS = {
    JabatanKind.JPT_MADYA: ("jptmadya", "pimpinantinggimadya", "jabatanpimpinantinggimadya", "eselon1",
                            "eseloni"),
    JabatanKind.JPT_PRATAMA: ("jptpratama", "pimpinantinggipratama", "jabatanpimpinantinggipratama",
                              "eselon2", "eselonii"),
    JabatanKind.ADMINISTRATOR: ("administrator", "jabatanadministrator", "eselon3", "eseloniii"),
    JabatanKind.PENGAWAS: ("pengawas", "jabatanpengawas", "eselon4", "eseloniv"),
    JabatanKind.FUNGSIONAL: ("fungsional", "jf", "jabatanfungsional", "pejabatfungsional", "fungsionaltertentu"),
    JabatanKind.PELAKSANA: ("pelaksana", "jabatanpelaksana", "pejabatpelaksana", "fungsionalumum", "staf"),
}
_JABATAN_LOOKUP = {alias: kind for kind, names in _JABATAN_KINDS.items() for alias in names}

_UNIT_KIND_ALIASES = {
    "sekretariatdaerah": UnitKind.SETDA, "sekretariatdprd": UnitKind.SETWAN, "dprd": UnitKind.SETWAN,
    "rumahsakit": UnitKind.RSUD, "rumahsakitumumdaerah": UnitKind.RSUD, "subbag": UnitKind.SUBBAGIAN,
    "sekolahdasar": UnitKind.SEKOLAH, "lainnya": UnitKind.OTHER, "lain": UnitKind.OTHER,
    "kantor": UnitKind.OTHER, "subbidang": UnitKind.SEKSI, "subbid": UnitKind.SEKSI,
}


def parse_jabatan_kind(text: str) -> JabatanKind:
    """'jpt_pratama', 'JPT Pratama', 'Fungsional', 'Eselon III' ... -> JabatanKind."""
    kind = _JABATAN_LOOKUP.get(_squash(text))
    if kind is None:
        raise DomainError("invalid_jabatan_kind", value=text)
    return kind


def parse_jenjang(text: str) -> Jenjang:
    """'Ahli Muda', 'AHLI_MUDA', 'terampil' ... -> Jenjang."""
    wanted = _squash(text)
    for jenjang in Jenjang:
        if _squash(jenjang.value) == wanted:
            return jenjang
    raise DomainError("invalid_jenjang", value=text)


def parse_unit_kind(text: str) -> UnitKind:
    wanted = _squash(text)
    for kind in UnitKind:
        if _squash(kind.value) == wanted:
            return kind
    alias = _UNIT_KIND_ALIASES.get(wanted)
    if alias is None:
        raise DomainError("invalid_unit_kind", value=text)
    return alias


_PHONE = re.compile(r"^\+?[0-9]{8,15}$")


def parse_phone(text: str) -> str:
    """Keep a leading + and the digits; refuse anything that is not a phone number."""
    compact = re.sub(r"[\s\-().]", "", text)
    if compact.startswith("8") and len(compact) >= 9:  # a leading 0 lost in a spreadsheet
        compact = "0" + compact
    if not _PHONE.match(compact):
        raise DomainError("invalid_phone", value=text)
    return compact


_UNIT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]{0,39}$")


def parse_unit_code(text: str) -> str:
    """Unit codes compare case-insensitively: stored upper-case."""
    code = text.strip().upper()
    if not _UNIT_CODE.match(code):
        raise DomainError("invalid_unit_code", value=text)
    return code


# A number that went through a float: "1.99001012015031E+17" (how Excel shows, and exports
# to CSV, a number beyond 15 digits; the reader passes XLSX number cells on the same way),
# "199001012015031000.0", or Indonesian "1,99001012015031E+17".
_FLOAT_FORM = re.compile(r"[0-9]+(?:[.,][0-9]*)?(?:E[+]?[0-9]+)?", re.IGNORECASE)


def parse_nip(text: str) -> str:
    """An NIP from a spreadsheet. A number cell keeps only 15 significant digits, so an
    18-digit NIP in one is already another NIP (…031001 -> …031008): refused with
    `nip_number_cell` (format the column as Text), never guessed at. So are 18 digits
    ending in 000 (no NIP does: the sequence starts at 001), the trace Excel's 15 digits leave."""
    compact = text.replace(" ", "")
    through_float = not compact.isdigit() and _FLOAT_FORM.fullmatch(compact) is not None
    if through_float or (len(compact) == 18 and compact.isdigit() and compact.endswith("000")):
        raise DomainError("nip_number_cell", value=text)
    return validate_nip(text)
