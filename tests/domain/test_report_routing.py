"""Who a report passes, per profile (rules 40, 41, 45-47, 51), on a small pure org:
Sekretaris 2 heads the Sekretariat 11 (under Kadis 1); Kasubbag 3 rates Andi 4 (ketua);
Dewi 6 is the team's pengendali; Siti 5 is a member."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.acting import ActingKind, ActingOfficial
from domain.deciders import official_for
from domain.errors import DomainError
from domain.org import Employee, JabatanKind, Jenjang, Unit, UnitKind
from domain.profiles import Role, load_profile
from domain.report import Report, ReportKind
from domain.report_routing import rater_evaluated, route_for
from domain.team import Team

KADIS, SEKRETARIS, KASUBBAG, ANDI, SITI, DEWI = 1, 2, 3, 4, 5, 6


class Org:
    def __init__(self):
        self.units = {10: Unit(10, "DKI", "Dinas", UnitKind.DINAS, head_id=KADIS),
                      11: Unit(11, "DKI.SEK", "Sekretariat", UnitKind.SEKRETARIAT, parent_id=10, head_id=SEKRETARIS)}
        raters = {SEKRETARIS: KADIS, KASUBBAG: SEKRETARIS, ANDI: KASUBBAG, SITI: KASUBBAG, DEWI: SEKRETARIS}
        self.people = {i: Employee(i, f"19900321201503100{i}", f"P{i}", "x", JabatanKind.FUNGSIONAL,
                                   10 if i == KADIS else 11, rater_id=raters.get(i)) for i in range(1, 7)}

    def employee(self, i):
        return self.people.get(i)

    def unit(self, i):
        return self.units.get(i)


ORG = Org()
TEAM = Team(7, 11, "Tim Laporan Kinerja", ketua_id=ANDI)
WITH_PENGENDALI = Team(8, 11, "Tim Laporan Kinerja", ketua_id=ANDI, pengendali_id=DEWI)


def route(profile, kind, author=ANDI, team=TEAM, **kw):
    return route_for(ORG, load_profile(profile), kind, ORG.employee(author), team=team, **kw)


@pytest.mark.parametrize("profile", ["nasional", "banten", "surakarta", "hulu-sungai-utara", "badung", "dharmasraya"])
def test_member_reports_go_to_the_ketua_only(profile):
    """Rule 40."""
    assert route(profile, ReportKind.MEMBER, author=SITI) == [ANDI]


@pytest.mark.parametrize("profile, expected", [
    # Reports go direct to the unit head, but rule 51 has the rater (Level 2) review them first:
    ("nasional", [KASUBBAG, SEKRETARIS]),              # product decision 3; PermenPANRB Tahapan Evaluasi
    ("dharmasraya", [KASUBBAG, SEKRETARIS]),           # Ps 13(2); Lamp. Kedudukan b(6), c(1)-(3)
    ("banten", [KASUBBAG, KADIS]),                     # Ps 14(2), Ps 1(16): the Kepala Dinas; Lamp. A.2.c, A.3
    ("badung", [KASUBBAG, SEKRETARIS]),                # Ps 11(2); Lamp. I II.A.2.c, II.A.3
    ("hulu-sungai-utara", [KASUBBAG, SEKRETARIS]),     # Ps 21(2) + rule 51: the rater evaluates first
    ("surakarta", [KASUBBAG, SEKRETARIS]),             # Ps 26(3)(b): through the PPK
])
def test_team_report_route(profile, expected):
    assert route(profile, ReportKind.TEAM) == expected


def test_surakarta_team_report_through_the_pengendali_and_the_rater():
    """Ps 26(3)(b) through the Pengendali; rule 51 keeps the rater's evaluation before the unit head."""
    assert route("surakarta", ReportKind.TEAM, team=WITH_PENGENDALI) == [DEWI, KASUBBAG, SEKRETARIS]
    assert route("nasional", ReportKind.TEAM, team=WITH_PENGENDALI) == [KASUBBAG, SEKRETARIS]  # no Pengendali


@pytest.mark.parametrize("profile, expected", [
    ("nasional", [KASUBBAG, SEKRETARIS]),              # rule 51: PermenPANRB Tahapan Evaluasi
    ("banten", [KASUBBAG, KADIS]),                     # rule 47 via the PPK; Ps 1(16): the Kepala Dinas
    ("surakarta", [KASUBBAG, SEKRETARIS]),             # Ps 26(2) direct, but rule 51 puts the rater first
    ("badung", [KASUBBAG, SEKRETARIS]),                # rule 51: Lamp. I II.A.2.c, II.A.3
    ("dharmasraya", [KASUBBAG, SEKRETARIS]),           # rule 51: Lamp. Kedudukan b(6), c(1)-(3)
    ("hulu-sungai-utara", [KASUBBAG, SEKRETARIS]),     # rule 51: Lamp. II A.1.3.a
])
def test_individual_report_route(profile, expected):
    assert route(profile, ReportKind.INDIVIDUAL, team=None) == expected


@pytest.mark.parametrize("profile", ["nasional", "banten", "surakarta", "hulu-sungai-utara", "badung", "dharmasraya"])
def test_one_stop_only_where_the_rater_is_the_unit_head(profile):
    """Rule 51: the Sekretaris's rater is the Kadis, who also heads the unit over them, so one
    official reviews and accepts; two levels only where the unit head and the Penilai differ."""
    assert route(profile, ReportKind.INDIVIDUAL, author=SEKRETARIS, team=None) == [KADIS]


def test_a_requested_report_goes_back_to_whoever_asked():
    """Rule 41."""
    assert route("banten", ReportKind.TEAM, requester_id=KADIS) == [KADIS]
    with pytest.raises(DomainError):
        route("banten", ReportKind.INDIVIDUAL, requester_id=ANDI)


