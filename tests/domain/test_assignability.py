"""Rule 3: assignment only after the kedudukan, jabatan and Penilai, is on record."""
from __future__ import annotations

import pytest

from domain.assignability import require_kedudukan
from domain.errors import DomainError
from domain.org import Employee, JabatanKind


def _person(rater_id: int | None, jabatan: str = "Pranata Komputer") -> Employee:
    return Employee(7, "199001012015031001", "Budi", jabatan, JabatanKind.FUNGSIONAL, 1, rater_id=rater_id)


def test_a_person_with_jabatan_and_rater_may_be_assigned():
    require_kedudukan(_person(3))


@pytest.mark.parametrize("person", [_person(None), _person(3, jabatan="  ")])
def test_without_rater_or_jabatan_the_assignment_is_refused_naming_the_person(person):
    with pytest.raises(DomainError) as refused:
        require_kedudukan(person)
    assert refused.value.code == "assignee_has_no_rater" and refused.value.params == {"name": "Budi"}
