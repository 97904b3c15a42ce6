"""Team operations shared by conversations, CLI and seeding: forming a team, adding a
member (with the assignment that rule 2 requires before work starts), and the ketua.

A member may come from another unit: `add_member` checks no unit, so a cross-unit
application (handlers.applications.decide) and a cross-unit appointment (permohonan
pelibatan) both join people through it, passing the assignment the approving side issued
(`issue_assignment` with the owning unit's id flags it tugas tambahan where the profile
says so). The ketua rule for such members is applied where the post is filled
(handlers.teams.members: the origin rule of domain.eligibility)."""
from __future__ import annotations

import datetime as dt

from domain.additional_duty import is_tugas_tambahan
from domain.allowance import Allowance, allowance_for
from domain.assignability import require_kedudukan
from domain.assignment import Assignment, AssignmentForm, AssignmentMode
from domain.eligibility import Post
from domain.errors import DomainError
from domain.ids import id_of
from domain.letters import LetterKind, Numbering
from domain.profiles import Profile
from domain.team import MemberRole, Membership, Team
from handlers.core.lookups import present
from handlers.letters.register import LetterDraft, party_of, register_letter
from storage.records import Decision
from storage.uow import UnitOfWork


async def issue_assignment(uow: UnitOfWork, employee_id: int, unit_id: int, mode: AssignmentMode,
                           form: AssignmentForm, description: str, issued_by_id: int, now: dt.datetime,
                           team_id: int | None = None, application_id: int | None = None, *,
                           profile: Profile, numbering: Numbering | None = None,
                           tembusan: tuple[str, ...] = ()) -> Assignment:
    """A surat penugasan record, entered in the letter register (its number from the deployment's
    numbering, ST-YYYY-NNNNN by default; `tembusan` is its cc list as printed), flagged tugas
    tambahan where the work is for another unit and the profile says so (rule 49). Every
    assignment path comes here, so rule 3 (kedudukan and rater on record) is checked here."""
    employee = await uow.org.employee(employee_id)
    if employee is not None:
        require_kedudukan(employee)
    tambahan = employee is not None and is_tugas_tambahan(
        await uow.org.view_for(employee, unit_ids=[unit_id]), profile, employee, unit_id)
    assignment = Assignment(None, employee_id, unit_id, mode, form, description[:200], issued_by_id,
                            team_id=team_id, application_id=application_id, issued_at=now,
                            tugas_tambahan=tambahan)
    uow.assignments.add(assignment)
    await uow.flush()
    issuer = present(await uow.org.employee(issued_by_id), "the assignment's issuer")
    assignee = present(employee, "the assignee")
    letter = await register_letter(uow, LetterDraft(
        LetterKind.PENUGASAN, ("assignment", id_of(assignment)), party_of(issuer), (party_of(assignee),),
        assignment.description, unit_id=unit_id, tembusan=tembusan), numbering or Numbering(), profile.timezone, now)
    assignment.number = letter.number
    await uow.flush()
    return assignment


async def add_member(uow: UnitOfWork, team: Team, employee_id: int, role: MemberRole, actor_id: int,
                     now: dt.datetime, mode: AssignmentMode = AssignmentMode.PENUNJUKAN,
                     assignment: Assignment | None = None, *, profile: Profile,
                     numbering: Numbering | None = None) -> Membership:
    """Join a team: refuses duplicates and ended teams; records the assignment and the audit row,
    and a ketua's or pengendali's tambahan penghasilan (rule 57)."""
    if not team.accepts_members:
        raise DomainError("team_closed")
    team_id = id_of(team)
    existing = await uow.teams.membership(team_id, employee_id)
    if existing is not None and existing.role is role:
        raise DomainError("already_member")
    if assignment is None:
        assignment = await issue_assignment(uow, employee_id, team.unit_id, mode, AssignmentForm.TIM,
                                            team.name, actor_id, now, team_id=team_id, profile=profile,
                                            numbering=numbering)
    if existing is not None:  # a role change (e.g. anggota -> ketua) ends the old membership
        existing.left_at = now
    membership = Membership(None, team_id, employee_id, role, now, assignment_id=assignment.id,
                            allowance=await _allowance(uow, profile, employee_id, role))
    uow.teams.add(membership)
    uow.decisions.add(Decision("team", team_id, actor_id, f"member_added:{role.value}", now,
                               details={"employee_id": employee_id, "assignment": assignment.number,
                                        "mode": mode.value}))
    await uow.flush()
    return membership


