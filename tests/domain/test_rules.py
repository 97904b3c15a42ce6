"""docs/RULES.md, rule by rule, for every profile.

Each test runs once per profile; its id names the rule, the profile and the article
(e.g. R28-surakarta-Ps15(2)), or "NS" where the rule does not apply there. Where a rule
applies, the finding or knob must cite that article; where it does not, nothing may enforce it."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.allowance import Allowance, allowance_for
from domain.appointment import REQUEST_FIELDS, check_request_fields
from domain.eligibility import Post, check_ketua, check_pengendali, check_term
from domain.errors import DomainError
from domain.org import Education, JabatanKind, Jenjang
from domain.posts import check_activation, check_team_creation, vacancy_deadline
from domain.profiles import Role, Scope, load_profile, profile_names
from domain.profiles.model import CadenceRule, InstitutionRouting, OriginRule
from domain.rules import (
    ReportPathKind,
    check_done,
    check_kendala,
    check_report_evidence,
    kendala_deciders,
    may_request_report,
    monitoring_period_months,
    report_path,
)
from domain.team_decree import decree_issuers
from domain.voluntary import check_voluntary_dispatch, check_voluntary_scope, voluntary_home_approvers
from tests.domain.test_eligibility import OWNING_UNIT, emp, jf

D, BD, BT, H, S, N = "dharmasraya", "badung", "banten", "hulu-sungai-utara", "surakarta", "nasional"
PM = "PermenPANRB"  # nasional cites the Lampiran by heading


def _compact(text: str) -> str:
    return "".join(text.split())


def _slug(article: str) -> str:
    return _compact(article).replace("§", "sec")  # pytest escapes non-ASCII ids


def per_profile(rule: int, articles: dict[str, str]) -> list:
    """(profile name, applies, article) for every profile."""
    return [pytest.param(name, name in articles, articles.get(name, "NS"),
                         id=f"R{rule}-{name}-{_slug(articles.get(name, 'NS'))}") for name in profile_names()]


def cites(source: str, article: str) -> bool:
    return _compact(article) in _compact(source)


def rule_ids(res) -> list[str]:
    return [f.rule_id for f in (*res.failures, *res.warnings)]


# --- Assignment ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, applies, article", per_profile(5, {
    BD: "Lamp. I §2 a", BT: "Lamp. B.2 a", H: "Ps 17", S: "Ps 17(6)", N: PM}))
def test_r5_involvement_request_needs_four_fields(name, applies, article):
    p = load_profile(name)
    res = check_request_fields(p, Scope.CROSS_UNIT, {"purpose": "Audit kinerja", "duration": "  "})
    finding = (res.failures if applies else res.warnings)[0]
    assert res.ok is not applies and finding.rule_id == "R5" and cites(finding.article, article)
    assert finding.params["missing"] == ("competence", "expectation", "duration")
    assert finding.code == ("request_fields_missing" if applies else "request_fields_recommended")
    complete = check_request_fields(p, Scope.CROSS_UNIT, dict.fromkeys(REQUEST_FIELDS, "isi"))
    assert complete.ok and not complete.warnings
    assert not rule_ids(check_request_fields(p, Scope.WITHIN_UNIT, {}))  # no letter within a unit


@pytest.mark.parametrize("name, scope", [
    pytest.param(BD, Scope.CROSS_AGENCY, id="R5-badung-crossPD-Lamp.Isec2a"),
    pytest.param(BT, Scope.CROSS_INSTITUTION, id="R5-banten-crossinstitution-Lamp.B.2a"),
    pytest.param(H, Scope.CROSS_AGENCY, id="R5-hsu-crossPD-Ps17"),
    pytest.param(H, Scope.CROSS_INSTITUTION, id="R5-hsu-crossinstitution-Ps17"),
    pytest.param(S, Scope.CROSS_INSTITUTION, id="R5-surakarta-crossinstitution-Ps17(6)"),
])
def test_r5_other_scopes_named_by_the_region(name, scope):
    assert not check_request_fields(load_profile(name), scope, {"purpose": "x"}).ok


@pytest.mark.parametrize("name, applies, article", per_profile(6, {
    D: "Lamp. 2.A.2)b.2", BD: "Lamp. I §2 a.2)c)", BT: "Lamp. B.2 a.2)d)", H: "Ps 13(d)", S: "Lamp. IV 3.1 b)", N: PM}))
def test_r6_cross_unit_refusal_needs_a_reason(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert cu.reason_required and cites(cu.source_of("reason_required"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(7, {
    D: "Lamp. 2.A.2)b.2", BT: "Lamp. B.2 a.2)d)", H: "Ps 13(d)", S: "Lamp. IV 3.1 b) 2)", N: PM}))
def test_r7_cross_unit_refusal_is_a_reply_letter(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert cu.refusal_reply_letter is applies
    assert cites(cu.source_of("refusal_reply_letter"), article if applies else "form not specified")


@pytest.mark.parametrize("name, applies, article", per_profile(8, {BD: "Lamp. I §2 a.2)b)"}))
def test_r8_kepala_pd_recommendation_before_cross_unit_assignment(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert (Role.AGENCY_HEAD in cu.recommendation_from) is applies
    assert not applies or cites(cu.source_of("recommendation_from"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(9, {BT: "Lamp. B.2 a.2)c)", N: PM}))
def test_r9_target_rater_drafts_only_with_unit_head_recommendation(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert (cu.letter_issuer is Role.RATER and Role.UNIT_HEAD in cu.recommendation_from) is applies
    assert not applies or cites(cu.source_of("recommendation_from"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(10, {H: "Ps 13(b)", S: "Lamp. IV 3.1.2.2"}))
def test_r10_target_unit_head_answers_after_rater_recommendation(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert (cu.decider is Role.UNIT_HEAD and cu.recommendation_from == (Role.RATER,)) is applies
    assert not applies or cites(cu.source_of("recommendation_from"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(11, {
    D: "Lamp. 2.A.2)a", BT: "Lamp. B.2 a.2)a)", S: "Lamp. IV 3.1 b) 1)", N: PM}))
def test_r11_cross_unit_request_copies_the_rater(name, applies, article):
    cu = load_profile(name).appointment.cross_unit
    assert (Role.RATER in cu.request_tembusan) is applies
    assert not applies or cites(cu.source_of("request_tembusan"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(12, {
    D: "Lamp. 2.A.3)b", BT: "Lamp. B.2 a.3)a)-b)", H: "Ps 14(a)-(b)", N: PM}))
def test_r12_own_pyb_approves_before_a_request_leaves_the_institution(name, applies, article):
    ci = load_profile(name).appointment.cross_institution
    assert ci.own_approval_required is applies
    assert not applies or (cites(ci.source_of("own_approval_required"), article)
                           and ci.request_to is Role.AUTHORIZED_OFFICIAL)


@pytest.mark.parametrize("name, applies, article",
                         per_profile(13, {BT: "Lamp. B.2 a.3)e)i.", H: "Ps 14(e)(1)-(2)", N: PM}))
def test_r13_released_staff_list_needs_target_pyb(name, applies, article):
    ci = load_profile(name).appointment.cross_institution
    assert ci.released_list_needs_target_approval is applies
    assert not applies or cites(ci.source_of("released_list_needs_target_approval"), article)


@pytest.mark.parametrize("name, applies, article",
                         per_profile(14, {BT: "Lamp. B.2 a.3)e)iii.", H: "Ps 14(e)(4)", N: PM}))
def test_r14_final_cross_institution_letter_copies_both_pyb_and_rater(name, applies, article):
    ci = load_profile(name).appointment.cross_institution
    both = (ci.letter_tembusan_both_authorized_officials
            and {Role.AUTHORIZED_OFFICIAL, Role.RATER} <= set(ci.letter_tembusan))
    assert both is applies
    assert not applies or cites(ci.source_of("letter_tembusan"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(15, {S: "Lamp. IV 3.1 c)"}))
def test_r15_cross_institution_via_wali_kota_attn_sekda(name, applies, article):
    ci = load_profile(name).appointment.cross_institution
    via_sekda = (ci.routing is InstitutionRouting.VIA_REGIONAL_HEAD_ATTN_SEKDA and ci.request_to is Role.REGIONAL_HEAD
                 and ci.sender is Role.SEKDA and Role.RATER in ci.request_tembusan)
    assert via_sekda is applies
    assert not applies or cites(ci.source_of("routing"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(16, {BD: "Lamp. I §2 a.3)c)"}))
def test_r16_cross_agency_reply_lists_staff_and_copies_other_pd_head(name, applies, article):
    ca = load_profile(name).appointment.cross_agency
    assert (ca is not None) is applies
    if applies:
        assert ca.reply_lists_released_staff and Role.AGENCY_HEAD in ca.letter_tembusan
        assert cites(ca.source_of("reply_lists_released_staff"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(17, {BD: "Lamp. I §2 b", N: "product decision 3"}))
def test_r17_voluntary_application_to_another_pd_blocked(name, applies, article):
    res = check_voluntary_scope(load_profile(name), applicant_agency_id=1, target_agency_id=2)
    assert res.ok is not applies
    if applies:
        assert res.failures[0].rule_id == "R17" and cites(res.failures[0].article, article)
    assert check_voluntary_scope(load_profile(name), 1, 1).ok


@pytest.mark.parametrize("name, applies, article", per_profile(18, {
    D: "Lamp. 2.B", BD: "Lamp. I §2 b", BT: "Lamp. B.2 b", H: "Lamp. II B", S: "Ps 18(1)", N: PM}))
def test_r18_voluntary_application_to_another_institution_blocked(name, applies, article):
    """Badung is not in rule 18's list, but its one-PD limit (rule 17) excludes other
    institutions too. Dharmasraya Lamp. 2.B (seed line 743, "Pengajuan sukarela terdiri dari")
    lists only within-unit and cross-unit applications, a closed list (docs/RULES.md, Corrections)."""
    res = check_voluntary_scope(load_profile(name), applicant_agency_id=1, target_agency_id=None)
    assert rule_ids(res) == (["R18"] if applies else [])
    assert not applies or cites(res.failures[0].article, article)


@pytest.mark.parametrize("name, applies, article", per_profile(19, {
    D: "Lamp. 2.B.1", BD: "Lamp. I §2 b.1", BT: "Lamp. B.2 b.a", H: "Lamp. II B.1", S: "Ps 18(2)", N: PM}))
def test_r19_within_unit_voluntary_may_be_oral(name, applies, article):
    w = load_profile(name).voluntary.within_unit
    assert w.oral and cites(w.source_of("oral"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(20, {H: "Lamp. II B.2.a", S: "Ps 18(3)"}))
def test_r20_cross_unit_voluntary_needs_home_approval_first(name, applies, article):
    p = load_profile(name)
    res = check_voluntary_dispatch(p)
    assert ("R20" in rule_ids(res)) is applies
    if applies:
        assert cites(res.failures[0].article, article)
        assert check_voluntary_dispatch(p, home_approved=True).ok


@pytest.mark.parametrize("name, applies, article", per_profile(21, {D: "Lamp. 2.B.2)a"}))
def test_r21_cross_unit_voluntary_needs_rater_acknowledgement_and_copy(name, applies, article):
    p = load_profile(name)
    res = check_voluntary_dispatch(p)
    assert ("R21" in rule_ids(res)) is applies
    if applies:
        assert cites(res.failures[0].article, article) and Role.RATER in p.voluntary.cross_unit.applicant_tembusan
        assert check_voluntary_dispatch(p, rater_acknowledged=True).ok


@pytest.mark.parametrize("name, applies, article", per_profile(22, {BT: "Lamp. B.2 b.b.1", N: PM}))
def test_r22_cross_unit_voluntary_copies_rater_and_own_unit_head(name, applies, article):
    cu = load_profile(name).voluntary.cross_unit
    assert (set(cu.applicant_tembusan) == {Role.RATER, Role.UNIT_HEAD}) is applies
    assert not applies or cites(cu.source_of("applicant_tembusan"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(23, {BD: "Lamp. I §2 b.2)c)"}))
def test_r23_final_cross_unit_voluntary_needs_pimpinan_pd(name, applies, article):
    p = load_profile(name)
    assert (Role.AGENCY_HEAD in voluntary_home_approvers(p)) is applies
    assert not applies or cites(p.voluntary.cross_unit.source_of("extra_approval"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(24, {H: "Lamp. II B.2.e", S: "Lamp. IV 3.2.2.e"}))
def test_r24_refusing_cross_unit_voluntary_needs_written_reasons(name, applies, article):
    cu = load_profile(name).voluntary.cross_unit
    assert cu.written_refusal_required is applies and cu.reason_required  # product decision 1 everywhere
    assert not applies or cites(cu.source_of("written_refusal_required"), article)


# --- Teams --------------------------------------------------------------------------------

def able_jf(**kw):
    """A candidate every profile accepts as Ketua when inside the owning unit."""
    return jf(Jenjang.AHLI_MUDA, golongan="III/c", education=Education.S1, **kw)


@pytest.mark.parametrize("name, applies, article", per_profile(25, {
    D: "Ps 8(3)", BD: "Ps 7(3)", BT: "Ps 10(6)", H: "Ps 20(2)", S: "Ps 15(5)", N: PM}))
def test_r25_ketua_from_outside_the_owning_unit(name, applies, article):
    p = load_profile(name)
    assert not rule_ids(check_ketua(p, able_jf(), OWNING_UNIT, workload_score=1))
    res = check_ketua(p, able_jf(unit_id=99), OWNING_UNIT, workload_score=1)
    [finding] = [f for f in (*res.failures, *res.warnings) if f.rule_id == "R25"]
    assert cites(finding.article, article)
    blocks = p.teams.ketua.origin_rule is OriginRule.BLOCK_UNLESS_MUTASI
    assert blocks is (name == S) and res.ok is not blocks
    if blocks:
        assert check_ketua(p, able_jf(unit_id=99), OWNING_UNIT, mutasi=True, workload_score=1).ok


@pytest.mark.parametrize("name, applies, article", per_profile(26, {BT: "Ps 10(3)"}))
def test_r26_pelaksana_ketua_needs_degree_iiib_experience(name, applies, article):
    p = load_profile(name)
    weak = check_ketua(p, emp(education=Education.D3, golongan="III/a"), OWNING_UNIT, workload_score=1)
    r26 = [f for f in weak.failures if f.rule_id == "R26"]
    assert bool(r26) is applies
    if applies:
        assert {f.code for f in r26} == {"ketua_education_too_low", "ketua_golongan_too_low",
                                         "ketua_experience_missing"}
        assert all(cites(f.article, article) for f in r26)
        strong = emp(education=Education.S1, golongan="III/b")
        assert check_ketua(p, strong, OWNING_UNIT, relevant_experience=True).ok
        assert check_ketua(p, jf(Jenjang.AHLI_PERTAMA, education=Education.D3), OWNING_UNIT).ok  # JF: no minimums


@pytest.mark.parametrize("name, applies, article", per_profile(27, {D: "Lamp. 3.f"}))
def test_r27_replacement_ketua_needs_d3_and_iiib(name, applies, article):
    p = load_profile(name)
    weak = emp(education=Education.SMA, golongan="II/d")
    res = check_ketua(p, weak, OWNING_UNIT, is_replacement=True, workload_score=1)
    r27 = [f for f in res.failures if f.rule_id == "R27"]
    assert bool(r27) is applies
    if applies:
        assert {f.code for f in r27} == {"ketua_education_too_low", "ketua_golongan_too_low"}
        assert all(cites(f.article, article) for f in r27)
        assert check_ketua(p, weak, OWNING_UNIT).ok  # a first Ketua is not a replacement
        assert check_ketua(p, emp(education=Education.D3, golongan="III/b"), OWNING_UNIT, is_replacement=True).ok


@pytest.mark.parametrize("name, applies, article", per_profile(28, {S: "Ps 15(2)"}))
def test_r28_jf_keterampilan_cannot_lead(name, applies, article):
    p = load_profile(name)
    res = check_ketua(p, jf(Jenjang.MAHIR, golongan="III/b", education=Education.S1), OWNING_UNIT, workload_score=1)
    assert ("R28" in rule_ids(res)) is applies and res.ok is not applies
    if applies:
        assert res.failures[0].code == "ketua_jf_keterampilan_not_allowed" and cites(res.failures[0].article, article)
    assert check_ketua(p, able_jf(), OWNING_UNIT, workload_score=1).ok
    assert check_ketua(p, emp(education=Education.S1, golongan="III/b"), OWNING_UNIT, workload_score=1,
                       relevant_experience=True).ok


@pytest.mark.parametrize("name, applies, article", per_profile(29, {S: "Ps 15(3)-(4)"}))
def test_r29_at_most_three_candidates_and_only_sekda_appoints(name, applies, article):
    p = load_profile(name)
    own = p.teams.ketua.appointer.for_scope(Scope.WITHIN_UNIT)[0]
    assert not rule_ids(check_ketua(p, able_jf(), OWNING_UNIT, candidates_count=3, appointer_role=own,
                                    workload_score=1))
    res = check_ketua(p, able_jf(), OWNING_UNIT, candidates_count=4, appointer_role=Role.UNIT_HEAD, workload_score=1)
    r29 = {f.code: f.article for f in res.failures if f.rule_id == "R29"}
    if applies:
        assert own is Role.SEKDA
        assert cites(r29["ketua_too_many_candidates"], "Ps 15(3)")
        assert cites(r29["ketua_appointer_not_allowed"], "Ps 15(4)")
    else:
        assert "ketua_too_many_candidates" not in r29 and Role.SEKDA not in p.teams.ketua.appointer.within_unit


@pytest.mark.parametrize("name, applies, article", per_profile(30, {S: "Ps 1(26), 14(5)(c), 24(3)(d)"}))
def test_r30_team_ketua_and_pengendali_terms_at_most_one_year(name, applies, article):
    p = load_profile(name)
    start = dt.date(2024, 1, 1)
    for post, cited in [(Post.TEAM, "Ps 14(5)(c)"), (Post.KETUA, "Ps 1(26)"), (Post.PENGENDALI, "Ps 24(3)(d)")]:
        assert check_term(p, start, dt.date(2024, 12, 31), post=post).ok
        res = check_term(p, start, dt.date(2025, 1, 1), post=post)
        assert res.ok is not applies, post
        assert not applies or cites(res.failures[0].article, cited)
        assert check_term(p, start, dt.date(2027, 1, 1), post=post).ok is not applies


@pytest.mark.parametrize("name, applies, article", per_profile(31, {S: "Ps 14(5)(b), 24(3)(b)"}))
def test_r31_no_team_under_a_pengawas_no_pengendali_under_an_administrator(name, applies, article):
    p = load_profile(name)
    res = check_team_creation(p, pengawas_in_charge=True)
    assert res.ok is not applies
    assert check_team_creation(p, pengawas_in_charge=False).ok
    pg = check_pengendali(p, jf(Jenjang.AHLI_MUDA), OWNING_UNIT, administrator_in_charge=True, workload_score=1)
    assert ("R31" in rule_ids(pg)) is applies
    if applies:
        assert cites(res.failures[0].article, "Ps 14(5)(b)")
        assert cites(next(f.article for f in pg.failures if f.rule_id == "R31"), "Ps 24(3)(b)")


@pytest.mark.parametrize("name, applies, article", per_profile(32, {S: "Ps 21(1), 25(1)"}))
def test_r32_ketua_and_pengendali_active_only_with_pk(name, applies, article):
    p = load_profile(name)
    for post, cited in [(Post.KETUA, "Ps 21(1)"), (Post.PENGENDALI, "Ps 25(1)")]:
        res = check_activation(p, post, pk_recorded=False)
        assert res.ok is not applies
        assert not applies or cites(res.failures[0].article, cited)
        assert check_activation(p, post, pk_recorded=True).ok


@pytest.mark.parametrize("name, applies, article", per_profile(33, {S: "Ps 27(2)"}))
def test_r33_vacancy_filled_by_next_january_april_july_october(name, applies, article):
    p = load_profile(name)
    expected = {dt.date(2024, 2, 10): dt.date(2024, 4, 30), dt.date(2024, 4, 1): dt.date(2024, 4, 30),
                dt.date(2024, 11, 2): dt.date(2025, 1, 31)}
    for vacancy, deadline in expected.items():
        assert vacancy_deadline(p, vacancy) == (deadline if applies else None)
    assert not applies or cites(p.teams.source_of("vacancy_deadline_months"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(34, {S: "Ps 24(2), (5)"}))
def test_r34_pengendali_at_least_ahli_muda_appointed_by_sekda(name, applies, article):
    p = load_profile(name)
    res = check_pengendali(p, jf(Jenjang.AHLI_PERTAMA), OWNING_UNIT, appointer_role=Role.UNIT_HEAD, workload_score=1)
    r34 = {f.code: f.article for f in res.failures if f.rule_id == "R34"}
    if applies:
        assert cites(r34["pengendali_jenjang_too_low"], "Ps 24(2)")
        assert cites(r34["pengendali_appointer_not_allowed"], "Ps 24(5)")
        assert check_pengendali(p, jf(Jenjang.AHLI_MUDA), OWNING_UNIT, appointer_role=Role.SEKDA,
                                workload_score=1).ok
    else:
        assert not r34 and [f.code for f in res.failures] == ["pengendali_not_in_profile"]


@pytest.mark.parametrize("name, applies, article", per_profile(35, {H: "Ps 20(3)"}))
def test_r35_pengawas_suggested_as_ketua_where_the_post_remains(name, applies, article):
    p = load_profile(name)
    res = check_ketua(p, able_jf(), OWNING_UNIT, unit_has_pengawas=True, workload_score=1)
    assert ("R35" in rule_ids(res)) is applies and res.ok  # a suggestion: warns, does not block
    if applies:
        assert cites(res.warnings[0].article, article)
        assert not rule_ids(check_ketua(p, emp(JabatanKind.PENGAWAS), OWNING_UNIT, unit_has_pengawas=True))


@pytest.mark.parametrize("name, applies, article", per_profile(36, {BT: "Lamp. A"}))
def test_r36_decree_issuer_by_team_scope(name, applies, article):
    p = load_profile(name)
    by_scope = [decree_issuers(p, s) for s in (Scope.WITHIN_UNIT, Scope.CROSS_UNIT, Scope.CROSS_INSTITUTION)]
    if applies:
        assert by_scope == [(Role.UNIT_HEAD,), (Role.SEKDA,), (Role.REGIONAL_HEAD,)]
        assert cites(p.teams.source_of("decree_issuer"), article)
    else:
        assert len(set(by_scope)) == 1


@pytest.mark.parametrize("name, applies, article", per_profile(37, {BT: "Ps 10(2)"}))
def test_r37_team_has_penanggung_jawab_and_optional_secretariat(name, applies, article):
    t = load_profile(name).teams
    assert t.penanggung_jawab is applies and t.sekretariat is applies
    assert not applies or cites(t.source_of("penanggung_jawab"), article)


# --- Doing the work and reporting ---------------------------------------------------------

@pytest.mark.parametrize("name, applies, article", per_profile(39, {
    D: "Lamp. 3.A", BD: "Lamp. I §3 a", BT: "Lamp. B.3 a", H: "Lamp. II A.2.2.c", S: "Lamp. V.a", N: PM}))
def test_r39_kendala_needs_description_and_an_alternative(name, applies, article):
    p = load_profile(name)
    no_text = check_kendala(p, Scope.WITHIN_UNIT, " ", ["Tambah anggota"])
    no_alt = check_kendala(p, Scope.WITHIN_UNIT, "Data terlambat", ["", None])
    assert [f.code for f in no_text.failures] == ["kendala_description_missing"]
    assert [f.code for f in no_alt.failures] == ["kendala_alternative_missing"]
    assert cites(no_text.failures[0].article, article)
    good = check_kendala(p, Scope.WITHIN_UNIT, "Data terlambat", ["Minta data ke Bappeda"])
    assert good.ok and not good.warnings and Role.UNIT_HEAD in kendala_deciders(p, Scope.WITHIN_UNIT)
    cross = check_kendala(p, Scope.CROSS_UNIT, "Data terlambat", ["Minta data"])
    assert cross.ok and ("kendala_route_not_stated" in cross.codes) is (name == H)  # HSU: within unit only


@pytest.mark.parametrize("name, applies, article", per_profile(40, {
    D: "Ps 13", BD: "Ps 11", BT: "Ps 14", H: "Ps 21", S: "Ps 26(3)", N: PM}))
def test_r40_members_report_to_the_ketua_who_reports_upward(name, applies, article):
    p = load_profile(name)
    assert report_path(p, ReportPathKind.MEMBER) == (Role.KETUA,)
    team = report_path(p, ReportPathKind.TEAM)
    assert team[-1] is p.reporting.team_recipient and Role.KETUA not in team
    assert cites(p.reporting.source_of("member_route"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(41, {
    D: "Ps 13(4)", BD: "Ps 11(3)", BT: "Ps 14(4)", H: "Ps 21(4)", N: PM}))
def test_r41_unit_head_may_request_a_report_any_time(name, applies, article):
    p = load_profile(name)
    allowed = {r for r in Role if may_request_report(p, r)}
    expected = {Role.PERFORMANCE_OWNER} if name == BT else {Role.UNIT_HEAD}
    assert allowed == (expected if applies else set())
    assert not applies or cites(p.reporting.source_of("adhoc_requester"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(42, {
    D: "Ps 13(2)", BD: "Ps 11(2)", BT: "Ps 14(2)", H: "Ps 21(2)", N: "product decision 3",
    S: "Ps 26(3)"}))  # Surakarta: Corrections, rule 43 (its "triwulanan" is the monitoring's)
def test_r42_periodic_team_report_period_is_a_setting(name, applies, article):
    p = load_profile(name)
    assert (p.reporting.cadence is CadenceRule.PERIODIC) is applies
    assert monitoring_period_months(p) == 3
    if applies:
        assert monitoring_period_months(p, 1) == 1 and monitoring_period_months(p, 6) == 6
        assert cites(p.reporting.source_of("cadence"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(43, {S: "Lamp. IV 3.1.2.2.d"}))
def test_r43_triwulanan_is_the_monitoring_not_a_fixed_reporting_cadence(name, applies, article):
    """Corrections (docs/RULES.md, rule 43), seed line 951: "Pimpinan Unit Organisasi atau Pejabat
    Penilai Kinerja memantau dan mengevaluasi secara triwulanan": the head's and the Penilai's
    monitoring is quarterly, so the ketua's reports default to a triwulan but are not fixed to it."""
    p = load_profile(name)
    assert p.reporting.cadence is not CadenceRule.QUARTERLY
    if applies:
        assert cites(p.reporting.source_of("cadence"), article) and monitoring_period_months(p) == 3
        assert monitoring_period_months(p, 1) == 1


