"""Work outside one's own Unit Organisasi (rule 49, HSU): it is tugas tambahan (Ps 19(2)), and a
JF's credit-point activity (angka kredit) there needs their own Pimpinan UO's approval (Ps 16(2)).

Both ask the same question, so they share one answer: work is outside the employee's unit when
neither unit lies in the other's line (a sub-unit's work belongs to its parent unit and the other
way round; the profile says what a Unit Organisasi is)."""
from __future__ import annotations

from domain.deciders import OrgView, organisation_unit, unit_head_of
from domain.org import Employee, JabatanKind
from domain.profiles import Profile


def _within(org: OrgView, profile: Profile, unit_id: int, root_id: int) -> bool:
    """Whether unit_id's Unit Organisasi is root_id's or lies under it."""
    root = organisation_unit(org, profile, root_id)
    unit = organisation_unit(org, profile, unit_id)
    seen: set[int] = set()
    while unit is not None and root is not None and unit.id not in seen:
        if unit.id == root.id:
            return True
        seen.add(unit.id)
        unit = org.unit(unit.parent_id) if unit.parent_id is not None else None
    return False


def outside_own_unit(org: OrgView, profile: Profile, employee: Employee, work_unit_id: int) -> bool:
    """Whether work for work_unit_id is work for a unit other than the employee's own."""
    return not (_within(org, profile, employee.unit_id, work_unit_id)
                or _within(org, profile, work_unit_id, employee.unit_id))


def is_tugas_tambahan(org: OrgView, profile: Profile, employee: Employee, work_unit_id: int) -> bool:
    """HSU Ps 19(2): a JF's or Pelaksana's work in another Unit Organisasi is tugas tambahan."""
    return (profile.teams.cross_unit_work_is_additional_duty
            and outside_own_unit(org, profile, employee, work_unit_id))


def credit_activity_approver(org: OrgView, profile: Profile, author: Employee,
                             work_unit_id: int | None) -> Employee | None:
    """HSU Ps 16(2): who must approve a JF's credit-point activity done for work_unit_id, or None
    where no approval is needed (not a JF, the work is the JF's own unit's, or the profile is silent).
    The approver is the JF's own Pimpinan Unit Organisasi."""
    if (not profile.reporting.credit_activity_needs_unit_head_approval or work_unit_id is None
            or author.jabatan_kind is not JabatanKind.FUNGSIONAL
            or not outside_own_unit(org, profile, author, work_unit_id)):
        return None
    return unit_head_of(org, author, profile)
