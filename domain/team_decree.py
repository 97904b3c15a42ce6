"""The team's decree (keputusan pembentukan tim): who issues it for the team's scope (rule 36:
Banten Lamp. A a-c; rule 38: Surakarta Ps 14(3)-(4), the Pimpinan UO as performance owner;
Dharmasraya Ps 10(2)-(3)), and its life: issued at once by the team's own unit head, or proposed
to another issuer who approves or rejects it with a reason."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from domain.application import validate_reason
from domain.errors import IllegalTransition
from domain.profiles.model import Profile, Role, Scope


def decree_issuers(profile: Profile, scope: Scope) -> tuple[Role, ...]:
    """Rule 36: who issues the team instrument for a team of this scope (empty = not stated)."""
    return profile.teams.decree_issuer.for_scope(scope)


def issuer_roles(profile: Profile, scope: Scope) -> tuple[Role, ...]:
    """The roles to try, in order. Where the article names the Pimpinan UO among others ("PPK dan/atau
    Pimpinan UO"), the unit head suffices and is tried first: the decree then needs no proposal."""
    roles = decree_issuers(profile, scope)
    return tuple(sorted(roles, key=lambda r: r is not Role.UNIT_HEAD))


class DecreeStatus(StrEnum):
    PROPOSED = "proposed"  # waiting for an issuer other than the team's unit head
    ISSUED = "issued"
    REJECTED = "rejected"


@dataclass(eq=False)
class TeamDecree:
    id: int | None
    team_id: int
    ketua_id: int
    issuer_id: int
    issuer_role: str
    proposed_by_id: int
    created_at: dt.datetime
    status: DecreeStatus = DecreeStatus.PROPOSED
    number: str | None = None
    reason: str | None = None
    decided_at: dt.datetime | None = None

    def issue(self, number: str, now: dt.datetime) -> None:
        """`number` comes from the letter register (domain.letters: KT-2026-00001 by default)."""
        if self.status is not DecreeStatus.PROPOSED:
            raise IllegalTransition("team_decree", self.status.value, "issue")
        self.status, self.decided_at, self.number = DecreeStatus.ISSUED, now, number

    def reject(self, reason: str | None, now: dt.datetime) -> None:
        if self.status is not DecreeStatus.PROPOSED:
            raise IllegalTransition("team_decree", self.status.value, "reject")
        self.reason = validate_reason(reason)
        self.status, self.decided_at = DecreeStatus.REJECTED, now
