"""The dialog kinerja (rule 53; HSU Lamp. II A.2.1, Surakarta Lamp. IV 3.1.2.1): the Penilai
records the expectations, the member confirms or asks for a revision."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.dialog import Dialog, DialogMode, DialogStatus, member_active
from domain.errors import DomainError, IllegalTransition, NotAllowed

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
MEMBER, PENILAI = 1, 2
EXPECTATIONS = "Aplikasi layanan publik tersedia 99% dan terdokumentasi."


def dialog() -> Dialog:
    return Dialog(team_id=10, member_id=MEMBER, penilai_id=PENILAI, created_at=NOW)


def test_proposed_then_confirmed_by_both():
    d = dialog()
    d.record(PENILAI, EXPECTATIONS, NOW)
    assert d.status is DialogStatus.PROPOSED and d.penilai_confirmed_at == NOW and not d.confirmed
    d.confirm(MEMBER, NOW)
    assert d.confirmed and d.member_confirmed_at == NOW


def test_revision_goes_back_to_the_penilai():
    d = dialog()
    d.record(PENILAI, EXPECTATIONS, NOW)
    d.ask_revision(MEMBER, "Target 99% terlalu tinggi untuk triwulan ini.")
    assert d.status is DialogStatus.REVISION and d.penilai_confirmed_at is None
    with pytest.raises(IllegalTransition):
        d.confirm(MEMBER, NOW)
    d.record(PENILAI, "Aplikasi layanan publik tersedia 95% dan terdokumentasi.", NOW)
    d.confirm(MEMBER, NOW)
    assert d.confirmed and d.revision_note is None


def test_only_the_named_people_act():
    d = dialog()
    with pytest.raises(NotAllowed):
        d.record(MEMBER, EXPECTATIONS, NOW)
    d.record(PENILAI, EXPECTATIONS, NOW)
    with pytest.raises(NotAllowed):
        d.confirm(PENILAI, NOW)


def test_nothing_to_confirm_before_the_expectations_and_nothing_after_confirmation():
    d = dialog()
    with pytest.raises(IllegalTransition):
        d.confirm(MEMBER, NOW)
    d.record(PENILAI, EXPECTATIONS, NOW)
    d.confirm(MEMBER, NOW)
    with pytest.raises(IllegalTransition):
        d.record(PENILAI, EXPECTATIONS, NOW)
    with pytest.raises(IllegalTransition):
        d.ask_revision(MEMBER, "Mohon direvisi lagi, terima kasih.")


def test_expectations_must_say_something():
    with pytest.raises(DomainError) as err:
        dialog().record(PENILAI, "  ok ", NOW)
    assert err.value.code == "text_too_short"


def test_member_active_only_where_required_and_once_confirmed():
    d = dialog()
    assert member_active(DialogMode.OPTIONAL, d)
    assert not member_active(DialogMode.REQUIRED, d)
    assert member_active(DialogMode.REQUIRED, None)  # a member from before the rule
    d.record(PENILAI, EXPECTATIONS, NOW)
    d.confirm(MEMBER, NOW)
    assert member_active(DialogMode.REQUIRED, d)
