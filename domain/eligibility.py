"""Who may become Ketua Tim or Pengendali, and for how long (vacancies, activation and forming
a team: domain.posts; the allowance: domain.allowance).

Pure functions over a Profile and an Employee; the profile decides, nothing is per region here."""
from __future__ import annotations

import datetime as dt
from enum import Enum

from domain.org import Employee, JabatanKind, Jenjang
from domain.profiles.model import (
    AppliesTo,
    JfTrack,
    Ketua,
    OriginRule,
    PengawasRule,
    Profile,
    Role,
    Scope,
)
from domain.rules import EligibilityResult, RuleFinding, result


class Post(str, Enum):
    TEAM = "team"
    KETUA = "ketua"
    PENGENDALI = "pengendali"


_REQUIREMENT_RULE = {AppliesTo.ALL: "§2.8", AppliesTo.PELAKSANA: "R26", AppliesTo.REPLACEMENT: "R27"}


def check_ketua(profile: Profile, candidate: Employee, team_owning_unit_id: int, *, is_replacement: bool = False,
                mutasi: bool = False, unit_has_pengawas: bool = False, candidates_count: int = 1,
                appointer_role: Role | None = None, relevant_experience: bool = False,
                team_scope: Scope | None = None, workload_score: float | None = None) -> EligibilityResult:
    """Rules 25-29, 35 (+ Surakarta's ABK >= 1). `team_scope` defaults to within_unit, or cross_unit
    when the candidate sits outside the owning unit; it picks the appointer (Banten Lamp. A a-c)."""
    k = profile.teams.ketua
    kind = candidate.jabatan_kind
    fail: list[RuleFinding] = []
    warn: list[RuleFinding] = []
    if kind not in k.allowed_kinds:
        fail.append(RuleFinding("§2.8", "ketua_kind_not_allowed", k.source_of("allowed_kinds"),
                                {"kind": kind.value, "allowed": tuple(x.value for x in k.allowed_kinds)}))
    elif kind is JabatanKind.FUNGSIONAL and k.jf_track is JfTrack.KEAHLIAN:
        if candidate.jenjang is None:
            fail.append(RuleFinding("R28", "ketua_jenjang_unknown", k.source_of("jf_track")))
        elif not candidate.jenjang.is_keahlian:
            fail.append(RuleFinding("R28", "ketua_jf_keterampilan_not_allowed", k.source_of("jf_track"),
                                    {"jenjang": candidate.jenjang.value}))
    if _requirements_apply(k, candidate, is_replacement):
        fail += _minimums(k, candidate, relevant_experience, _REQUIREMENT_RULE[k.requirements_apply_to])
    _workload("ketua", k.min_workload, workload_score, k.source_of("min_workload"), fail, warn)
    outside = candidate.unit_id != team_owning_unit_id
    _origin("ketua", "R25", k.origin_rule, k.source_of("origin_rule"), outside, mutasi, fail, warn)
    if k.max_candidates is not None and candidates_count > k.max_candidates:
        fail.append(RuleFinding("R29", "ketua_too_many_candidates", k.source_of("max_candidates"),
                                {"max": k.max_candidates, "count": candidates_count}))
    scope = team_scope or (Scope.CROSS_UNIT if outside else Scope.WITHIN_UNIT)
    _appointer("ketua", "R29", k.appointer.for_scope(scope), appointer_role, k.source_of("appointer"), fail)
    if unit_has_pengawas and k.pengawas_as_ketua is not PengawasRule.NO and kind is not JabatanKind.PENGAWAS:
        finding = RuleFinding("R35", "ketua_pengawas_preferred", k.source_of("pengawas_as_ketua"))
        (fail if k.pengawas_as_ketua is PengawasRule.REQUIRE else warn).append(finding)
    return result(fail, warn)


