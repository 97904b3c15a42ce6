"""A believable demo Pemda for a regulation profile (`python -m bot seed-demo`): a
Sekretariat Daerah (Sekda, Asisten, Kabag, Kasubbag), two Dinas of different typology
(Dinas Kesehatan: two levels, JF under the Kabid; Dinas Perhubungan: three levels with
Seksi), a Puskesmas led by a JF, and a Kecamatan — about 60 people with region-flavoured
names, fictitious but well-formed NIPs, and raters as docs/RULES.md (typologies) sets them out for
the profile's typology. A province (Banten) has no Kecamatan or Puskesmas of its own; they
are kept so every profile's demo shows the same shapes."""
from __future__ import annotations

import datetime as dt
import random

from domain.org import Education, Employee, Golongan, Unit, validate_nip
from domain.org import JabatanKind as JK
from domain.org import Jenjang as J
from domain.org import UnitKind as UK
from domain.profiles import load_profile
from domain.team import Team, TeamKind
from handlers.demo_data.names import NAMES, PLACES
from handlers.demo_data.seed_demo import SeededPerson
from handlers.org.link_codes import issue_code
from storage.uow import UnitOfWork

UNITS = [  # code, name ({region}/{kec}/{pkm} filled in), kind, parent
    ("SETDA", "Sekretariat Daerah {region}", UK.SETDA, None),
    ("SETDA.AS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", UK.OTHER, "SETDA"),
    ("SETDA.AS3", "Asisten Administrasi Umum", UK.OTHER, "SETDA"),
    ("SETDA.PEM", "Bagian Pemerintahan", UK.BAGIAN, "SETDA.AS1"),
    ("SETDA.HUK", "Bagian Hukum", UK.BAGIAN, "SETDA.AS1"),
    ("SETDA.ORG", "Bagian Organisasi", UK.BAGIAN, "SETDA.AS3"),
    ("SETDA.UMUM", "Bagian Umum", UK.BAGIAN, "SETDA.AS3"),
    ("DINKES", "Dinas Kesehatan", UK.DINAS, None),
    ("DINKES.SEK", "Sekretariat Dinas Kesehatan", UK.SEKRETARIAT, "DINKES"),
    ("DINKES.YANKES", "Bidang Pelayanan Kesehatan", UK.BIDANG, "DINKES"),
    ("DINKES.P2P", "Bidang Pencegahan dan Pengendalian Penyakit", UK.BIDANG, "DINKES"),
    ("PKM", "UPTD Puskesmas {pkm}", UK.PUSKESMAS, "DINKES"),
    ("DISHUB", "Dinas Perhubungan", UK.DINAS, None),
    ("DISHUB.SEK", "Sekretariat Dinas Perhubungan", UK.SEKRETARIAT, "DISHUB"),
    ("DISHUB.LALIN", "Bidang Lalu Lintas", UK.BIDANG, "DISHUB"),
    ("DISHUB.LALIN.MR", "Seksi Manajemen dan Rekayasa Lalu Lintas", UK.SEKSI, "DISHUB.LALIN"),
    ("DISHUB.ANGK", "Bidang Angkutan", UK.BIDANG, "DISHUB"),
    ("DISHUB.ANGK.AO", "Seksi Angkutan Orang", UK.SEKSI, "DISHUB.ANGK"),
    ("KEC", "Kecamatan {kec}", UK.KECAMATAN, None),
    ("KEC.SEK", "Sekretariat Kecamatan", UK.SEKRETARIAT, "KEC"),
    ("KEC.PEM", "Seksi Pemerintahan", UK.SEKSI, "KEC"),
    ("KEC.KESOS", "Seksi Kesejahteraan Sosial", UK.SEKSI, "KEC"),
]

