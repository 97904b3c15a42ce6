"""Penunjukan (§2.1-§2.5): each profile's steps as a table citing its article, who holds each
step on a small pure org, and the state machine under any order of presses (hypothesis)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.appointment import Appointment, AppointmentStatus, Side, StepKind, check_request_fields
from domain.appointment_routing import (
    allowed,
    plan,
    refusal_letter,
    resolve,
    scope_between,
    starter_role,
    tembusan,
)
from domain.errors import DomainError
from domain.org import Employee, JabatanKind, Unit, UnitKind
from domain.profiles import Role, Scope, load_profile, profile_names

A, R, U, T = StepKind.APPROVE, StepKind.RECOMMEND, StepKind.RELEASE, StepKind.ISSUE
H, X = Side.HOME, Side.TARGET
NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)

# Units: Dinas 10 (Kadis 1) with Bidang 11 (Kabid 2) and Bidang 12 (Kabid 3); Dinas 20 (Kadis 4) with
# Bidang 21 (Kabid 5). Staff: 6 and 7 in 12 (rater: 8, a Kasi in 12), 9 in 21 (rater 5), 11 in 11 (rater 2).
KADIS1, KABID11, KABID12, KADIS2, KABID21, SITI, YOGA, KASI, RUDI, BUDI = 1, 2, 3, 4, 5, 6, 7, 8, 9, 11


class Org:
    def __init__(self):
        self.units = {10: Unit(10, "D1", "Dinas 1", UnitKind.DINAS, head_id=KADIS1),
                      11: Unit(11, "D1.A", "Bidang A", UnitKind.BIDANG, parent_id=10, head_id=KABID11),
                      12: Unit(12, "D1.B", "Bidang B", UnitKind.BIDANG, parent_id=10, head_id=KABID12),
                      20: Unit(20, "D2", "Dinas 2", UnitKind.DINAS, head_id=KADIS2),
                      21: Unit(21, "D2.A", "Bidang C", UnitKind.BIDANG, parent_id=20, head_id=KABID21)}
        where = {KADIS1: 10, KABID11: 11, KABID12: 12, KADIS2: 20, KABID21: 21, SITI: 12, YOGA: 12, KASI: 12,
                 RUDI: 21, BUDI: 11}
        raters = {KABID11: KADIS1, KABID12: KADIS1, KABID21: KADIS2, SITI: KASI, YOGA: KASI, KASI: KABID12,
                  RUDI: KABID21, BUDI: KABID11}
        self.people = {i: Employee(i, f"19900321201503100{i}", f"P{i}", "x", JabatanKind.FUNGSIONAL, u,
                                   rater_id=raters.get(i)) for i, u in where.items()}

    def employee(self, i):
        return self.people.get(i)

    def unit(self, i):
        return self.units.get(i)


ORG = Org()


def steps(profile, scope):
    return [(s.kind, s.role, s.side) for s in plan(load_profile(profile), scope)]


@pytest.mark.parametrize("profile, expected", [
    ("dharmasraya", [(A, Role.RATER, H)]),         # Lamp. 2 intro: the Penilai assigns on the Pimpinan UO's proposal
    ("badung", []),                                # Lamp. I §2 a.1): directly by the Pimpinan UO
    ("banten", [(A, Role.UNIT_HEAD, H)]),          # Lamp. B.2 a.1): the Pimpinan UO, on the Penilai's proposal
    ("hulu-sungai-utara", []),                     # Ps 12: directly by the Pimpinan UO
    ("surakarta", [(A, Role.UNIT_HEAD, H)]),       # Ps 17(2): the Pimpinan UO, on the Penilai's proposal
    ("nasional", []),                              # product decision 3
])
def test_within_unit_steps(profile, expected):
    assert steps(profile, Scope.WITHIN_UNIT) == expected


@pytest.mark.parametrize("profile, starter", [
    ("dharmasraya", Role.UNIT_HEAD), ("badung", Role.UNIT_HEAD), ("banten", Role.RATER),
    ("hulu-sungai-utara", Role.UNIT_HEAD), ("surakarta", Role.RATER), ("nasional", Role.UNIT_HEAD)])
def test_who_opens_a_penunjukan_within_the_unit(profile, starter):
    assert starter_role(load_profile(profile), Scope.WITHIN_UNIT) is starter


@pytest.mark.parametrize("profile, expected", [
    ("dharmasraya", [(U, Role.RATER, X)]),                              # Lamp. 2.A.2)b: the target PPK
    ("badung", [(R, Role.AGENCY_HEAD, X), (U, Role.RATER, X)]),         # Lamp. I §2 a.2)b): on the Kepala PD's rec.
    ("banten", [(R, Role.UNIT_HEAD, X), (U, Role.RATER, X)]),           # Lamp. B.2 a.2)c): Pimpinan UO's rec.
    ("hulu-sungai-utara", [(R, Role.RATER, X), (U, Role.UNIT_HEAD, X)]),  # Ps 13(b): after the PPK's rec.
    ("surakarta", [(R, Role.RATER, X), (U, Role.UNIT_HEAD, X)]),        # Lamp. IV 3.1.2.2 b
    ("nasional", [(R, Role.UNIT_HEAD, X), (U, Role.RATER, X)]),         # as Banten
])
def test_cross_unit_steps(profile, expected):
    assert steps(profile, Scope.CROSS_UNIT) == expected


def test_badung_cross_agency_steps():
    """Lamp. I §2 a.3): the owning PD head sends; the target PD head approves and instructs the PPK;
    the PPK lists the staff with its PD head's recommendation; a PD head issues the letter."""
    assert steps("badung", Scope.CROSS_AGENCY) == [
        (A, Role.AGENCY_HEAD, H), (A, Role.AGENCY_HEAD, X), (U, Role.RATER, X), (R, Role.AGENCY_HEAD, X),
        (T, Role.AGENCY_HEAD, H)]