@pytest.mark.parametrize("name, applies, article", per_profile(44, {S: "Ps 26(1)"}))
def test_r44_report_needs_data_dukung(name, applies, article):
    p = load_profile(name)
    res = check_report_evidence(p, 0)
    assert res.ok is not applies and check_report_evidence(p, 1).ok
    assert not applies or cites(res.failures[0].article, article)


@pytest.mark.parametrize("name, applies, article", per_profile(45, {S: "Ps 26(3)(b); Lamp. VI.3"}))
def test_r45_ketua_report_via_rater_or_pengendali_pengendali_direct(name, applies, article):
    p = load_profile(name)
    if applies:
        assert report_path(p, ReportPathKind.TEAM) == (Role.RATER, Role.UNIT_HEAD)
        assert report_path(p, ReportPathKind.TEAM, via_pengendali=True) == (Role.PENGENDALI, Role.UNIT_HEAD)
        assert report_path(p, ReportPathKind.PENGENDALI) == (Role.UNIT_HEAD,)
        assert cites(p.reporting.source_of("team_route"), "Ps 26(3)(b)")
        assert cites(p.reporting.source_of("pengendali_route"), "Lamp. VI.3")
    else:
        assert report_path(p, ReportPathKind.TEAM, via_pengendali=True) == (p.reporting.team_recipient,)
        with pytest.raises(DomainError):
            report_path(p, ReportPathKind.PENGENDALI)