# key, unit, jabatan, kind, jenjang, golongan, education, degree ("|" = the name), sex digit (1 male,
# 2 female), rater, unit headed. A rater given as {profile: key, "*": default} follows the profile's
# typology where they differ (docs/RULES.md (typologies)), e.g. Surakarta puts a Setda JF Madya under the Asisten.
PEOPLE = [
    ("sekda", "SETDA", "Sekretaris Daerah", JK.JPT_PRATAMA, None, "IV/d", "S3", "Dr. |, M.Si.", 1, None, "SETDA"),
    ("asisten1", "SETDA.AS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", JK.JPT_PRATAMA, None, "IV/c", "S2",
     "|, S.H., M.H.", 1, "sekda", "SETDA.AS1"),
    ("asisten3", "SETDA.AS3", "Asisten Administrasi Umum", JK.JPT_PRATAMA, None, "IV/c", "S2", "|, S.E., M.M.", 2,
     "sekda", "SETDA.AS3"),
    ("kabag_pem", "SETDA.PEM", "Kepala Bagian Pemerintahan", JK.ADMINISTRATOR, None, "IV/b", "S2",
     "|, S.STP., M.Si.", 1, "asisten1", "SETDA.PEM"),
    ("kabag_hukum", "SETDA.HUK", "Kepala Bagian Hukum", JK.ADMINISTRATOR, None, "IV/a", "S2", "|, S.H., M.H.", 2,
     "asisten1", "SETDA.HUK"),
    ("kabag_org", "SETDA.ORG", "Kepala Bagian Organisasi", JK.ADMINISTRATOR, None, "IV/a", "S2", "|, S.Sos., M.AP.",
     1, "asisten3", "SETDA.ORG"),
    ("kabag_umum", "SETDA.UMUM", "Kepala Bagian Umum", JK.ADMINISTRATOR, None, "IV/a", "S1", "|, S.E.", 2,
     "asisten3", "SETDA.UMUM"),
    ("kasubbag_tu", "SETDA.UMUM", "Kepala Subbagian Tata Usaha Pimpinan", JK.PENGAWAS, None, "III/d", "S1",
     "|, S.AP.", 1, "kabag_umum", None),
    ("analis_madya", "SETDA.PEM", "Analis Kebijakan Ahli Madya", JK.FUNGSIONAL, J.AHLI_MADYA, "IV/b", "S2",
     "|, S.IP., M.Si.", 2, {"*": "kabag_pem", "surakarta": "asisten1"}, None),
    ("analis_pertama", "SETDA.PEM", "Analis Kebijakan Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/b", "S1",
     "|, S.IP.", 1, "kabag_pem", None),
    ("perancang_muda", "SETDA.HUK", "Perancang Peraturan Perundang-undangan Ahli Muda", JK.FUNGSIONAL, J.AHLI_MUDA,
     "III/d", "S2", "|, S.H., M.Kn.", 2, "kabag_hukum", None),
    ("analis_sdm", "SETDA.ORG", "Analis Sumber Daya Manusia Aparatur Ahli Muda", JK.FUNGSIONAL, J.AHLI_MUDA,
     "III/c", "S1", "|, S.Psi.", 2, "kabag_org", None),
    ("arsiparis", "SETDA.UMUM", "Arsiparis Terampil", JK.FUNGSIONAL, J.TERAMPIL, "II/d", "D3", "|, A.Md.", 2,
     {"*": "kabag_umum", "badung": "kasubbag_tu"}, None),
    ("staf_umum", "SETDA.UMUM", "Pengadministrasi Perkantoran", JK.PELAKSANA, None, "II/b", "SMA", "|", 1,
     "kasubbag_tu", None),
    ("staf_pem", "SETDA.PEM", "Pengolah Data dan Informasi", JK.PELAKSANA, None, "III/a", "S1", "|, S.Kom.", 1,
     "kabag_pem", None),
    ("kadinkes", "DINKES", "Kepala Dinas Kesehatan", JK.JPT_PRATAMA, None, "IV/c", "S2", "dr. |, M.Kes.", 2, "sekda",
     "DINKES"),
    ("sek_dinkes", "DINKES.SEK", "Sekretaris Dinas Kesehatan", JK.ADMINISTRATOR, None, "IV/b", "S2",
     "|, S.K.M., M.Kes.", 1, "kadinkes", "DINKES.SEK"),
    ("kasubbag_dinkes", "DINKES.SEK", "Kepala Subbagian Umum dan Kepegawaian", JK.PENGAWAS, None, "III/d", "S1",
     "|, S.E.", 2, "sek_dinkes", None),
    ("kabid_yankes", "DINKES.YANKES", "Kepala Bidang Pelayanan Kesehatan", JK.ADMINISTRATOR, None, "IV/a", "S2",
     "dr. |, M.P.H.", 2, "kadinkes", "DINKES.YANKES"),
    ("kabid_p2p", "DINKES.P2P", "Kepala Bidang Pencegahan dan Pengendalian Penyakit", JK.ADMINISTRATOR, None, "IV/a",
     "S2", "|, S.K.M., M.Epid.", 1, "kadinkes", "DINKES.P2P"),
    ("admkes_madya", "DINKES.YANKES", "Administrator Kesehatan Ahli Madya", JK.FUNGSIONAL, J.AHLI_MADYA, "IV/b", "S2",
     "|, S.K.M., M.Kes.", 1, {"*": "kabid_yankes", "surakarta": "kadinkes"}, None),
    ("admkes_muda", "DINKES.YANKES", "Administrator Kesehatan Ahli Muda", JK.FUNGSIONAL, J.AHLI_MUDA, "III/d", "S2",
     "|, S.K.M., M.Kes.", 2, "kabid_yankes", None),
    ("epidemiolog", "DINKES.P2P", "Epidemiolog Kesehatan Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/b", "S1",
     "|, S.K.M.", 1, "kabid_p2p", None),
    ("sanitarian", "DINKES.P2P", "Sanitarian Terampil", JK.FUNGSIONAL, J.TERAMPIL, "II/d", "D3", "|, A.Md.K.L.", 2,
     "kabid_p2p", None),
    ("analis_keu", "DINKES.SEK", "Analis Keuangan Pusat dan Daerah Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA,
     "III/a", "S1", "|, S.E.", 2, {"*": "sek_dinkes", "badung": "kasubbag_dinkes"}, None),
    ("prakom_dinkes", "DINKES.SEK", "Pranata Komputer Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/b", "S1",
     "|, S.Kom.", 1, "sek_dinkes", None),
    ("staf_dinkes", "DINKES.SEK", "Pengelola Kepegawaian", JK.PELAKSANA, None, "II/c", "D3", "|, A.Md.", 1,
     "kasubbag_dinkes", None),
    ("staf_yankes", "DINKES.YANKES", "Pengolah Data Pelayanan Kesehatan", JK.PELAKSANA, None, "III/a", "S1",
     "|, S.K.M.", 2, "kabid_yankes", None),
    ("staf_p2p", "DINKES.P2P", "Pengelola Data Surveilans", JK.PELAKSANA, None, "II/c", "D3", "|, A.Md.", 2,
     "kabid_p2p", None),
    ("kapus", "PKM", "Dokter Ahli Madya (Kepala Puskesmas)", JK.FUNGSIONAL, J.AHLI_MADYA, "IV/a", "S1", "dr. |", 2,
     "kadinkes", "PKM"),
    ("kasubbag_pkm", "PKM", "Kepala Subbagian Tata Usaha", JK.PENGAWAS, None, "III/c", "S1", "|, S.E.", 1, "kapus",
     None),
    ("perawat", "PKM", "Perawat Ahli Muda", JK.FUNGSIONAL, J.AHLI_MUDA, "III/c", "S1", "|, S.Kep., Ners", 2, "kapus",
     None),
    ("perawat_t", "PKM", "Perawat Terampil", JK.FUNGSIONAL, J.TERAMPIL, "II/d", "D3", "|, A.Md.Kep.", 1, "kapus",
     None),
    ("bidan", "PKM", "Bidan Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/a", "S1", "|, S.Tr.Keb.", 2, "kapus",
     None),
    ("apoteker", "PKM", "Apoteker Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/b", "S1", "apt. |, S.Farm.", 2,
     "kapus", None),
    ("nutrisionis", "PKM", "Nutrisionis Terampil", JK.FUNGSIONAL, J.TERAMPIL, "II/c", "D3", "|, A.Md.Gz.", 2, "kapus",
     None),
    # Surakarta (and the national default): Kasubbag TU rates the Pelaksana; elsewhere the JF head rates all.
    ("staf_pkm", "PKM", "Pengadministrasi Umum", JK.PELAKSANA, None, "II/a", "SMA", "|", 1,
     {"*": "kapus", "surakarta": "kasubbag_pkm", "nasional": "kasubbag_pkm"}, None),
    ("kadishub", "DISHUB", "Kepala Dinas Perhubungan", JK.JPT_PRATAMA, None, "IV/c", "S2", "|, S.T., M.T.", 1,
     "sekda", "DISHUB"),
    ("sek_dishub", "DISHUB.SEK", "Sekretaris Dinas Perhubungan", JK.ADMINISTRATOR, None, "IV/a", "S2",
     "|, S.Sos., M.M.", 2, "kadishub", "DISHUB.SEK"),
    ("kasubbag_dishub", "DISHUB.SEK", "Kepala Subbagian Umum dan Kepegawaian", JK.PENGAWAS, None, "III/d", "S1",
     "|, S.AP.", 1, "sek_dishub", None),
    ("kabid_lalin", "DISHUB.LALIN", "Kepala Bidang Lalu Lintas", JK.ADMINISTRATOR, None, "IV/a", "S1", "|, S.SiT.", 1,
     "kadishub", "DISHUB.LALIN"),
    ("kasi_mr", "DISHUB.LALIN.MR", "Kepala Seksi Manajemen dan Rekayasa Lalu Lintas", JK.PENGAWAS, None, "III/d",
     "S1", "|, S.T.", 1, "kabid_lalin", "DISHUB.LALIN.MR"),
    ("kabid_angk", "DISHUB.ANGK", "Kepala Bidang Angkutan", JK.ADMINISTRATOR, None, "IV/a", "S2", "|, S.T., M.Sc.",
     2, "kadishub", "DISHUB.ANGK"),
    ("kasi_ao", "DISHUB.ANGK.AO", "Kepala Seksi Angkutan Orang", JK.PENGAWAS, None, "III/c", "S1", "|, S.E.", 2,
     "kabid_angk", "DISHUB.ANGK.AO"),
    ("penguji_m", "DISHUB.ANGK", "Penguji Kendaraan Bermotor Mahir", JK.FUNGSIONAL, J.MAHIR, "III/b", "D3",
     "|, A.Md.", 1, {"*": "kabid_angk", "badung": "kasi_ao"}, None),
    ("penguji_t", "DISHUB.ANGK", "Penguji Kendaraan Bermotor Terampil", JK.FUNGSIONAL, J.TERAMPIL, "II/c", "D3",
     "|, A.Md.", 1, {"*": "kabid_angk", "badung": "kasi_ao"}, None),
    ("perencana", "DISHUB.LALIN", "Perencana Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/a", "S1",
     "|, S.T.", 2, "kabid_lalin", None),
    # HSU Model 1 (transport): JF and Pelaksana sit under the Kabid, not the Kasi.
    ("staf_lalin", "DISHUB.LALIN.MR", "Petugas Pengatur Lalu Lintas", JK.PELAKSANA, None, "II/b", "SMA", "|", 1,
     {"*": "kasi_mr", "hulu-sungai-utara": "kabid_lalin"}, None),
    ("staf_angk", "DISHUB.ANGK.AO", "Pengelola Sarana dan Prasarana Angkutan", JK.PELAKSANA, None, "II/c", "D3",
     "|, A.Md.", 2, {"*": "kasi_ao", "hulu-sungai-utara": "kabid_angk"}, None),
    ("staf_dishub", "DISHUB.SEK", "Pengadministrasi Keuangan", JK.PELAKSANA, None, "II/b", "SMA", "|", 2,
     "kasubbag_dishub", None),
    ("camat", "KEC", "Camat {kec}", JK.ADMINISTRATOR, None, "IV/a", "S2", "|, S.STP., M.Si.", 1, "sekda", "KEC"),
    ("sekcam", "KEC.SEK", "Sekretaris Kecamatan", JK.ADMINISTRATOR, None, "III/d", "S1", "|, S.IP.", 2, "camat",
     "KEC.SEK"),
    ("kasubbag_kec", "KEC.SEK", "Kepala Subbagian Umum dan Kepegawaian", JK.PENGAWAS, None, "III/c", "S1",
     "|, S.Sos.", 1, "sekcam", None),
    ("kasi_pem", "KEC.PEM", "Kepala Seksi Pemerintahan", JK.PENGAWAS, None, "III/d", "S1", "|, S.H.", 1, "camat",
     "KEC.PEM"),
    ("kasi_kesos", "KEC.KESOS", "Kepala Seksi Kesejahteraan Sosial", JK.PENGAWAS, None, "III/c", "S1",
     "|, S.Sos.", 2, "camat", "KEC.KESOS"),
    ("prakom_kec", "KEC.SEK", "Pranata Komputer Ahli Pertama", JK.FUNGSIONAL, J.AHLI_PERTAMA, "III/a", "S1",
     "|, S.Kom.", 1, "sekcam", None),
    ("staf_kec", "KEC.SEK", "Pengadministrasi Umum", JK.PELAKSANA, None, "II/a", "SMA", "|", 2, "kasubbag_kec", None),
    ("staf_kec_pem", "KEC.PEM", "Pengadministrasi Pemerintahan", JK.PELAKSANA, None, "II/c", "D3", "|, A.Md.", 1,
     "kasi_pem", None),
    ("staf_kesos", "KEC.KESOS", "Pengelola Data Kesejahteraan Sosial", JK.PELAKSANA, None, "II/d", "D3",
     "|, A.Md.", 2, "kasi_kesos", None),
    ("staf_kesos2", "KEC.KESOS", "Pengadministrasi Umum", JK.PELAKSANA, None, "II/a", "SMA", "|", 1, "kasi_kesos",
     None),
]

