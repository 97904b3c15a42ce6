"""Team (tim kerja): a unit's piece of work, its ketua and members.

The unit head (or the rater, where the profile allows) forms it; members join by
appointment (penunjukan) or an approved voluntary application."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from domain.allowance import Allowance
from domain.errors import DomainError, IllegalTransition


class TeamKind(str, Enum):
    RUTIN = "rutin"
    INSIDENTAL = "insidental"


class TeamStatus(str, Enum):
    OPEN = "open"        # formed, accepting members; not started
    ACTIVE = "active"    # started: its posts are filled (see Team.start); owes and receives reports
    ENDED = "ended"


class MemberRole(str, Enum):
    KETUA = "ketua"
    ANGGOTA = "anggota"
    PENANGGUNG_JAWAB = "penanggung_jawab"  # Banten Ps 10(2)
    SEKRETARIAT = "sekretariat"            # Banten Ps 10(2)
    PENGENDALI = "pengendali"              # Surakarta Ps 24


NAME_MAX = 120
GOAL_MAX = 1000


@dataclass
class Team:
    id: int | None
    unit_id: int
    name: str
    kind: TeamKind = TeamKind.RUTIN
    status: TeamStatus = TeamStatus.OPEN
    goal: str = ""
    ketua_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    target: str = ""
    created_by_id: int | None = None
    group_chat_id: int | None = None
    cadence_months: int | None = None  # per-team override of the profile's period
    pengendali_id: int | None = None
    group_thread_id: int | None = None  # the forum topic of the group, when bound to one

    @property
    def accepts_members(self) -> bool:
        return self.status in (TeamStatus.OPEN, TeamStatus.ACTIVE)

    @property
    def started(self) -> bool:
        return self.status is TeamStatus.ACTIVE

    def missing_posts(self, *, penanggung_jawab_required: bool, has_penanggung_jawab: bool) -> tuple[MemberRole, ...]:
        """The posts the team cannot start without: a ketua everywhere, and where the regulation
        makes the team "terdiri dari Penanggungjawab, Ketua dan Anggota" (Banten Ps 10(2)) its
        penanggung jawab too."""
        missing = [MemberRole.KETUA] if self.ketua_id is None else []
        if penanggung_jawab_required and not has_penanggung_jawab:
            missing.append(MemberRole.PENANGGUNG_JAWAB)
        return tuple(missing)

    def set_ketua(self, employee_id: int, *, others_missing: tuple[MemberRole, ...] = ()) -> int | None:
        """Appoint (or hand over to) a ketua; returns the previous one. An open team starts
        unless other posts are missing."""
        if self.status is TeamStatus.ENDED:
            raise IllegalTransition("team", self.status.value, "set_ketua")
        previous, self.ketua_id = self.ketua_id, employee_id
        self.start(tuple(m for m in others_missing if m is not MemberRole.KETUA))
        return previous

    def start(self, missing: tuple[MemberRole, ...]) -> bool:
        """An open team starts once no post is `missing` (see missing_posts); True when it did."""
        if self.status is TeamStatus.ENDED:
            raise IllegalTransition("team", self.status.value, "start")
        if self.status is TeamStatus.OPEN and self.ketua_id is not None and not missing:
            self.status = TeamStatus.ACTIVE
            return True
        return False

    def vacate_ketua(self) -> int | None:
        """The ketua's post ends (its term ran out): the team waits for a new ketua."""
        if self.status is TeamStatus.ENDED:
            raise IllegalTransition("team", self.status.value, "vacate_ketua")
        previous, self.ketua_id = self.ketua_id, None
        self.status = TeamStatus.OPEN
        return previous

    def end(self) -> None:
        if self.status is TeamStatus.ENDED:
            raise IllegalTransition("team", self.status.value, "end")
        self.status = TeamStatus.ENDED

    def bind_group(self, chat_id: int, thread_id: int | None = None) -> None:
        if chat_id >= 0:
            raise DomainError("not_a_group")
        self.group_chat_id, self.group_thread_id = chat_id, thread_id

    def unbind_group(self) -> None:
        self.group_chat_id = self.group_thread_id = None


@dataclass
class Membership:
    """History is kept: leaving sets left_at, nothing is deleted."""

    id: int | None
    team_id: int
    employee_id: int
    role: MemberRole
    joined_at: dt.datetime
    left_at: dt.datetime | None = None
    assignment_id: int | None = None
    pk_signed_at: dt.datetime | None = None  # ketua/pengendali: when the Perjanjian Kinerja was confirmed
    allowance: Allowance = Allowance.NONE  # ketua/pengendali: tambahan penghasilan (rule 57)

    def record_pk(self, now: dt.datetime) -> None:
        """The appointee confirms their Perjanjian Kinerja is made (Surakarta Ps 21(1), 25(1))."""
        if self.role not in (MemberRole.KETUA, MemberRole.PENGENDALI) or not self.active:
            raise IllegalTransition("membership", self.role.value, "record_pk")
        if self.pk_signed_at is None:
            self.pk_signed_at = now

    @property
    def active(self) -> bool:
        return self.left_at is None
