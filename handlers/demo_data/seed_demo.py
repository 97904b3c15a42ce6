"""A small, believable demo Pemda: one Dinas with a Sekretariat and two Bidang, a unit
head, raters, staff, open teams, and a link code for everyone. Names and NIPs are
fictitious (the NIPs are well-formed)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.org import Education, Employee, Golongan, Jenjang, Unit, UnitKind
from domain.org import JabatanKind as JK
from domain.team import Team, TeamKind
from handlers.org.link_codes import issue_code
from storage.uow import UnitOfWork

UNITS = [  # code, name, kind, parent
    ("DKI", "Dinas Komunikasi dan Informatika", UnitKind.DINAS, None),
    ("DKI.SEK", "Sekretariat Dinas Kominfo", UnitKind.SEKRETARIAT, "DKI"),
    ("DKI.APT", "Bidang Aplikasi Informatika", UnitKind.BIDANG, "DKI"),
    ("DKI.IKP", "Bidang Informasi dan Komunikasi Publik", UnitKind.BIDANG, "DKI"),
]

# key, nip, name, jabatan, kind, jenjang, golongan, education, unit, rater key, heads unit
PEOPLE = [
    ("kadis", "197203151998031004", "Dr. Hendra Wijaya, S.Kom., M.T.", "Kepala Dinas", JK.JPT_PRATAMA, None,
     "IV/c", "S3", "DKI", None, "DKI"),
    ("sekretaris", "197508202000122002", "Sri Wahyuni, S.E., M.M.", "Sekretaris", JK.ADMINISTRATOR, None,
     "IV/a", "S2", "DKI.SEK", "kadis", "DKI.SEK"),
    ("kasubbag", "198104112006041003", "Joko Susilo, S.AP.", "Kepala Subbagian Umum dan Kepegawaian",
     JK.PENGAWAS, None, "III/d", "S1", "DKI.SEK", "sekretaris", None),
    ("kabid_apt", "197911052005011002", "Agus Salim, S.T., M.Kom.", "Kepala Bidang Aplikasi Informatika",
     JK.ADMINISTRATOR, None, "IV/a", "S2", "DKI.APT", "kadis", "DKI.APT"),
    ("kabid_ikp", "198002142006042001", "Rina Marlina, S.Sos., M.Si.",
     "Kepala Bidang Informasi dan Komunikasi Publik", JK.ADMINISTRATOR, None, "IV/a", "S2", "DKI.IKP", "kadis",
     "DKI.IKP"),
    ("budi", "199003212015031001", "Budi Santoso, S.Kom.", "Pranata Komputer Ahli Pertama", JK.FUNGSIONAL,
     Jenjang.AHLI_PERTAMA, "III/b", "S1", "DKI.APT", "kabid_apt", None),
    ("dewi", "198807092012122001", "Dewi Lestari, S.T.", "Pranata Komputer Ahli Muda", JK.FUNGSIONAL,
     Jenjang.AHLI_MUDA, "III/c", "S1", "DKI.APT", "kabid_apt", None),
    ("siti", "199205302019032002", "Siti Rahmawati, S.I.Kom.", "Pranata Hubungan Masyarakat Ahli Pertama",
     JK.FUNGSIONAL, Jenjang.AHLI_PERTAMA, "III/a", "S1", "DKI.IKP", "kabid_ikp", None),
    ("yoga", "199411172020121001", "Yoga Pratama, A.Md.", "Pengelola Layanan Informasi", JK.PELAKSANA, None,
     "II/c", "D3", "DKI.IKP", "kabid_ikp", None),
    ("andi", "199602022022031002", "Andi Saputra", "Pengadministrasi Perkantoran", JK.PELAKSANA, None,
     "II/a", "SMA", "DKI.SEK", "kasubbag", None),
]

TEAMS = [
    ("DKI.APT", "Tim Pengembangan Aplikasi Layanan Publik", TeamKind.RUTIN),
    ("DKI.APT", "Tim Keamanan Informasi", TeamKind.INSIDENTAL),
    ("DKI.IKP", "Tim Pengelolaan Media Sosial Pemda", TeamKind.RUTIN),
    ("DKI.SEK", "Tim Penyusunan Laporan Kinerja", TeamKind.RUTIN),
]


@dataclass
class SeededPerson:
    key: str
    employee: Employee
    code: str


async def seed_demo(uow: UnitOfWork, now: dt.datetime, ttl_hours: int = 72) -> list[SeededPerson]:
    units: dict[str, Unit] = {}
    for unit_code, name, unit_kind, parent in UNITS:
        unit = Unit(None, unit_code, name, unit_kind,  # type: ignore[arg-type]  # Unit.id: int, None until flushed
                    parent_id=units[parent].id if parent else None)
        uow.org.add(unit)
        await uow.flush()
        units[unit_code] = unit
    people: dict[str, Employee] = {}
    for key, nip, name, jabatan, jabatan_kind, jenjang, gol, edu, unit_code, rater, heads in PEOPLE:
        emp = Employee(None,  # type: ignore[arg-type]  # Employee.id: int, None until flushed
                       nip, name, jabatan, jabatan_kind, units[unit_code].id, jenjang=jenjang,
                       golongan=Golongan.parse(gol), education=Education(edu),
                       rater_id=people[rater].id if rater else None)
        uow.org.add(emp)
        await uow.flush()
        people[key] = emp
        if heads:
            units[heads].head_id = emp.id
    for unit_code, name, team_kind in TEAMS:
        uow.teams.add(Team(None, units[unit_code].id, name, team_kind))
    seeded = []
    for key, emp in people.items():
        link_code = await issue_code(uow, emp.id, now, ttl_hours)
        seeded.append(SeededPerson(key, emp, link_code.code))
    await uow.flush()
    return seeded
