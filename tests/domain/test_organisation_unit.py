"""One meaning of "unit" per profile (domain.deciders.organisation_unit), read by every
"which unit / who heads it" question: Banten Ps 1(16) makes the whole Perangkat Daerah the
Unit Organisasi; elsewhere each part of a PD with its own head is one."""
from __future__ import annotations

from domain.deciders import official_for, organisation_unit, route_voluntary_within_unit, unit_head_of, unit_of
from domain.org import Employee, JabatanKind, Unit, UnitKind
from domain.profiles import Role, load_profile

KADIS, SEKRETARIS, ANDI = 1, 2, 3


class Org:
    def __init__(self) -> None:
        self.units = {10: Unit(10, "DKI", "Dinas", UnitKind.DINAS, head_id=KADIS),
                      11: Unit(11, "DKI.SEK", "Sekretariat", UnitKind.SEKRETARIAT, parent_id=10, head_id=SEKRETARIS),
                      12: Unit(12, "DKI.SEK.UM", "Subbagian Umum", UnitKind.SUBBAGIAN, parent_id=11)}
        self.people = {
            KADIS: Employee(KADIS, "197203151998031004", "Kadis", "Kepala Dinas", JabatanKind.JPT_PRATAMA, 10),
            SEKRETARIS: Employee(SEKRETARIS, "197508202000122002", "Sekretaris", "Sekretaris",
                                 JabatanKind.ADMINISTRATOR, 11, rater_id=KADIS),
            ANDI: Employee(ANDI, "199602022022031002", "Andi", "Pengadministrasi", JabatanKind.PELAKSANA, 12,
                           rater_id=SEKRETARIS)}

    def employee(self, i: int) -> Employee | None:
        return self.people.get(i)

    def unit(self, i: int) -> Unit | None:
        return self.units.get(i)


ORG = Org()
BANTEN, NASIONAL = load_profile("banten"), load_profile("nasional")


def test_banten_Ps_1_16_the_unit_is_the_whole_perangkat_daerah():
    assert organisation_unit(ORG, BANTEN, 12).id == 10
    assert unit_of(ORG, BANTEN, ORG.people[ANDI]).id == 10
    assert organisation_unit(ORG, NASIONAL, 12).id == 12


def test_banten_Ps_1_16_the_unit_head_is_the_kepala_dinas():
    andi = ORG.people[ANDI]
    assert unit_head_of(ORG, andi, BANTEN).id == KADIS
    assert unit_head_of(ORG, andi, NASIONAL).id == SEKRETARIS
    assert official_for(ORG, Role.UNIT_HEAD, 12, profile=BANTEN).person.id == KADIS
    assert official_for(ORG, Role.UNIT_HEAD, 12, profile=NASIONAL).person.id == SEKRETARIS
    # nobody heads their own matter: above the Kepala Dinas there is no unit head here
    assert official_for(ORG, Role.UNIT_HEAD, 11, subject=ORG.people[KADIS], profile=BANTEN) is None


def test_banten_Ps_1_16_within_unit_voluntary_application_goes_to_the_kepala_dinas():
    assert route_voluntary_within_unit(ORG, BANTEN, ORG.people[ANDI]).decider_id == KADIS
    assert route_voluntary_within_unit(ORG, NASIONAL, ORG.people[ANDI]).decider_id == SEKRETARIS