@pytest.mark.parametrize("name, applies, article", per_profile(46, {S: "Lamp. VI.1.b"}))
def test_r46_setda_jf_madya_reports_via_rater_and_kabag(name, applies, article):
    p = load_profile(name)
    path = report_path(p, ReportPathKind.INDIVIDUAL, setda_jf_madya=True)
    assert (path == (Role.RATER, Role.KABAG, Role.UNIT_HEAD)) is applies and (Role.KABAG in path) is applies
    assert not applies or cites(p.reporting.source_of("setda_jf_madya_route"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(47, {BT: "Ps 14(3)"}))
def test_r47_individual_report_addressed_to_unit_head_through_rater(name, applies, article):
    p = load_profile(name)
    expected = (Role.RATER, Role.UNIT_HEAD) if applies else (Role.UNIT_HEAD,)
    assert report_path(p, ReportPathKind.INDIVIDUAL) == expected
    assert not applies or cites(p.reporting.source_of("individual_route"), article)


@pytest.mark.parametrize("name, applies, article", per_profile(48, {
    D: "Lamp. 3.D.3)d", BD: "Lamp. I §3", BT: "Lamp. B.3", H: "Lamp. II A.2", S: "Lamp. IV 3.1.2.3.d.4.e", N: PM}))
def test_r48_ketua_gives_member_input_to_the_rater_and_unit_head(name, applies, article):
    rep = load_profile(name).reporting
    assert Role.RATER in rep.member_input_to and cites(rep.source_of("member_input_to"), article)
    # Every text names the PPK and the unit head (Surakarta: Lamp. IV, RULES.md Corrections).
    assert Role.UNIT_HEAD in rep.member_input_to
    # Only Banten has the Ketua score members, as a recommendation (Lamp. B.3 c.7).
    assert rep.member_input_scored is (name == BT)
    assert not rep.member_input_scored or cites(rep.source_of("member_input_scored"), "B.3")


# --- Evaluation ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, applies, article", per_profile(50, {
    D: "Lamp. Kedudukan", BD: "Lamp. I II.A.3", BT: "Lamp. A.3", H: "Lamp. II A.1.3.b", S: "Lamp. IV 3.1.1.3.b",
    N: PM}))
