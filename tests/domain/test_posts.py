"""The Ketua/Pengendali posts beyond eligibility (domain/posts.py, domain/team.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.eligibility import Post
from domain.errors import IllegalTransition
from domain.posts import post_ends_with_term, team_formers
from domain.profiles import Role, load_profile, profile_names
from domain.team import MemberRole, Membership, Team, TeamStatus

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", profile_names())
def test_the_penilai_forms_teams_only_in_surakarta(name):
    """Surakarta Ps 14(2): "dibentuk oleh Pejabat Penilai Kinerja atau Pimpinan Unit Organisasi"."""
    formers = team_formers(load_profile(name))
    assert Role.UNIT_HEAD in formers and (Role.RATER in formers) == (name == "surakarta")


@pytest.mark.parametrize("name", profile_names())
def test_the_posts_end_with_the_term_only_in_surakarta(name):
    """Surakarta Ps 1(26) (Ketua) and 24(3)(d) (Pengendali): at most a year, set by the Sekda."""
    p = load_profile(name)
    assert post_ends_with_term(p, Post.KETUA) == post_ends_with_term(p, Post.PENGENDALI) == (name == "surakarta")


def test_vacating_the_ketua_reopens_the_team():
    team = Team(1, 1, "Tim", status=TeamStatus.ACTIVE, ketua_id=7)
    assert team.vacate_ketua() == 7 and team.ketua_id is None and team.status is TeamStatus.OPEN
    team.end()
    with pytest.raises(IllegalTransition):
        team.vacate_ketua()


def test_only_a_sitting_ketua_or_pengendali_records_a_pk():
    ketua = Membership(1, 1, 7, MemberRole.KETUA, NOW)
    ketua.record_pk(NOW)
    ketua.record_pk(NOW + dt.timedelta(days=1))  # confirming twice keeps the first date
    assert ketua.pk_signed_at == NOW
    with pytest.raises(IllegalTransition):
        Membership(2, 1, 8, MemberRole.ANGGOTA, NOW).record_pk(NOW)
    with pytest.raises(IllegalTransition):
        Membership(3, 1, 9, MemberRole.PENGENDALI, NOW, left_at=NOW).record_pk(NOW)
