"""When a team starts (status ACTIVE: it owes and receives reports)."""
from __future__ import annotations

import pytest

from domain.errors import IllegalTransition
from domain.team import MemberRole, Team, TeamStatus


def test_a_ketua_starts_a_team_where_nothing_else_is_required():
    team = Team(1, 10, "Tim")
    assert team.missing_posts(penanggung_jawab_required=False, has_penanggung_jawab=False) == (MemberRole.KETUA,)
    team.set_ketua(5)
    assert team.started


def test_banten_Ps_10_2_no_start_without_the_penanggung_jawab():
    """"terdiri dari Penanggungjawab, Ketua dan Anggota"."""
    team = Team(1, 10, "Tim")
    missing = team.missing_posts(penanggung_jawab_required=True, has_penanggung_jawab=False)
    assert missing == (MemberRole.KETUA, MemberRole.PENANGGUNG_JAWAB)
    team.set_ketua(5, others_missing=missing)
    assert team.status is TeamStatus.OPEN and not team.started
    assert not team.start((MemberRole.PENANGGUNG_JAWAB,))
    assert team.missing_posts(penanggung_jawab_required=True, has_penanggung_jawab=True) == ()
    assert team.start(()) and team.started


def test_an_open_team_without_ketua_or_an_ended_team_does_not_start():
    team = Team(1, 10, "Tim")
    assert not team.start(())
    team.end()
    with pytest.raises(IllegalTransition):
        team.start(())