@pytest.mark.parametrize("profile, expected", [
    ("dharmasraya", [(A, Role.AUTHORIZED_OFFICIAL, H), (StepKind.REPLY, Role.AUTHORIZED_OFFICIAL, H)]),  # 2.A.3)
    ("banten", [(A, Role.AUTHORIZED_OFFICIAL, H), (StepKind.REPLY, Role.AUTHORIZED_OFFICIAL, H)]),  # B.2 a.3)a)-b)
    ("hulu-sungai-utara", [(A, Role.AUTHORIZED_OFFICIAL, H), (StepKind.REPLY, Role.AUTHORIZED_OFFICIAL, H)]),  # Ps 14
    ("surakarta", [(StepKind.REPLY, Role.SEKDA, H)]),  # Lamp. IV 3.1 c): to the Wali Kota u.p. Sekda, who sends it
])
def test_cross_institution_steps(profile, expected):
    assert steps(profile, Scope.CROSS_INSTITUTION) == expected


def test_badung_has_no_procedure_across_institutions():
    """Badung Lamp. I II.A: members from other institutions 'jika dibutuhkan', no procedure."""
    assert not allowed(load_profile("badung"), Scope.CROSS_INSTITUTION)
    assert all(allowed(load_profile(n), Scope.CROSS_UNIT) for n in profile_names())


@pytest.mark.parametrize("profile, letter", [("dharmasraya", True), ("badung", False), ("banten", True),
                                             ("hulu-sungai-utara", True), ("surakarta", True)])
def test_a_cross_unit_refusal_is_a_surat_jawaban_where_the_region_says_so(profile, letter):
    assert refusal_letter(load_profile(profile), Scope.CROSS_UNIT) is letter


def test_scope_between_units():
    p, b, banten = load_profile("nasional"), load_profile("badung"), load_profile("banten")
    assert scope_between(ORG, p, 11, 12) is Scope.CROSS_UNIT
    assert scope_between(ORG, p, 11, 21) is Scope.CROSS_UNIT  # one procedure (e.g. HSU Ps 13)
    assert scope_between(ORG, b, 11, 21) is Scope.CROSS_AGENCY  # Badung Lamp. I §2 a.3)
    assert scope_between(ORG, banten, 11, 12) is Scope.WITHIN_UNIT  # Ps 1(16): the PD is the unit
    assert scope_between(ORG, p, 11, None) is Scope.CROSS_INSTITUTION


def people(*ids):
    return [ORG.employee(i) for i in ids]


def test_badung_cross_unit_reaches_the_kepala_pd_then_the_candidates_penilai():
    p = load_profile("badung")
    got = resolve(ORG, p, Scope.CROSS_UNIT, plan(p, Scope.CROSS_UNIT), requester=ORG.employee(KABID11),
                  home_unit_id=11, target_unit_id=12, candidates=people(SITI))
    assert [(s["kind"], s["actor_id"]) for s in got] == [("recommend", KADIS1), ("release", KASI)]


def test_without_a_candidate_the_target_unit_head_answers_for_the_penilai():
    p = load_profile("dharmasraya")
    got = resolve(ORG, p, Scope.CROSS_UNIT, plan(p, Scope.CROSS_UNIT), requester=ORG.employee(KABID11),
                  home_unit_id=11, target_unit_id=12, candidates=[])
    assert [s["actor_id"] for s in got] == [KABID12]


def test_a_recommendation_to_oneself_is_part_of_the_decision():
    """HSU Ps 13(b): where the Kabid both rates the candidate and heads the unit, one step."""
    p = load_profile("hulu-sungai-utara")
    got = resolve(ORG, p, Scope.CROSS_UNIT, plan(p, Scope.CROSS_UNIT), requester=ORG.employee(KABID12),
                  home_unit_id=12, target_unit_id=21, candidates=people(RUDI))
    assert [(s["kind"], s["actor_id"]) for s in got] == [("release", KABID21)]


def test_copies_go_to_the_addressee_and_the_candidates_penilai():
    """Dharmasraya Lamp. 2.A.2)a: to the target Pimpinan UO, tembusan the staff's PPK."""
    p = load_profile("dharmasraya")
    cc = tembusan(ORG, p, Scope.CROSS_UNIT, requester=ORG.employee(KABID11), home_unit_id=11, target_unit_id=12,
                  candidates=people(SITI), actors=[KASI])
    assert cc == [KABID12]  # the Kasi (the Penilai) acts; the Kabid is the addressee


