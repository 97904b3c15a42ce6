"""Acting officials (Plt/Plh): who stands in on which day, and how routing follows them."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.acting import (
    ActingKind,
    ActingOfficial,
    end_acting,
    new_acting,
    parse_period,
    stand_in,
)
from domain.deciders import official_for, resolve_role, route_voluntary_within_unit
from domain.errors import DomainError
from domain.org import Employee, JabatanKind, Unit, UnitKind
from domain.profiles import Role, load_profile

D = dt.date
TODAY = D(2026, 11, 23)


START, END = D(2026, 11, 20), D(2026, 11, 30)


def rec(official, acting, start=START, end=END, kind=ActingKind.PLT, rid=1):
    return ActingOfficial(rid, official, acting, kind, start, end)


class Org:
    """Kadis 1 heads DKI; Kabid 2 heads DKI.APT; Budi 3 and Dewi 4 work there; Rina 5 is another Kabid."""

    def __init__(self, acting=(), day=TODAY):
        self.units = {10: Unit(10, "DKI", "Dinas", UnitKind.DINAS, head_id=1),
                      11: Unit(11, "DKI.APT", "Bidang", UnitKind.BIDANG, parent_id=10, head_id=2)}
        kinds = {1: JabatanKind.JPT_PRATAMA, 2: JabatanKind.ADMINISTRATOR, 5: JabatanKind.ADMINISTRATOR}
        self.people = {i: Employee(i, f"19900321201503100{i}", f"P{i}", "x", kinds.get(i, JabatanKind.FUNGSIONAL),
                                   10 if i in (1, 5) else 11, rater_id={3: 2, 4: 2, 2: 1}.get(i)) for i in range(1, 6)}
        self.acting, self.day = tuple(acting), day

    def employee(self, i):
        return self.people.get(i)

    def unit(self, i):
        return self.units.get(i)


def test_stand_in_only_within_the_period_inclusive():
    records = [rec(2, 5)]
    assert stand_in(records, 2, D(2026, 11, 19)) == (2, None)
    assert stand_in(records, 2, D(2026, 11, 20)) == (5, 2)
    assert stand_in(records, 2, D(2026, 11, 30)) == (5, 2)
    assert stand_in(records, 2, D(2026, 12, 1)) == (2, None)
    assert stand_in(records, 1, TODAY) == (1, None)


def test_stand_in_follows_a_chain_but_never_loops():
    assert stand_in([rec(2, 5), rec(5, 4, rid=2)], 2, TODAY) == (4, 2)
    assert stand_in([rec(2, 5), rec(5, 2, rid=2)], 2, TODAY) == (5, 2)


def test_new_acting_refuses_nonsense_and_overlaps():
    existing = [rec(2, 5, D(2026, 12, 1), D(2026, 12, 10))]
    ok = new_acting(2, 4, ActingKind.PLH, D(2026, 11, 23), D(2026, 11, 30), existing, TODAY)
    assert (ok.official_id, ok.acting_id, ok.kind) == (2, 4, ActingKind.PLH)
    for args, code in [((2, 2, D(2026, 11, 23), D(2026, 11, 24)), "acting_self"),
                       ((2, 4, D(2026, 11, 24), D(2026, 11, 23)), "acting_period_reversed"),
                       ((2, 4, D(2026, 11, 1), D(2026, 11, 22)), "acting_period_past"),
                       ((2, 4, D(2026, 12, 10), D(2026, 12, 20)), "acting_overlap")]:
        with pytest.raises(DomainError) as err:
            new_acting(args[0], args[1], ActingKind.PLT, args[2], args[3], existing, TODAY)
        assert err.value.code == code


def test_end_acting_keeps_the_past_and_drops_the_future():
    started = rec(2, 5, D(2026, 11, 20), D(2026, 11, 30))
    assert end_acting(started, TODAY) is False and started.ends_on == D(2026, 11, 22)
    assert end_acting(rec(2, 5, D(2026, 11, 25)), TODAY) is True


@pytest.mark.parametrize("text, period", [
    ("1-12-2026 s.d. 31-12-2026", (D(2026, 12, 1), D(2026, 12, 31))),
    ("01/12/2026 - 05/12/2026", (D(2026, 12, 1), D(2026, 12, 5))),
    ("2026-12-01 sampai 2026-12-02", (D(2026, 12, 1), D(2026, 12, 2))),
    ("24.11.2026", (D(2026, 11, 24), D(2026, 11, 24))),
])
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text, code", [("besok", "invalid_period"), ("31-02-2026 s.d. 1-3-2026", "invalid_period"),
                                        ("5-12-2026 s.d. 1-12-2026", "acting_period_reversed")])
def test_parse_period_refuses(text, code):
    with pytest.raises(DomainError) as err:
        parse_period(text)
    assert err.value.code == code


def test_routing_goes_to_the_plt_and_says_whom_they_act_for():
    profile = load_profile("nasional")  # within-unit: the unit head decides
    plain = route_voluntary_within_unit(Org(), profile, Org().people[3])
    assert (plain.decider_id, plain.acting_for_id) == (2, None)
    org = Org([rec(2, 5)])
    routing = route_voluntary_within_unit(org, profile, org.people[3])
    assert (routing.decider_id, routing.decider_role, routing.acting_for_id) == (5, Role.UNIT_HEAD, 2)
    assert resolve_role(org, org.people[3], Role.RATER).id == 5  # the rater is the same Kabid


def test_routing_ignores_records_outside_the_day_or_without_a_day():
    assert route_voluntary_within_unit(Org([rec(2, 5)], day=D(2026, 12, 5)), load_profile("nasional"),
                                       Org().people[3]).decider_id == 2
    assert route_voluntary_within_unit(Org([rec(2, 5)], day=None), load_profile("nasional"),
                                       Org().people[3]).decider_id == 2


def test_nobody_decides_their_own_application_as_plt():
    """Dewi is Plh for her own Kabid: her application goes to the Kabid's own head, the Kadis."""
    org = Org([rec(2, 4, kind=ActingKind.PLH)])
    routing = route_voluntary_within_unit(org, load_profile("nasional"), org.people[4])
    assert routing.decider_id == 1 and routing.acting_for_id is None


