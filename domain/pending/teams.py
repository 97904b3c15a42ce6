"""NOT enforced yet (see domain.pending): the team instrument (rule 36)."""
from __future__ import annotations

from domain.profiles.model import Profile, Role, Scope


def decree_issuers(profile: Profile, scope: Scope) -> tuple[Role, ...]:
    """Rule 36: who issues the team instrument for a team of this scope (empty = not stated)."""
    return profile.teams.decree_issuer.for_scope(scope)