TEAMS = [  # unit, name, kind, ketua key (or None)
    ("SETDA.PEM", "Tim Evaluasi Penyelenggaraan Pemerintahan Daerah", TeamKind.RUTIN, "analis_madya"),
    ("SETDA.HUK", "Tim Penyusunan Rancangan Peraturan {kepala}", TeamKind.RUTIN, "perancang_muda"),
    ("SETDA.ORG", "Tim Reformasi Birokrasi", TeamKind.RUTIN, "analis_sdm"),
    ("SETDA.ORG", "Tim Penyederhanaan Birokrasi", TeamKind.INSIDENTAL, None),
    ("DINKES.YANKES", "Tim Akreditasi Fasilitas Kesehatan", TeamKind.RUTIN, "admkes_madya"),
    ("DINKES.P2P", "Tim Percepatan Penurunan Stunting", TeamKind.INSIDENTAL, "epidemiolog"),
    ("DINKES.P2P", "Tim Surveilans Penyakit Menular", TeamKind.RUTIN, None),
    ("PKM", "Tim Posyandu Lansia", TeamKind.RUTIN, "perawat"),
    ("PKM", "Tim Imunisasi Anak Sekolah", TeamKind.INSIDENTAL, None),
    ("DISHUB.LALIN", "Tim Kajian Manajemen Rekayasa Lalu Lintas", TeamKind.RUTIN, "perencana"),
    ("DISHUB.ANGK", "Tim Uji Berkala Kendaraan Bermotor", TeamKind.RUTIN, "penguji_m"),
    ("KEC", "Tim Pelayanan Administrasi Terpadu Kecamatan", TeamKind.RUTIN, None),
    ("KEC.KESOS", "Tim Verifikasi Data Bantuan Sosial", TeamKind.INSIDENTAL, None),
]

