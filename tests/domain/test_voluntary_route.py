"""Pengajuan sukarela across units (§2.7, rules 17-24): each profile's route of officials as a
table citing its article, and the application walking it as a state machine."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.application import Application, ApplicationStatus, Step, StepKind
from domain.errors import DomainError, IllegalTransition, NotAllowed
from domain.org import Employee, JabatanKind, Jenjang, Unit, UnitKind
from domain.profiles import load_profile
from domain.voluntary import dispatch_check, letter_signer, route_cross_unit

KADIS, KABID_A, KABID_B, KASI, SITI, KABAN, KABID_X = 1, 2, 3, 4, 5, 6, 7
DINAS, BIDANG_A, BIDANG_B, SEKSI_B, BADAN, BIDANG_X = 10, 11, 12, 13, 20, 21
NOW = dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC)


class Org:
    """Two Perangkat Daerah: a Dinas (Bidang A owns the team; Siti sits in a Seksi of Bidang B and is
    rated by its Kepala Seksi, so the Penilai and the unit head differ) and a Badan."""

    def __init__(self) -> None:
        u = Unit
        self.units = {DINAS: u(DINAS, "D", "Dinas", UnitKind.DINAS, head_id=KADIS),
                      BIDANG_A: u(BIDANG_A, "D.A", "Bidang A", UnitKind.BIDANG, DINAS, KABID_A),
                      BIDANG_B: u(BIDANG_B, "D.B", "Bidang B", UnitKind.BIDANG, DINAS, KABID_B),
                      SEKSI_B: u(SEKSI_B, "D.B.1", "Seksi B1", UnitKind.SEKSI, BIDANG_B),
                      BADAN: u(BADAN, "B", "Badan", UnitKind.BADAN, head_id=KABAN),
                      BIDANG_X: u(BIDANG_X, "B.X", "Bidang X", UnitKind.BIDANG, BADAN, KABID_X)}

        def e(i: int, kind: JabatanKind, unit: int, rater: int | None = None, **kw) -> Employee:
            return Employee(i, f"19900101201501100{i}", f"P{i}", "J", kind, unit, rater_id=rater, **kw)
        self.people = {KADIS: e(KADIS, JabatanKind.JPT_PRATAMA, DINAS),
                       KABID_A: e(KABID_A, JabatanKind.ADMINISTRATOR, BIDANG_A, KADIS),
                       KABID_B: e(KABID_B, JabatanKind.ADMINISTRATOR, BIDANG_B, KADIS),
                       KASI: e(KASI, JabatanKind.PENGAWAS, SEKSI_B, KABID_B),
                       SITI: e(SITI, JabatanKind.FUNGSIONAL, SEKSI_B, KASI, jenjang=Jenjang.AHLI_PERTAMA),
                       KABAN: e(KABAN, JabatanKind.JPT_PRATAMA, BADAN),
                       KABID_X: e(KABID_X, JabatanKind.ADMINISTRATOR, BIDANG_X, KABAN)}

    def employee(self, i: int) -> Employee | None:
        return self.people.get(i)

    def unit(self, i: int) -> Unit | None:
        return self.units.get(i)


ORG = Org()
A, H, T, F, X = StepKind.ACKNOWLEDGE, StepKind.HOME_APPROVAL, StepKind.TARGET, StepKind.FINAL, StepKind.EXTRA

# profile, target unit, [(step, who)], copies at (a), copies at (b), the article
ROUTES = [
    ("nasional", BIDANG_A, [(T, KABID_A), (F, KASI)], [KASI, KABID_B], [KABID_B],
     "PermenPANRB 7/2022 Lamp. (as Banten Lamp. B.2 b.b); product decision 3"),
    ("dharmasraya", BIDANG_A, [(A, KASI), (T, KABID_A), (F, KASI)], [], [KABID_B],
     "Lamp. 2.B.2)a ('diketahui oleh PPK', tembusan PPK); b (tembusan Pimpinan UO); c (PPK)"),
    ("badung", BIDANG_A, [(T, KABID_A), (F, KASI), (X, KADIS)], [], [KADIS],
     "Lamp. I §2 b.2)b) (tembusan Pimpinan PD); c) (PPK, atas persetujuan Pimpinan PD)"),
    ("banten", BIDANG_X, [(T, KABAN), (F, KASI)], [KASI, KADIS], [KADIS],
     "Lamp. B.2 b.b.1 (tembusan PPK dan Pimpinan UO); b.b.2; b.b.3; a UO is a whole PD (Ps 1(16))"),
    ("hulu-sungai-utara", BIDANG_A, [(H, KASI), (T, KABID_A), (F, KABID_B)], [], [],
     "Lamp. II B.2.a (PPK dan/atau Kepala UO first); B.2.b-c (Kepala UO dan/atau PPK); tembusan PPK at (a)"),
    ("surakarta", BIDANG_A, [(H, KABID_B), (T, KABID_A), (F, KABID_B)], [KASI], [],
     "Ps 18(3)(a)-(b); Lamp. IV 3.2 (tembusan PPK)"),
]


@pytest.mark.parametrize("name,target,steps,copies_a,copies_b,article", ROUTES,
                         ids=[f"{r[0]}-{r[5][:24]}" for r in ROUTES])
def test_each_profiles_route_in_its_articles_order(name, target, steps, copies_a, copies_b, article):
    profile = load_profile(name)
    route = route_cross_unit(ORG, profile, ORG.people[SITI], target)
    assert [(s.kind, s.person_id) for s in route.steps] == steps, article
    # HSU's "tembusan PPK" at (a) goes to the Penilai, who approves first anyway
    assert list(route.applicant_tembusan) == copies_a, article
    final = next(s for s in route.steps if s.kind is F)
    assert list(final.tembusan_ids) == copies_b, article
    assert all(s.source for s in route.steps)


@pytest.mark.parametrize("name,drafter", [("hulu-sungai-utara", "applicant"), ("surakarta", "applicant"),
                                          ("dharmasraya", "rater"), ("badung", "rater"), ("banten", "rater")])
def test_who_drafts_the_letter(name, drafter):
    """HSU Lamp. II B.2.c, Surakarta Lamp. IV 3.2.2.c: the applicant drafts it; elsewhere the PPK."""
    assert route_cross_unit(ORG, load_profile(name), ORG.people[SITI], BIDANG_A).letter_drafter.value == drafter


def test_no_home_official_means_no_route():
    org = Org()
    org.people[SITI].rater_id = None
    org.units[BIDANG_B].head_id = None
    org.units[DINAS].head_id = None
    with pytest.raises(DomainError) as err:
        route_cross_unit(org, load_profile("nasional"), org.people[SITI], BIDANG_A)
    assert err.value.code == "no_decider"


def _app(name: str = "dharmasraya") -> Application:
    route = route_cross_unit(ORG, load_profile(name), ORG.people[SITI], BIDANG_A)
    app = Application(1, SITI, SEKSI_B, "Tim Keamanan", "Saya ingin membantu tim keamanan informasi.", team_id=9)
    app.submit_cross_unit(route.steps, BIDANG_A, NOW, tembusan_ids=route.applicant_tembusan)
    return app


def test_walks_its_steps_then_approves():
    app = _app()
    assert app.decider_id == KASI and not dispatch_check(load_profile("dharmasraya"), app).ok
    assert app.approve(KASI, NOW) is False
    assert app.decider_id == KABID_A and dispatch_check(load_profile("dharmasraya"), app).ok  # rule 21
    assert app.approve(KABID_A, NOW) is False
    assert app.current_step is not None and app.current_step.kind is F
    assert app.approve(KASI, NOW) is True
    assert app.status is ApplicationStatus.APPROVED and app.current_step is None
    assert letter_signer(app) == KASI


def test_refused_at_a_step_with_a_reason():
    app = _app()
    app.approve(KASI, NOW)
    with pytest.raises(DomainError):
        app.reject(KABID_A, "  ", NOW)
    app.reject(KABID_A, "Tim sudah lengkap untuk tahun ini.", NOW)
    assert app.status is ApplicationStatus.REJECTED and app.step_index == 1
    with pytest.raises(IllegalTransition):
        app.approve(KABID_A, NOW)


def test_only_the_open_steps_official_acts():
    app = _app()
    with pytest.raises(NotAllowed):
        app.approve(KABID_A, NOW)  # the target's step is not open yet
    with pytest.raises(NotAllowed):
        app.submit_cross_unit([Step(T, "unit_head", SITI)], BIDANG_A, NOW)


def test_the_applicant_never_decides_a_step():
    app = Application(2, SITI, SEKSI_B, "Tim", "Saya ingin membantu tim keamanan informasi.")
    with pytest.raises(NotAllowed):
        app.submit_cross_unit([Step(T, "unit_head", KABID_A), Step(F, "rater", SITI)], BIDANG_A, NOW)


@given(st.lists(st.sampled_from(["ok", "no", "wrong", "withdraw"]), max_size=8))
def test_any_sequence_keeps_the_decider_on_the_open_step(actions):
    app = _app("badung")
    for action in actions:
        before = (app.status, app.step_index)
        try:
            if action == "ok":
                app.approve(app.decider_id or 0, NOW)
            elif action == "no":
                app.reject(app.decider_id or 0, "Alasan penolakan yang cukup panjang.", NOW)
            elif action == "wrong":
                app.approve(SITI, NOW)
            else:
                app.withdraw(SITI, NOW)
        except (NotAllowed, IllegalTransition):
            assert (app.status, app.step_index) == before
        assert app.step_index >= before[1]
        if app.status is ApplicationStatus.SUBMITTED:
            assert app.decider_id == app.route[app.step_index].person_id