def asks_experience(profile: Profile, candidate: Employee, *, is_replacement: bool = False) -> bool:
    """Whether the appointing official must attest the candidate's relevant experience before
    they become ketua (Banten Ps 10(3)(c) for a Pelaksana): nothing on record shows it, so the
    official is asked and their answer is the `relevant_experience` of check_ketua."""
    k = profile.teams.ketua
    return k.experience_required and _requirements_apply(k, candidate, is_replacement)


def _requirements_apply(k: Ketua, candidate: Employee, is_replacement: bool) -> bool:
    return {AppliesTo.ALL: True, AppliesTo.PELAKSANA: candidate.jabatan_kind is JabatanKind.PELAKSANA,
            AppliesTo.REPLACEMENT: is_replacement}[k.requirements_apply_to]


def check_pengendali(profile: Profile, candidate: Employee, team_owning_unit_id: int, *, mutasi: bool = False,
                     candidates_count: int = 1, appointer_role: Role | None = None,
                     administrator_in_charge: bool = False, workload_score: float | None = None) -> EligibilityResult:
    """Surakarta Ps 24: at least JF Ahli Muda, <= 3 candidates, set by Sekda, only where no
    Administrator runs the programme (rules 31, 34)."""
    pg = profile.pengendali
    if pg is None:
        return result([RuleFinding("§2.8", "pengendali_not_in_profile", profile.teams.source_of("has_pengendali"))])
    fail: list[RuleFinding] = []
    warn: list[RuleFinding] = []
    j = candidate.jenjang
    if candidate.jabatan_kind is not JabatanKind.FUNGSIONAL or j is None or not _at_least(j, pg.min_jenjang):
        fail.append(RuleFinding("R34", "pengendali_jenjang_too_low", pg.source_of("min_jenjang"),
                                {"required": pg.min_jenjang.value, "actual": j.value if j else None}))
    elif pg.max_jenjang is not None and _at_least(j, pg.max_jenjang) and j is not pg.max_jenjang:
        warn.append(RuleFinding("R34", "pengendali_above_defined_levels", pg.source_of("max_jenjang"),
                                {"max": pg.max_jenjang.value, "actual": j.value}))
    _appointer("pengendali", "R34", pg.appointer, appointer_role, pg.source_of("appointer"), fail)
    if pg.max_candidates is not None and candidates_count > pg.max_candidates:
        fail.append(RuleFinding("§2.8", "pengendali_too_many_candidates", pg.source_of("max_candidates"),
                                {"max": pg.max_candidates, "count": candidates_count}))
    if administrator_in_charge and pg.only_where_no_administrator:
        fail.append(RuleFinding("R31", "pengendali_where_administrator_in_charge",
                                pg.source_of("only_where_no_administrator")))
    _workload("pengendali", pg.min_workload, workload_score, pg.source_of("min_workload"), fail, warn)
    outside = candidate.unit_id != team_owning_unit_id
    _origin("pengendali", "§2.8", pg.origin_rule, pg.source_of("origin_rule"), outside, mutasi, fail, warn)
    return result(fail, warn)


def _minimums(k: Ketua, candidate: Employee, experience: bool, rule: str) -> list[RuleFinding]:
    out = []
    if k.min_education is not None:
        edu = candidate.education
        if edu is None or edu.rank < k.min_education.rank:
            code = "ketua_education_unknown" if edu is None else "ketua_education_too_low"
            out.append(RuleFinding(rule, code, k.source_of("min_education"),
                                   {"required": k.min_education.value, "actual": edu.value if edu else None}))
    if k.min_golongan is not None:
        gol = candidate.golongan
        if gol is None or gol < k.min_golongan:
            code = "ketua_golongan_unknown" if gol is None else "ketua_golongan_too_low"
            out.append(RuleFinding(rule, code, k.source_of("min_golongan"),
                                   {"required": str(k.min_golongan), "actual": str(gol) if gol else None}))
    if k.experience_required and not experience:
        out.append(RuleFinding(rule, "ketua_experience_missing", k.source_of("experience_required")))
    return out


