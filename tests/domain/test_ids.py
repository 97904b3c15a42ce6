import pytest

from domain.ids import id_of
from domain.team import Team, TeamKind


def test_id_of_a_stored_entity_and_refusal_of_an_unsaved_one():
    team = Team(None, 1, "Tim", TeamKind.RUTIN)
    with pytest.raises(ValueError, match="Team has no id yet"):
        id_of(team)
    team.id = 7
    assert id_of(team) == 7