def test_team_without_ketua_has_no_member_route():
    with pytest.raises(DomainError) as err:
        route("nasional", ReportKind.MEMBER, author=SITI, team=Team(9, 11, "Tanpa ketua"))
    assert err.value.code == "team_has_no_ketua"


def test_rater_evaluated_only_once_the_rater_has_passed_it():
    r = Report(1, ReportKind.TEAM, ANDI, "2026-Q4", route=[KASUBBAG, SEKRETARIS], hop=1)
    assert rater_evaluated(r, ORG.employee(KASUBBAG))
    assert not rater_evaluated(Report(2, ReportKind.TEAM, ANDI, "2026-Q4", route=[SEKRETARIS], hop=0),
                               ORG.employee(KASUBBAG))
    assert rater_evaluated(Report(3, ReportKind.TEAM, ANDI, "2026-Q4", route=[SEKRETARIS], hop=0), None)


# --- Rule 46: a Setda JF Ahli Madya (Surakarta Lamp. VI.1.b, seed line 1143) ---------------------
# The Surakarta Setda typology (Lamp. III 2.1.a): Sekda 20 heads the Setda 30; Asisten 21 heads the
# Asisten unit 31; Kabag 22 heads Bagian Pemerintahan 32, where JF Madya 23 (rated by the Asisten)
# and JF Muda 24 (rated by the Kabag) sit; Kepala Dinas 25 heads Dinas 33, where JF Madya 26 sits.
SEKDA, ASISTEN, KABAG, MADYA, MUDA, KADINKES, MADYA_DINAS, PLT = 20, 21, 22, 23, 24, 25, 26, 27


class SetdaOrg:
    def __init__(self, acting=()):
        self.units = {30: Unit(30, "SETDA", "Sekretariat Daerah", UnitKind.SETDA, head_id=SEKDA),
                      31: Unit(31, "SETDA.AS1", "Asisten Pemerintahan", UnitKind.OTHER, parent_id=30, head_id=ASISTEN),
                      32: Unit(32, "SETDA.PEM", "Bagian Pemerintahan", UnitKind.BAGIAN, parent_id=31, head_id=KABAG),
                      33: Unit(33, "DINKES", "Dinas Kesehatan", UnitKind.DINAS, head_id=KADINKES)}
        spec = {SEKDA: (JabatanKind.JPT_PRATAMA, None, 30, None), ASISTEN: (JabatanKind.JPT_PRATAMA, None, 31, SEKDA),
                KABAG: (JabatanKind.ADMINISTRATOR, None, 32, ASISTEN),
                MADYA: (JabatanKind.FUNGSIONAL, Jenjang.AHLI_MADYA, 32, ASISTEN),
                MUDA: (JabatanKind.FUNGSIONAL, Jenjang.AHLI_MUDA, 32, KABAG),
                KADINKES: (JabatanKind.JPT_PRATAMA, None, 33, SEKDA),
                MADYA_DINAS: (JabatanKind.FUNGSIONAL, Jenjang.AHLI_MADYA, 33, KADINKES),
                PLT: (JabatanKind.PELAKSANA, None, 32, KABAG)}
        self.people = {i: Employee(i, f"1990032120150310{i}", f"P{i}", "x", kind, unit, jenjang=jenjang, rater_id=rater)
                       for i, (kind, jenjang, unit, rater) in spec.items()}
        self.acting, self.day, self.setda_id = acting, dt.date(2026, 11, 2), 30

    def employee(self, i):
        return self.people.get(i)

    def unit(self, i):
        return self.units.get(i)


def test_the_kepala_bagian_of_a_setda_jf_is_the_head_of_their_bagian():
    """Role.KABAG resolves through deciders.official_for, Plt/Plh applied as for every post."""
    org = SetdaOrg()
    assert official_for(org, Role.KABAG, 32, subject=org.employee(MADYA)).person.id == KABAG
    assert official_for(org, Role.KABAG, 31) is None and official_for(org, Role.KABAG, 33) is None  # no Bagian
    plt = ActingOfficial(1, KABAG, PLT, ActingKind.PLT, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    found = official_for(SetdaOrg(acting=(plt,)), Role.KABAG, 32, subject=org.employee(MADYA))
    assert (found.person.id, found.acting_for_id) == (PLT, KABAG)


def test_r46_surakarta_setda_jf_madya_reports_via_the_penilai_and_the_kabag_to_the_sekda():
    """Lamp. VI.1.b: "kepada Pimpinan Unit Organisasi melalui Pejabat Penilai Kinerja dan Kepala Bagian";
    the addressee is above both (the Setda's Pimpinan, the Sekda)."""
    org = SetdaOrg()
    surakarta = load_profile("surakarta")
    assert route_for(org, surakarta, ReportKind.INDIVIDUAL, org.employee(MADYA)) == [ASISTEN, KABAG, SEKDA]
    # not a Setda JF Madya: the ordinary route (Ps 26(2), rule 51)
    assert route_for(org, surakarta, ReportKind.INDIVIDUAL, org.employee(MUDA)) == [KABAG]
    assert route_for(org, surakarta, ReportKind.INDIVIDUAL, org.employee(MADYA_DINAS)) == [KADINKES]


@pytest.mark.parametrize("profile", ["nasional", "banten", "hulu-sungai-utara", "badung", "dharmasraya"])
def test_r46_no_kabag_hop_outside_surakarta(profile):
    org = SetdaOrg()
    assert KABAG not in route_for(org, load_profile(profile), ReportKind.INDIVIDUAL, org.employee(MADYA))[:-1]
