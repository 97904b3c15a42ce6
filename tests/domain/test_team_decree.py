"""The team's decree: who issues it by scope (rules 36/38) and its life (proposed -> issued | rejected)."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import DomainError, IllegalTransition
from domain.profiles import Role, Scope, load_profile
from domain.team_decree import DecreeStatus, TeamDecree, issuer_roles

NOW = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name, scope, roles", [
    ("banten", Scope.WITHIN_UNIT, (Role.UNIT_HEAD,)),  # Lamp. A c: Keputusan Kepala UO
    ("banten", Scope.CROSS_UNIT, (Role.SEKDA,)),  # Lamp. A b: Keputusan Sekda
    ("banten", Scope.CROSS_INSTITUTION, (Role.REGIONAL_HEAD,)),  # Lamp. A a: Keputusan Kepala Daerah
    ("surakarta", Scope.WITHIN_UNIT, (Role.UNIT_HEAD,)),  # Ps 14(3)-(4): Pimpinan UO, the performance owner
    ("dharmasraya", Scope.WITHIN_UNIT, (Role.UNIT_HEAD, Role.RATER)),  # Ps 10(2)-(3): PPK dan/atau Pimpinan UO
    ("hulu-sungai-utara", Scope.WITHIN_UNIT, ()),  # no team instrument named
])
def test_issuer_by_scope_unit_head_first_where_named(name, scope, roles):
    assert issuer_roles(load_profile(name), scope) == roles


def decree() -> TeamDecree:
    return TeamDecree(None, 1, 2, 3, "agency_head", 4, NOW)


def test_issue_numbers_it():
    d = decree()
    d.issue("KT-2026-00007", NOW)
    assert (d.status, d.number, d.decided_at) == (DecreeStatus.ISSUED, "KT-2026-00007", NOW)
    with pytest.raises(IllegalTransition):
        d.reject("Susunan tim belum sesuai rencana.", NOW)


def test_reject_needs_a_reason_and_ends_it():
    d = decree()
    with pytest.raises(DomainError):
        d.reject("no", NOW)
    d.reject("Susunan tim belum sesuai rencana.", NOW)
    assert d.status is DecreeStatus.REJECTED and d.number is None
    with pytest.raises(IllegalTransition):
        d.issue("KT-2026-00001", NOW)
