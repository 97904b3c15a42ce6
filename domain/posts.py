"""The Ketua and Pengendali posts beyond eligibility (Surakarta): who may form a team at
all, when an appointee becomes active, and by when a vacant post must be filled."""
from __future__ import annotations

import datetime as dt

from domain.eligibility import Post, add_months
from domain.profiles.model import Profile, Role
from domain.rules import EligibilityResult, RuleFinding, result


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


def team_formers(profile: Profile) -> tuple[Role, ...]:
    """Who may form a team: the unit head everywhere, and where the profile says so the
    Penilai too (Surakarta Ps 14(2) "dibentuk oleh Pejabat Penilai Kinerja atau Pimpinan Unit
    Organisasi")."""
    return profile.teams.formed_by or (Role.UNIT_HEAD,)


def check_activation(profile: Profile, post: Post, *, pk_recorded: bool) -> EligibilityResult:
    """Rule 32: a Ketua or Pengendali is active only once their Perjanjian Kinerja is recorded."""
    post = Post(post)
    section = profile.teams.ketua if post is Post.KETUA else profile.pengendali
    if section is None or not section.pk_required or pk_recorded:
        return result()
    return result([RuleFinding("R32", f"{post.value}_pk_missing", section.source_of("pk_required"))])


def post_ends_with_term(profile: Profile, post: Post) -> bool:
    """Rule 30: where the post has its own term (Surakarta Ps 1(26), 24(3)(d)), renewing the
    team does not renew it: the holder's post ends with the old term and a new one is proposed."""
    section = profile.teams.ketua if Post(post) is Post.KETUA else profile.pengendali
    return section is not None and section.term_months is not None