_BORN = {  # birth years by jabatan kind (JF by jenjang)
    JK.JPT_MADYA: (1966, 1972), JK.JPT_PRATAMA: (1967, 1976), JK.ADMINISTRATOR: (1970, 1983),
    JK.PENGAWAS: (1975, 1988), JK.PELAKSANA: (1988, 2000), J.AHLI_UTAMA: (1965, 1972),
    J.AHLI_MADYA: (1970, 1982), J.AHLI_MUDA: (1978, 1989), J.AHLI_PERTAMA: (1989, 1997),
}


def _rater(spec: str | dict | None, profile: str) -> str | None:
    if isinstance(spec, dict):
        return spec.get(profile, spec["*"])
    return spec


def _nip(rng: random.Random, kind: JK, jenjang: J | None, sex: int, taken: set[str]) -> str:
    low, high = _BORN.get(jenjang, _BORN.get(kind, (1984, 1996))) if jenjang else _BORN[kind]
    while True:
        born = dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
        year = min(born.year + rng.randint(23, 29), 2023)
        nip = f"{born:%Y%m%d}{year}{rng.choice([1, 2, 3, 12]):02d}{sex}{rng.randint(1, 999):03d}"
        if nip not in taken:
            taken.add(validate_nip(nip))
            return nip


def _titled(name: str, degree: str) -> str:
    return degree.replace("|", name)