async def _allowance(uow: UnitOfWork, profile: Profile, employee_id: int, role: MemberRole) -> Allowance:
    post = {MemberRole.KETUA: Post.KETUA, MemberRole.PENGENDALI: Post.PENGENDALI}.get(role)
    holder = await uow.org.employee(employee_id) if post else None
    return allowance_for(profile, holder, post) if post and holder else Allowance.NONE


async def missing_posts(uow: UnitOfWork, profile: Profile, team: Team) -> tuple[MemberRole, ...]:
    """The posts the team cannot start without (domain.team.Team.missing_posts)."""
    roles = {m.role for m in await uow.teams.members(id_of(team))}
    return team.missing_posts(penanggung_jawab_required=profile.teams.penanggung_jawab,
                              has_penanggung_jawab=MemberRole.PENANGGUNG_JAWAB in roles)


async def start_if_staffed(uow: UnitOfWork, profile: Profile, team: Team, actor_id: int,
                           now: dt.datetime) -> tuple[MemberRole, ...]:
    """Start an open team whose posts are now filled; returns what is still missing."""
    missing = await missing_posts(uow, profile, team)
    if team.start(missing):
        uow.decisions.add(Decision("team", id_of(team), actor_id, "started", now))
    return missing


async def set_ketua(uow: UnitOfWork, team: Team, employee_id: int, actor_id: int, now: dt.datetime,
                   acting_for_id: int | None = None, *, profile: Profile,
                   numbering: Numbering | None = None) -> Membership:
    """Appoint or hand over the ketua; the previous ketua stays a member (history kept). The
    team starts only when its other posts are filled too (Banten Ps 10(2))."""
    previous = team.set_ketua(employee_id, others_missing=await missing_posts(uow, profile, team))
    if previous is not None and previous != employee_id:
        old = await uow.teams.membership(id_of(team), previous)
        if old is not None and old.role is MemberRole.KETUA:
            old.left_at = now
            uow.teams.add(Membership(None, id_of(team), previous, MemberRole.ANGGOTA, now,
                                     assignment_id=old.assignment_id))
    membership = await add_member(uow, team, employee_id, MemberRole.KETUA, actor_id, now, profile=profile,
                                  numbering=numbering)
    uow.decisions.add(Decision("team", id_of(team), actor_id, "ketua_set", now, acting_for_id=acting_for_id,
                               details={"ketua_id": employee_id, "previous": previous}))
    return membership


async def end_post(uow: UnitOfWork, team: Team, role: MemberRole, actor_id: int, now: dt.datetime) -> int | None:
    """A ketua's or pengendali's post ends with its term (Surakarta Ps 1(26), 24(3)(d)); the
    former ketua stays a member. Returns who held it."""
    if role is MemberRole.KETUA:
        holder = team.vacate_ketua()
    else:
        holder, team.pengendali_id = team.pengendali_id, None
    if holder is None:
        return None
    old = await uow.teams.membership(id_of(team), holder)
    if old is not None and old.role is role:
        old.left_at = now
        if role is MemberRole.KETUA:
            uow.teams.add(Membership(None, id_of(team), holder, MemberRole.ANGGOTA, now,
                                     assignment_id=old.assignment_id))
    uow.decisions.add(Decision("team", id_of(team), actor_id, f"{role.value}_post_ended", now,
                               details={"employee_id": holder}))
    return holder