def test_r50_only_the_unit_head_declares_done_on_target(name, applies, article):
    p = load_profile(name)
    assert check_done(p, Role.UNIT_HEAD, meets_target=True, rater_evaluated=True).ok
    by_rater = check_done(p, Role.RATER, meets_target=True, rater_evaluated=True)
    assert [f.code for f in by_rater.failures] == ["done_by_unit_head_only"]
    assert cites(by_rater.failures[0].article, article)
    missed = check_done(p, Role.UNIT_HEAD, meets_target=False, rater_evaluated=True)
    assert [f.code for f in missed.failures] == ["done_requires_meets_target"]


@pytest.mark.parametrize("name, applies, article", per_profile(51, {
    # Dharmasraya seed lines 281 (the Administrator is the Level 2 PPK), 302 (b(6)), 306-308 (c(1)-(3)).
    D: "Lamp. Kedudukan A-J, stage b(6) and c(1)-(3)", BD: "Lamp. I II.A.2.c and II.A.3", BT: "Lamp. A.2.c and A.3",
    H: "Lamp. II A.1.3.a", S: "Lamp. IV 3.1.1.3.a", N: PM}))
def test_r51_rater_evaluates_before_the_unit_head_decides(name, applies, article):
    """In Dharmasraya, Badung, Banten and PermenPANRB the Level 2 official (Administrator) is the
    Penilai: results go to them first, then Level 1 accepts (docs/RULES.md, Corrections)."""
    res = check_done(load_profile(name), Role.UNIT_HEAD, meets_target=True, rater_evaluated=False)
    assert res.ok is not applies
    assert not applies or (res.failures[0].rule_id == "R51" and cites(res.failures[0].article, article))