async def seed_pemda(uow: UnitOfWork, profile_name: str, now: dt.datetime, ttl_hours: int = 72
                     ) -> list[SeededPerson]:
    profile = load_profile(profile_name)
    region = PLACES.get(profile.name, PLACES["nasional"])
    names = NAMES.get(profile.name, NAMES["nasional"])
    rng = random.Random(f"sikerja-{profile.name}")
    fill = {"region": region["region"], "kec": region["kec"], "pkm": region["pkm"],
            "kepala": {"kota": "Wali Kota", "provinsi": "Gubernur"}.get(profile.level.value, "Bupati")}
    units: dict[str, Unit] = {}
    for unit_code, name, unit_kind, parent in UNITS:
        unit = Unit(None,  # type: ignore[arg-type]  # Unit.id: int, None until flushed
                    unit_code, name.format(**fill), unit_kind, parent_id=units[parent].id if parent else None)
        uow.org.add(unit)
        await uow.flush()
        units[unit_code] = unit
    pools = {1: rng.sample(names[1], len(names[1])), 2: rng.sample(names[2], len(names[2]))}
    people: dict[str, Employee] = {}
    taken: set[str] = set()
    for key, unit_code, jabatan, listed_kind, jenjang, gol, edu, degree, sex, rater, heads in PEOPLE:
        jabatan_kind = JK.JPT_MADYA if key == "sekda" and profile.level.value == "provinsi" else listed_kind
        rater_key = _rater(rater, profile.name)
        emp = Employee(None,  # type: ignore[arg-type]  # Employee.id: int, None until flushed
                       _nip(rng, jabatan_kind, jenjang, sex, taken), _titled(pools[sex].pop(), degree),
                       jabatan.format(**fill), jabatan_kind, units[unit_code].id, jenjang=jenjang,
                       golongan=Golongan.parse(gol),
                       education=Education(edu), rater_id=people[rater_key].id if rater_key else None)
        uow.org.add(emp)
        await uow.flush()
        people[key] = emp
        if heads:
            units[heads].head_id = emp.id
    for unit_code, name, team_kind, ketua in TEAMS:
        uow.teams.add(Team(None, units[unit_code].id, name.format(**fill), team_kind,
                           ketua_id=people[ketua].id if ketua else None))
    seeded = [SeededPerson(key, emp, (await issue_code(uow, emp.id, now, ttl_hours)).code)
              for key, emp in people.items()]
    await uow.flush()
    return seeded