def _workload(post: str, minimum: float | None, score: float | None, article: str,
              fail: list[RuleFinding], warn: list[RuleFinding]) -> None:
    """Analisa Beban Kerja >= 1 (Surakarta Ps 14(5)(b), 24(3)(c)); unknown only warns."""
    if minimum is None:
        return
    if score is None:
        warn.append(RuleFinding("§2.8", f"{post}_workload_unverified", article, {"min": minimum}))
    elif score < minimum:
        fail.append(RuleFinding("§2.8", f"{post}_workload_too_low", article, {"min": minimum, "actual": score}))


def _origin(post: str, rule: str, origin: OriginRule, article: str, outside: bool, mutasi: bool,
            fail: list[RuleFinding], warn: list[RuleFinding]) -> None:
    if not outside or origin is OriginRule.NO:
        return
    if origin is OriginRule.WARN:
        warn.append(RuleFinding(rule, f"{post}_not_from_owning_unit", article))
    elif mutasi:
        warn.append(RuleFinding(rule, f"{post}_from_outside_by_mutasi", article))
    else:
        fail.append(RuleFinding(rule, f"{post}_must_come_from_owning_unit", article))


def _appointer(post: str, rule: str, allowed: tuple[Role, ...], actual: Role | None, article: str,
               fail: list[RuleFinding]) -> None:
    if actual is not None and allowed and actual not in allowed:
        fail.append(RuleFinding(rule, f"{post}_appointer_not_allowed", article,
                                {"actor": actual.value, "allowed": tuple(r.value for r in allowed)}))


def _at_least(jenjang: Jenjang, minimum: Jenjang) -> bool:
    return jenjang.is_keahlian == minimum.is_keahlian and jenjang.rank >= minimum.rank


def _term_limit(profile: Profile, post: Post) -> tuple[int | None, str]:
    if post is Post.TEAM:
        return profile.teams.max_term_months, profile.teams.source_of("max_term_months")
    if post is Post.KETUA:
        k = profile.teams.ketua
        return k.term_months, k.source_of("term_months")
    pg = profile.pengendali
    return (pg.term_months, pg.source_of("term_months")) if pg else (None, profile.teams.source_of("has_pengendali"))


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later; a day the month lacks becomes the 1st of the next month
    (31 Jan + 1 -> 1 Mar), so the day before is always that month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    try:
        return dt.date(day.year + y, m + 1, day.day)
    except ValueError:  # only months shorter than 31 days, so never December
        return dt.date(day.year + y, m + 2, 1)


def term_last_day(start: dt.date, months: int) -> dt.date:
    """The last day of a term of `months` counting both ends: the day before the anniversary."""
    return add_months(start, months) - dt.timedelta(days=1)


def check_term(profile: Profile, start: dt.date, end: dt.date, *, post: Post = Post.TEAM) -> EligibilityResult:
    """Rule 30, the one term rule (/timbaru, renewal, `import teams`): the end follows the start
    and, where the profile has a maximum ("maksimal 1 tahun", Surakarta Ps 14(5)(c)), the term
    counts both ends, so its last day is the day before the anniversary: 1 Jan 2024 -> 31 Dec
    2024, and 29 Feb 2024 -> 28 Feb 2025 (the anniversary of 29 Feb in a common year is 1 Mar)."""
    post = Post(post)
    limit, article = _term_limit(profile, post)
    if end < start:
        return result([RuleFinding("R30", f"{post.value}_end_before_start", article)])
    latest = term_last_day(start, limit) if limit else None
    if latest is not None and end > latest:
        return result([RuleFinding("R30", f"{post.value}_term_too_long", article,
                                   {"max_months": limit, "latest": latest.isoformat()})])
    return result()


__all__ = ["EligibilityResult", "Post", "RuleFinding", "add_months", "check_ketua", "check_pengendali", "check_term",
           "term_last_day"]