@pytest.mark.parametrize("name, applies, article", per_profile(52, {H: "Lamp. II A.1.3.c", S: "Lamp. IV 3.1.1.3.c"}))
def test_r52_missed_target_goes_to_rework_owned_by_the_unit_head(name, applies, article):
    ev = load_profile(name).reporting
    assert ev.rework_owner is Role.UNIT_HEAD  # product decision 11, where the text is silent
    assert ev.rework_stated is applies
    assert cites(ev.source_of("rework_owner"), article if applies else "NS")


@pytest.mark.parametrize("name, applies, article", per_profile(57, {BT: "Ps 10(4)", S: "Ps 21(3), 25(2)"}))
def test_r57_allowance_flag(name, applies, article):
    p = load_profile(name)
    pelaksana, jf_ketua = emp(), able_jf()
    got = (allowance_for(p, pelaksana, Post.KETUA), allowance_for(p, jf_ketua, Post.KETUA),
           allowance_for(p, jf_ketua, Post.PENGENDALI))
    expected = {BT: (Allowance.OPTIONAL, Allowance.NONE, Allowance.NONE),
                S: (Allowance.AUTOMATIC,) * 3}.get(name, (Allowance.NONE,) * 3)
    assert got == expected
    if applies:
        assert cites(p.teams.ketua.source_of("allowance"), "Ps 10(4)" if name == BT else "Ps 21(3)")


def test_a_regulation_that_fixes_the_cadence_refuses_another_period():
    """Where a regulation fixes the reporting period ("triwulanan" for the reports themselves),
    neither a deployment nor a team may change it."""
    import dataclasses

    p = load_profile("surakarta")
    fixed = dataclasses.replace(p, reporting=dataclasses.replace(p.reporting, cadence=CadenceRule.QUARTERLY))
    assert monitoring_period_months(fixed) == 3
    with pytest.raises(DomainError) as info:
        monitoring_period_months(fixed, 1)
    assert info.value.code == "cadence_fixed_by_regulation"