def test_the_four_fields_refuse_where_the_region_requires_them():
    """Rule 5: Banten Lamp. B.2 a (closing paragraph); Dharmasraya NS: a warning only (decision 12)."""
    gap = {"purpose": "x", "competence": "", "expectation": "y", "duration": "z"}
    assert not check_request_fields(load_profile("banten"), Scope.CROSS_UNIT, gap).ok
    warned = check_request_fields(load_profile("dharmasraya"), Scope.CROSS_UNIT, gap)
    assert warned.ok and warned.warnings


# --- the state machine -------------------------------------------------------------------
def fresh(kinds=("recommend", "release"), scope=Scope.CROSS_UNIT, candidates=(SITI,)) -> Appointment:
    ap = Appointment(1, scope, KABID11, 11, "Tim Keamanan", candidate_ids=list(candidates), target_unit_id=12)
    ap.start([{"kind": k, "role": "rater", "actor_id": 100 + i, "refuser_id": 100 + i} for i, k in enumerate(kinds)],
             NOW)
    return ap


def test_a_step_by_the_wrong_person_or_out_of_turn_changes_nothing():
    ap = fresh()
    with pytest.raises(DomainError):
        ap.act(KABID11, 0, NOW)
    with pytest.raises(DomainError):
        ap.act(100, 1, NOW)
    ap.act(100, 0, NOW)
    with pytest.raises(DomainError):  # the same press again
        ap.act(100, 0, NOW)
    assert ap.current == 1


def test_release_then_every_person_accepts():
    ap = fresh()
    ap.act(100, 0, NOW, verdict="no", note="Sedang ada tugas lain yang mendesak.")
    ap.release(101, 1, [SITI, YOGA], NOW)
    assert ap.status is AppointmentStatus.ACCEPTING and ap.released_ids == [SITI, YOGA]
    ap.accept(SITI, NOW)
    with pytest.raises(DomainError):
        ap.accept(SITI, NOW)
    with pytest.raises(DomainError):
        ap.accept(KASI, NOW)
    ap.accept(YOGA, NOW)
    assert ap.status is AppointmentStatus.DONE


def test_a_refusal_needs_a_written_reason():
    ap = fresh(("release",))
    with pytest.raises(DomainError):
        ap.decline(100, 0, "tidak", NOW)
    ap.decline(100, 0, "Pegawai kami sedang cuti besar.", NOW)
    assert ap.status is AppointmentStatus.REFUSED and ap.refusal_reason == "Pegawai kami sedang cuti besar."


def test_a_within_unit_appointment_without_steps_waits_for_acceptance():
    ap = fresh((), Scope.WITHIN_UNIT, (BUDI,))
    assert ap.status is AppointmentStatus.ACCEPTING and ap.released_ids == [BUDI]


def test_an_outside_reply_ends_it_with_the_names_or_the_reason():
    ap = fresh(("approve", "reply"), Scope.CROSS_INSTITUTION, ())
    ap.act(100, 0, NOW)
    with pytest.raises(DomainError):
        ap.record_reply(101, 1, NOW, file_id="", names=["Ni Luh Putu Ayu Dewi Çandra"])
    ap.record_reply(KABID11, 1, NOW, file_id="F", names=["Ni Luh Putu Ayu Dewi Çandra"], allowed=[KABID11])
    assert ap.status is AppointmentStatus.DONE and ap.external_names == ["Ni Luh Putu Ayu Dewi Çandra"]


ACTIONS = st.lists(st.tuples(st.sampled_from(["act", "no", "release", "decline", "accept"]),
                             st.sampled_from([100, 101, 102, SITI, YOGA, KABID11]), st.integers(0, 3)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(kinds=st.lists(st.sampled_from(["approve", "recommend", "release"]), min_size=1, max_size=3)
       .filter(lambda k: k[-1] == "release"), actions=ACTIONS)
def test_any_order_of_presses_keeps_the_invariants(kinds, actions):
    ap = fresh(tuple(kinds))
    for action, who, index in actions:
        before = (ap.status, ap.current, list(ap.accepted_ids))
        try:
            if action == "act":
                ap.act(who, index, NOW)
            elif action == "no":
                ap.act(who, index, NOW, verdict="no", note="Belum ada pegawai yang cocok.")
            elif action == "release":
                ap.release(who, index, [SITI], NOW)
            elif action == "decline":
                ap.decline(who, index, "Belum ada pegawai yang cocok.", NOW)
            else:
                ap.accept(who, NOW)
        except DomainError:
            assert (ap.status, ap.current, ap.accepted_ids) == before  # a refused press changes nothing
            continue
        done = ap.steps[before[1]] if before[1] < len(ap.steps) else None
        assert done is None or action == "accept" or done.get("by") == who  # only the step's official acted
    assert ap.status is not AppointmentStatus.REFUSED or ap.refusal_reason
    assert set(ap.accepted_ids) <= set(ap.released_ids) <= {SITI}
    assert ap.status is not AppointmentStatus.DONE or ap.accepted_ids == ap.released_ids
