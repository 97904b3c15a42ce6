"""Rule 49 (HSU): work for another unit is tugas tambahan (Ps 19(2)); a JF's credit-point
activity outside their unit needs their own Pimpinan UO's approval (Ps 16(2)).
Org: Dinas 10 (Kadis 1) has Bidang 11 (Kabid 2, with Seksi 13 under it) and Bidang 12 (Kabid 3);
JF Ani 4 sits in Bidang 11, Pelaksana Budi 5 in Seksi 13."""
from __future__ import annotations

import pytest

from domain.additional_duty import credit_activity_approver, is_tugas_tambahan, outside_own_unit
from domain.org import Employee, JabatanKind, Unit, UnitKind
from domain.profiles import load_profile
from domain.report import ReportKind
from domain.report_routing import route_for
from domain.team import Team

KADIS, KABID_A, KABID_B, ANI, BUDI = 1, 2, 3, 4, 5
PROFILES = ["nasional", "banten", "surakarta", "hulu-sungai-utara", "badung", "dharmasraya"]


class Org:
    def __init__(self):
        self.units = {10: Unit(10, "D", "Dinas", UnitKind.DINAS, head_id=KADIS),
                      11: Unit(11, "D.A", "Bidang A", UnitKind.BIDANG, parent_id=10, head_id=KABID_A),
                      12: Unit(12, "D.B", "Bidang B", UnitKind.BIDANG, parent_id=10, head_id=KABID_B),
                      13: Unit(13, "D.A.1", "Seksi A1", UnitKind.SEKSI, parent_id=11)}
        home = {KADIS: 10, KABID_A: 11, KABID_B: 12, ANI: 11, BUDI: 13}
        kinds = {ANI: JabatanKind.FUNGSIONAL, BUDI: JabatanKind.PELAKSANA}
        self.people = {i: Employee(i, f"19900321201503100{i}", f"P{i}", "x",
                                   kinds.get(i, JabatanKind.ADMINISTRATOR), home[i]) for i in home}

    def employee(self, i):
        return self.people.get(i)

    def unit(self, i):
        return self.units.get(i)


ORG = Org()
HSU = load_profile("hulu-sungai-utara")


@pytest.mark.parametrize("person, unit, outside", [
    (ANI, 11, False),   # own unit
    (BUDI, 11, False),  # a Seksi's staff working for its parent Bidang
    (ANI, 13, False),   # a Bidang's JF working for the Seksi under it
    (ANI, 12, True),    # the sibling Bidang: another Unit Organisasi
    (BUDI, 12, True),
])
def test_outside_own_unit_is_neither_unit_in_the_others_line(person, unit, outside):
    assert outside_own_unit(ORG, HSU, ORG.employee(person), unit) is outside


def test_hsu_work_for_another_unit_is_tugas_tambahan():
    """Ps 19(2)."""
    assert is_tugas_tambahan(ORG, HSU, ORG.employee(BUDI), 12)
    assert not is_tugas_tambahan(ORG, HSU, ORG.employee(BUDI), 11)


@pytest.mark.parametrize("profile", [p for p in PROFILES if p != "hulu-sungai-utara"])
def test_other_regions_do_not_flag_tugas_tambahan(profile):
    """The other regulations are silent: nothing is flagged."""
    assert not is_tugas_tambahan(ORG, load_profile(profile), ORG.employee(BUDI), 12)


def test_hsu_credit_activity_for_another_unit_needs_the_jfs_own_unit_head():
    """Ps 16(2): the JF's own Pimpinan UO approves, not the other unit's head."""
    approver = credit_activity_approver(ORG, HSU, ORG.employee(ANI), 12)
    assert approver is not None and approver.id == KABID_A


@pytest.mark.parametrize("person, unit", [(ANI, 11), (ANI, 13), (ANI, None), (BUDI, 12)])
def test_no_credit_approval_within_the_unit_without_a_team_or_for_a_pelaksana(person, unit):
    assert credit_activity_approver(ORG, HSU, ORG.employee(person), unit) is None


@pytest.mark.parametrize("profile", [p for p in PROFILES if p != "hulu-sungai-utara"])
def test_other_regions_need_no_credit_approval(profile):
    assert credit_activity_approver(ORG, load_profile(profile), ORG.employee(ANI), 12) is None


def _member_route(profile, team_unit, credit=True):
    team = Team(7, team_unit, "Tim Data", ketua_id=KABID_B if team_unit == 12 else KABID_A)
    return route_for(ORG, load_profile(profile), ReportKind.MEMBER, ORG.employee(ANI), team=team,
                     credit_activity=credit)


def test_hsu_Ps_16_2_credit_activity_for_another_unit_stops_at_the_jfs_unit_head_first():
    assert _member_route("hulu-sungai-utara", 12) == [KABID_A, KABID_B]
    assert _member_route("hulu-sungai-utara", 12, credit=False) == [KABID_B]
    assert _member_route("hulu-sungai-utara", 11) == [KABID_A]  # own unit: the ketua only


@pytest.mark.parametrize("profile", [p for p in PROFILES if p != "hulu-sungai-utara"])
def test_other_regions_route_credit_activity_as_any_report(profile):
    assert _member_route(profile, 12) == [KABID_B]
