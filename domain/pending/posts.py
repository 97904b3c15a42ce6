"""NOT enforced yet (see domain.pending): ketua/pengendali vacancies, activation and
allowance, and the Pengawas bar on forming a team."""
from __future__ import annotations

import datetime as dt
from enum import Enum

from domain.eligibility import Post, add_months
from domain.org import Employee, JabatanKind
from domain.profiles.model import AllowanceRule, Profile
from domain.rules import EligibilityResult, RuleFinding, result


class Allowance(str, Enum):
    NONE = "none"
    OPTIONAL = "optional"  # may be granted (Banten Ps 10(4) "dapat")
    AUTOMATIC = "automatic"  # always granted (Surakarta Ps 21(3), 25(2))


def vacancy_deadline(profile: Profile, vacancy_date: dt.date) -> dt.date | None:
    """Rule 33: a vacant Ketua/Pengendali post is filled "paling lambat di bulan Januari, April,
    Juli, Oktober": by the end of the first such month on or after the vacancy."""
    months = sorted(profile.teams.vacancy_deadline_months)
    if not months:
        return None
    year = vacancy_date.year
    month = next((m for m in months if m >= vacancy_date.month), None)
    if month is None:
        year, month = year + 1, months[0]
    return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)


def check_team_creation(profile: Profile, *, pengawas_in_charge: bool) -> EligibilityResult:
    """Rule 31: no team for a sub-activity a Pengawas runs (Surakarta Ps 14(5)(b))."""
    t = profile.teams
    if pengawas_in_charge and t.no_team_where_pengawas:
        return result([RuleFinding("R31", "team_where_pengawas_in_charge", t.source_of("no_team_where_pengawas"))])
    return result()


def check_activation(profile: Profile, post: Post, *, pk_recorded: bool) -> EligibilityResult:
    """Rule 32: a Ketua or Pengendali is active only once their Perjanjian Kinerja is recorded."""
    post = Post(post)
    section = profile.teams.ketua if post is Post.KETUA else profile.pengendali
    if section is None or not section.pk_required or pk_recorded:
        return result()
    return result([RuleFinding("R32", f"{post.value}_pk_missing", section.source_of("pk_required"))])


def allowance_for(profile: Profile, holder: Employee, post: Post) -> Allowance:
    """Rule 57: whether the tambahan penghasilan flag is set, offered, or absent."""
    section = profile.teams.ketua if Post(post) is Post.KETUA else profile.pengendali
    rule = section.allowance if section else AllowanceRule.NONE
    if rule is AllowanceRule.ALWAYS:
        return Allowance.AUTOMATIC
    if rule is AllowanceRule.PELAKSANA_KETUA_OPTIONAL and holder.jabatan_kind is JabatanKind.PELAKSANA:
        return Allowance.OPTIONAL
    return Allowance.NONE
