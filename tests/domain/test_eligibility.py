"""Ketua Tim / Pengendali eligibility, terms and vacancy deadlines, beyond the per-rule tables."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.eligibility import (
    Post,
    add_months,
    asks_experience,
    check_ketua,
    check_pengendali,
    check_term,
)
from domain.errors import DomainError
from domain.org import Education, Employee, Golongan, JabatanKind, Jenjang
from domain.posts import vacancy_deadline
from domain.profiles import Role, Scope, load_profile

OWNING_UNIT = 10


def emp(kind: JabatanKind = JabatanKind.PELAKSANA, *, unit_id: int = OWNING_UNIT, jenjang: Jenjang | None = None,
        golongan: str | None = None, education: Education | None = None) -> Employee:
    return Employee(id=1, nip="199001012015031001", name="Candidate", jabatan_name="x", jabatan_kind=kind,
                    unit_id=unit_id, jenjang=jenjang, golongan=Golongan.parse(golongan) if golongan else None,
                    education=education)


def jf(jenjang: Jenjang, **kw) -> Employee:
    return emp(JabatanKind.FUNGSIONAL, jenjang=jenjang, **kw)


GOLONGAN = [f"{r}/{m}" for r in ("I", "II") for m in "abcd"] + [f"{r}/{m}" for r in ("III", "IV") for m in "abcd"]


@given(edu=st.sampled_from(list(Education)), gol=st.sampled_from(GOLONGAN), exp=st.booleans())
def test_banten_pelaksana_ketua_needs_all_three(edu, gol, exp):
    """Ps 10(3): sarjana (D4 counts), at least III/b, relevant experience."""
    res = check_ketua(load_profile("banten"), emp(education=edu, golongan=gol), OWNING_UNIT, relevant_experience=exp)
    expected = edu.rank >= Education.S1.rank and Golongan.parse(gol) >= Golongan.parse("III/b") and exp
    assert res.ok is expected


def test_banten_Ps_10_3_experience_is_asked_of_a_pelaksana_only():
    """Ps 10(3)(c): nothing on record shows experience, so the appointing official is asked."""
    banten = load_profile("banten")
    assert asks_experience(banten, emp(education=Education.S1, golongan="III/b"))
    assert not asks_experience(banten, jf(Jenjang.AHLI_PERTAMA))
    assert not any(asks_experience(load_profile(name), emp()) for name in
                   ("nasional", "dharmasraya", "badung", "hulu-sungai-utara", "surakarta"))


def test_banten_pelaksana_with_unknown_data_is_blocked_until_recorded():
    res = check_ketua(load_profile("banten"), emp(), OWNING_UNIT, relevant_experience=True)
    assert {f.code for f in res.failures} == {"ketua_education_unknown", "ketua_golongan_unknown"}


def test_banten_structural_officials_may_lead_a_team():
    banten = load_profile("banten")
    for kind in (JabatanKind.JPT_PRATAMA, JabatanKind.ADMINISTRATOR, JabatanKind.PENGAWAS):
        assert check_ketua(banten, emp(kind), OWNING_UNIT).ok, kind
    assert not check_ketua(load_profile("badung"), emp(JabatanKind.ADMINISTRATOR), OWNING_UNIT).ok


@pytest.mark.parametrize("scope, appointer, ok", [
    (Scope.WITHIN_UNIT, Role.UNIT_HEAD, True), (Scope.WITHIN_UNIT, Role.REGIONAL_HEAD, False),
    (Scope.CROSS_UNIT, Role.SEKDA, True), (Scope.CROSS_INSTITUTION, Role.REGIONAL_HEAD, True),
    (Scope.CROSS_INSTITUTION, Role.UNIT_HEAD, False),
])
def test_banten_ketua_appointer_follows_team_scope(scope, appointer, ok):
    res = check_ketua(load_profile("banten"), jf(Jenjang.AHLI_MUDA), OWNING_UNIT, team_scope=scope,
                      appointer_role=appointer)
    assert res.ok is ok and ("ketua_appointer_not_allowed" in res.codes) is not ok


def test_dharmasraya_replacement_with_unknown_education_is_blocked():
    res = check_ketua(load_profile("dharmasraya"), emp(golongan="III/c"), OWNING_UNIT, is_replacement=True)
    assert [f.code for f in res.failures] == ["ketua_education_unknown"]


@pytest.mark.parametrize("score, ok, code", [(None, True, "ketua_workload_unverified"),
                                             (0.8, False, "ketua_workload_too_low"), (1.0, True, None)])
def test_surakarta_ketua_workload_at_least_one(score, ok, code):
    """Ps 14(5)(b): Analisa Beban Kerja minimal 1 untuk Ketua Tim Kerja."""
    res = check_ketua(load_profile("surakarta"), jf(Jenjang.AHLI_PERTAMA), OWNING_UNIT,
                      appointer_role=Role.SEKDA, workload_score=score)
    assert res.ok is ok
    assert (code in res.codes) if code else not res.codes


def test_surakarta_ketua_from_outside_only_by_mutasi():
    sk = load_profile("surakarta")
    outsider = jf(Jenjang.AHLI_MUDA, unit_id=99)
    assert "ketua_must_come_from_owning_unit" in {f.code for f in check_ketua(sk, outsider, OWNING_UNIT).failures}
    res = check_ketua(sk, outsider, OWNING_UNIT, mutasi=True, workload_score=1)
    assert res.ok and "ketua_from_outside_by_mutasi" in res.codes


def test_structural_kind_not_allowed_in_surakarta_cites_ps_15_2():
    res = check_ketua(load_profile("surakarta"), emp(JabatanKind.PENGAWAS), OWNING_UNIT)
    assert [(f.code, f.article) for f in res.failures] == [("ketua_kind_not_allowed", "Ps 15(2)")]


@pytest.mark.parametrize("jenjang, ok, code", [
    (Jenjang.AHLI_PERTAMA, False, "pengendali_jenjang_too_low"),
    (Jenjang.PENYELIA, False, "pengendali_jenjang_too_low"),
    (Jenjang.AHLI_MUDA, True, None), (Jenjang.AHLI_MADYA, True, None),
    (Jenjang.AHLI_UTAMA, True, "pengendali_above_defined_levels"),
])
def test_surakarta_pengendali_jenjang(jenjang, ok, code):
    res = check_pengendali(load_profile("surakarta"), jf(jenjang), OWNING_UNIT, appointer_role=Role.SEKDA,
                           workload_score=1.5)
    assert res.ok is ok
    assert (code in res.codes) if code else not res.codes


def test_pelaksana_cannot_be_pengendali():
    res = check_pengendali(load_profile("surakarta"), emp(), OWNING_UNIT)
    assert "pengendali_jenjang_too_low" in res.codes


def test_surakarta_pengendali_other_limits():
    sk = load_profile("surakarta")
    res = check_pengendali(sk, jf(Jenjang.AHLI_MUDA, unit_id=99), OWNING_UNIT, candidates_count=4,
                           appointer_role=Role.UNIT_HEAD, workload_score=0.5)
    assert {f.code for f in res.failures} == {
        "pengendali_too_many_candidates", "pengendali_appointer_not_allowed", "pengendali_workload_too_low",
        "pengendali_must_come_from_owning_unit"}
    assert check_pengendali(sk, jf(Jenjang.AHLI_MUDA, unit_id=99), OWNING_UNIT, mutasi=True, workload_score=1).ok


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2024, 1, 31), 1, dt.date(2024, 3, 1)), (dt.date(2024, 2, 29), 12, dt.date(2025, 3, 1)),
    (dt.date(2024, 11, 15), 3, dt.date(2025, 2, 15)), (dt.date(2024, 5, 1), 0, dt.date(2024, 5, 1)),
])
def test_add_months_rolls_over_missing_days(day, months, expected):
    assert add_months(day, months) == expected


@given(start=st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)), length=st.integers(0, 800),
       post=st.sampled_from(list(Post)))
def test_surakarta_term_is_at_most_one_year_counting_both_ends(start, length, post):
    end = start + dt.timedelta(days=length)
    last_allowed = add_months(start, 12) - dt.timedelta(days=1)
    assert check_term(load_profile("surakarta"), start, end, post=post).ok is (end <= last_allowed)


def test_term_end_before_start_is_refused_everywhere():
    for name in ("dharmasraya", "surakarta"):
        res = check_term(load_profile(name), dt.date(2024, 5, 1), dt.date(2024, 4, 30))
        assert [f.code for f in res.failures] == ["team_end_before_start"]


@pytest.mark.parametrize("start, last_day", [
    pytest.param(dt.date(2024, 2, 29), dt.date(2025, 2, 28), id="Surakarta Ps 14(5)(c): 29 Feb 2024 -> 28 Feb 2025"),
    pytest.param(dt.date(2024, 1, 1), dt.date(2024, 12, 31), id="Surakarta Ps 14(5)(c): 1 Jan 2024 -> 31 Dec 2024"),
])
def test_one_year_team_term_ends_the_day_before_the_anniversary(start, last_day):
    """"maksimal 1 tahun" counts both ends; the anniversary of 29 Feb in a common year is 1 Mar."""
    profile = load_profile("surakarta")
    assert check_term(profile, start, last_day).ok
    res = check_term(profile, start, last_day + dt.timedelta(days=1))
    assert [(f.code, f.article, f.params["latest"]) for f in res.failures] == [
        ("team_term_too_long", "Ps 14(5)(c)", last_day.isoformat())]
    with pytest.raises(DomainError) as raised:
        res.raise_failure()
    assert raised.value.code == "team_term_too_long" and raised.value.params["latest"] == last_day.isoformat()


@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_surakarta_vacancy_deadline_is_the_next_quarter_window_within_three_months(day):
    deadline = vacancy_deadline(load_profile("surakarta"), day)
    assert deadline.month in (1, 4, 7, 10)
    assert day <= deadline < add_months(day, 3)
    assert (deadline + dt.timedelta(days=1)).day == 1  # the end of that month
    assert day.month == deadline.month or day.month % 3 != 1  # no earlier window was open


@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
       name=st.sampled_from(["nasional", "dharmasraya", "badung", "banten", "hulu-sungai-utara"]))
def test_no_vacancy_deadline_where_the_regulation_sets_none(day, name):
    assert vacancy_deadline(load_profile(name), day) is None