class OrgWithSetda(Org):
    """Org plus a Sekretariat Daerah 20 headed by the Sekda 6."""

    def __init__(self, acting=(), day=TODAY):
        super().__init__(acting, day)
        self.units[20] = Unit(20, "SETDA", "Sekretariat Daerah", UnitKind.SETDA, head_id=6)
        self.people[6] = Employee(6, "196805121990031006", "Sekda", "x", JabatanKind.JPT_PRATAMA, 20)
        self.setda_id = 20


@pytest.mark.parametrize("role, holder", [
    (Role.UNIT_HEAD, 2), (Role.PERFORMANCE_OWNER, 2), (Role.AGENCY_HEAD, 1), (Role.SEKDA, 6)])
def test_official_for_a_unit_is_the_holder_or_their_stand_in(role, holder):
    found = official_for(OrgWithSetda(), role, 11)
    assert (found.person.id, found.acting_for_id) == (holder, None)
    away = official_for(OrgWithSetda([rec(holder, 5)]), role, 11)
    assert (away.person.id, away.acting_for_id) == (5, holder)
    assert official_for(OrgWithSetda([rec(holder, 5)]), role, 11, exclude=5) is None  # never their own matter


def test_official_for_maps_the_pejabat_yang_berwenang_and_the_rater_of_a_subject():
    org = OrgWithSetda([rec(6, 5)])
    profile = load_profile("surakarta")
    expected = official_for(org, profile.authorized_official.role, 11)
    assert official_for(org, Role.AUTHORIZED_OFFICIAL, 11, profile=profile) == expected
    assert official_for(org, Role.RATER, 11, subject=org.employee(3)).person.id == 2
    assert official_for(org, Role.RATER, 11) is None  # a rater is always someone's
