"""Assignment (penugasan): the result of an approved application or an appointment.
Rule 1 (all profiles): every assignment has a mode and a form."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class AssignmentMode(str, Enum):
    PENUNJUKAN = "penunjukan"
    SUKARELA = "sukarela"


class AssignmentForm(str, Enum):
    INDIVIDU = "individu"
    TIM = "tim"


@dataclass
class Assignment:
    id: int | None
    employee_id: int
    unit_id: int
    mode: AssignmentMode
    form: AssignmentForm
    description: str
    issued_by_id: int
    team_id: int | None = None
    application_id: int | None = None
    number: str | None = None
    issued_at: dt.datetime | None = None
    tugas_tambahan: bool = False  # work for another unit (rule 49; HSU Ps 19(2)): domain.additional_duty
