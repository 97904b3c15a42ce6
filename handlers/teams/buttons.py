"""The buttons of teams: forming, renewing and ending a team, appointing its people,
linking its group chat. Their callback data."""
from __future__ import annotations

from enum import StrEnum
from typing import Literal

from domain.team import TeamKind
from handlers.core.buttons import CallbackData


class Term(StrEnum):
    """A team's term, chosen by button."""

    QUARTER = "q"  # until the end of this quarter
    YEAR = "y"  # until the end of the year
    TWELVE_MONTHS = "12"


class NewTeamAction(CallbackData, prefix="tn"):
    """/timbaru: u (the unit: unit_id), ok (form the team), x (cancel)."""

    action: Literal["u", "ok", "x"]
    unit_id: int | None = None


class NewTeamKind(CallbackData, prefix="tn:k"):
    kind: TeamKind


class NewTeamTerm(CallbackData, prefix="tn:p"):
    term: Term


class NewTeamCadence(CallbackData, prefix="tn:c"):
    """/timbaru: the team's reporting period in months, where the profile's is "berkala"."""

    months: int


class EndTeam(CallbackData, prefix="te"):
    team_id: int
    confirm: Literal["yes"] | None = None


class RenewTeam(CallbackData, prefix="tw"):
    team_id: int
    term: Term | None = None  # None: ask for it


class Dismiss(CallbackData, prefix="tx"):
    """Cancel: nothing was done, the message says so."""


class OpenTeam(CallbackData, prefix="to"):
    """A notice's [Open the team]: the team's card, as /tim shows it."""

    team_id: int


class AppointKetua(CallbackData, prefix="tk"):
    team_id: int


class AppointPengendali(CallbackData, prefix="tp"):
    team_id: int


class AddMember(CallbackData, prefix="ta"):
    team_id: int


class LinkGroup(CallbackData, prefix="hg"):
    team_id: int


class _Pick(CallbackData):
    team_id: int
    person_id: int
    force: Literal["force"] | None = None  # appoint despite the warnings shown


class PickKetua(_Pick, prefix="kc"):
    pass


class PickPengendali(_Pick, prefix="pc"):
    pass


class PickMember(CallbackData, prefix="tm"):
    team_id: int
    person_id: int


class TeamRole(CallbackData, prefix="tr"):
    """Banten Ps 10(2): pj (penanggung jawab) or sk (secretariat); then the person."""

    team_id: int
    role: Literal["pj", "sk"]
    person_id: int | None = None


class CandidacyDecision(CallbackData, prefix="kd"):
    action: Literal["ok", "no"]
    candidacy_id: int


class ConfirmPk(CallbackData, prefix="pk"):
    """The ketua or pengendali confirms their Perjanjian Kinerja is made (Surakarta Ps 21(1), 25(1))."""

    team_id: int


class DecreeDecision(CallbackData, prefix="kp"):
    """The issuer's decision on a proposed team decree: ok (issue it) or no (reject with a reason)."""

    decree_id: int
    action: Literal["ok", "no"]


class DecreeLetter(CallbackData, prefix="kp:l"):
    """The team's issued decree as a PDF."""

    decree_id: int
