"""Who a report passes, per profile (rules 40, 41, 45-47, 51), on a small pure org:
Sekretaris 2 heads the Sekretariat 11 (under Kadis 1); Kasubbag 3 rates Andi 4 (ketua);
Dewi 6 is the team's pengendali; Siti 5 is a member."""
from __future__ import annotations

import pytest

from domain.errors import DomainError
from domain.org import Employee, JabatanKind, Unit, UnitKind
from domain.profiles import load_profile
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
    ("nasional", [SEKRETARIS]),                        # product decision 3: direct
    ("dharmasraya", [SEKRETARIS]),                     # Ps 13(2)
    ("banten", [KADIS]),                               # Ps 14(2): the performance owner; Ps 1(16): the whole Dinas
    ("hulu-sungai-utara", [KASUBBAG, SEKRETARIS]),     # Ps 21(2) + rule 51: the rater evaluates first
    ("surakarta", [KASUBBAG, SEKRETARIS]),             # Ps 26(3)(b): through the PPK
])
def test_team_report_route(profile, expected):
    assert route(profile, ReportKind.TEAM) == expected


def test_surakarta_team_report_through_the_pengendali_and_the_rater():
    """Ps 26(3)(b) through the Pengendali; rule 51 keeps the rater's evaluation before the unit head."""
    assert route("surakarta", ReportKind.TEAM, team=WITH_PENGENDALI) == [DEWI, KASUBBAG, SEKRETARIS]
    assert route("nasional", ReportKind.TEAM, team=WITH_PENGENDALI) == [SEKRETARIS]  # no Pengendali there


@pytest.mark.parametrize("profile, expected", [
    ("nasional", [SEKRETARIS]),
    ("banten", [KASUBBAG, KADIS]),                     # rule 47 via the PPK; Ps 1(16): the Kepala Dinas
    ("surakarta", [KASUBBAG, SEKRETARIS]),             # Ps 26(2) direct, but rule 51 puts the rater first
    ("badung", [SEKRETARIS]),
])
def test_individual_report_route(profile, expected):
    assert route(profile, ReportKind.INDIVIDUAL, team=None) == expected


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
