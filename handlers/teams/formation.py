"""Who may form a team for which unit, and the Pengawas bar (rules 31 and 14(2) of
Surakarta): shared by /timbaru and `import teams`."""
from __future__ import annotations

from domain.org import JabatanKind, Unit
from domain.posts import check_team_creation, team_formers
from domain.profiles import Profile, Role
from domain.rules import EligibilityResult
from storage.uow import UnitOfWork


async def check_new_team(uow: UnitOfWork, profile: Profile, unit: Unit) -> EligibilityResult:
    """Rule 31 (Surakarta Ps 14(5)(b)): the org data has no sub-activities, so a team's
    sub-activity counts as run ("diampu") by a Pejabat Pengawas when its unit is headed by one
    (product decision 16)."""
    head = await uow.org.employee(unit.head_id) if unit.head_id is not None else None
    return check_team_creation(profile, pengawas_in_charge=bool(head and head.jabatan_kind is JabatanKind.PENGAWAS))


async def formable_units(uow: UnitOfWork, profile: Profile, employee_id: int) -> list[Unit]:
    """The units I head, and where the Penilai may form teams too (Surakarta Ps 14(2)) the
    units of the people I rate outside the units I head."""
    units = {u.id: u for u in await uow.org.units_headed_by(employee_id)}
    if Role.RATER in team_formers(profile):
        covered = {i for u in units.values() for i in await uow.org.subunit_ids(u.id)}
        for unit in await uow.org.units_rated_by(employee_id):
            if unit.id not in covered:  # a head forms teams below them anyway, from their own unit
                units.setdefault(unit.id, unit)
    return sorted(units.values(), key=lambda u: u.name)
