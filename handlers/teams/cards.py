"""How a team looks on screen. Names and statuses only: cards may be shown in groups."""
from __future__ import annotations

from collections.abc import Collection

from domain.allowance import Allowance
from domain.org import Employee, Unit
from domain.team import MemberRole, Membership, Team, TeamStatus
from handlers.core.formatting import day
from handlers.core.i18n import Html, Translator
from handlers.core.paging import joined_fitting
from storage.repos.teams import ROLE_ORDER

MEMBERS_BUDGET = 2500  # characters of member lines: a 500-person team's card still fits one message


def role_label(t: Translator, role: MemberRole) -> str:
    return {MemberRole.KETUA: t("ketua"), MemberRole.ANGGOTA: t("member"),
            MemberRole.PENANGGUNG_JAWAB: t("penanggung jawab"), MemberRole.SEKRETARIAT: t("secretariat"),
            MemberRole.PENGENDALI: t("pengendali")}[role]


def _member_line(t: Translator, m: Membership, person: Employee, tambahan: Collection[int]) -> str:
    notes = [t("additional duty (tugas tambahan)")] if m.assignment_id in tambahan else []
    if m.allowance is Allowance.AUTOMATIC:  # rule 57 (Surakarta Ps 21(3), 25(2))
        notes.append(t("with tambahan penghasilan"))
    elif m.allowance is Allowance.OPTIONAL:  # Banten Ps 10(4): "dapat diberikan"
        notes.append(t("tambahan penghasilan may be granted"))
    line = t("• {name} — {role}", name=person.name, role=role_label(t, m.role))
    return ", ".join([line, *notes])


def status_label(t: Translator, team: Team) -> str:
    if team.status is TeamStatus.OPEN and team.ketua_id is not None:  # another post is missing (Banten Ps 10(2))
        return t("formed, not started yet: a post is still empty")
    return {TeamStatus.OPEN: t("formed, no ketua yet"), TeamStatus.ACTIVE: t("active"),
            TeamStatus.ENDED: t("ended")}[team.status]


def team_card(t: Translator, team: Team, unit: Unit | None, members: list[Membership],
              people: dict[int, Employee], tambahan: Collection[int] = ()) -> str:
    """`tambahan`: the assignments that are tugas tambahan (rule 49; HSU Ps 19(2)); a ketua's or
    pengendali's tambahan penghasilan (rule 57) is on their membership."""
    lines = [t("<b>{name}</b> ({kind})", name=team.name, kind=team.kind.value),
             t("Unit: {unit}", unit=unit.name if unit else "-"),
             t("Status: {status}", status=status_label(t, team))]
    if team.starts_on and team.ends_on:
        lines.append(t("Period: {start} – {end}", start=day(t, team.starts_on), end=day(t, team.ends_on)))
    lines.append(t("Group chat: {state}", state=t("linked") if team.group_chat_id else t("not linked")))
    if members:
        lines.append(t("Members:"))
        ordered = sorted(members, key=lambda m: (ROLE_ORDER[m.role], people[m.employee_id].name))
        lines.append(joined_fitting(t, [_member_line(t, m, people[m.employee_id], tambahan) for m in ordered],
                                    MEMBERS_BUDGET, "\n"))
    else:
        lines.append(t("No members yet."))
    return Html("\n".join(lines))
