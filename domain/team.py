"""Team (tim kerja): a unit's piece of work that staff can join. The skeleton needs
only what a voluntary application targets; teams-and-reporting extends it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class TeamKind(str, Enum):
    RUTIN = "rutin"
    INSIDENTAL = "insidental"


class TeamStatus(str, Enum):
    OPEN = "open"
    ACTIVE = "active"
    ENDED = "ended"


@dataclass
class Team:
    id: int | None
    unit_id: int
    name: str
    kind: TeamKind = TeamKind.RUTIN
    status: TeamStatus = TeamStatus.OPEN
    goal: str = ""
    lead_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None

    @property
    def accepts_members(self) -> bool:
        return self.status in (TeamStatus.OPEN, TeamStatus.ACTIVE)
