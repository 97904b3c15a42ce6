"""Appointing the ketua tim (with the profile's eligibility rules and, where another
official sets the ketua, a proposal they approve or reject with a reason) and adding
members by appointment (penunjukan)."""
from __future__ import annotations

import dataclasses
from enum import StrEnum

from domain.candidacy import Candidacy
from domain.eligibility import EligibilityResult, asks_experience, check_ketua, check_pengendali
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee, JabatanKind
from domain.profiles import Role
from domain.team import MemberRole, Team
from domain.text import REASON_MAX_LENGTH, REASON_MIN_LENGTH, validate_text
from handlers.core.buttons import button
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import cited_finding
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, Translator
from handlers.core.lookups import present
from handlers.core.menus import refresh_menu
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.core.roles import require_official
from handlers.teams.buttons import (
    AddMember,
    AppointKetua,
    AppointPengendali,
    CandidacyDecision,
    Dismiss,
    OpenTeam,
    PickKetua,
    PickMember,
    PickPengendali,
    TeamRole,
)
from handlers.teams.cards import role_label
from handlers.teams.consideration import ask_consideration
from handlers.teams.decree import decree_on_start
from handlers.teams.dialog import open_dialog
from handlers.teams.membership import add_member, missing_posts, set_ketua, start_if_staffed
from handlers.teams.picker import ROLE_CODES, candidates, end_search, show_picker, team_for_head
from handlers.teams.pk import pk_keyboard, pk_missing, pk_prompt, post_membership
from handlers.teams.proposal import appointers, propose, settle_proposal
from handlers.teams.teams import show_team
from storage.records import Decision

router = Router()



class RejectStep(StrEnum):
    REASON = "reason"


REJECT = Form("candidacy_reject", RejectStep)


async def _pickable(ctx: Ctx, team: Team, person: Employee | None, unit_ids: list[int]) -> bool:
    """Someone of the owning unit, or a member from another unit (for a post)."""
    if person is None or not person.active:
        return False
    return person.unit_id in unit_ids or await ctx.uow.teams.membership(id_of(team), person.id) is not None


@router.callback(AppointKetua)
async def on_appoint_ketua(ctx: Ctx, pressed: AppointKetua) -> None:
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    ctx.answer()
    people = await candidates(ctx, team, "k")
    if not people:
        ctx.reply(ctx.t("No one in the unit can be chosen."))
        return
    await show_picker(ctx, team, "k", people=people)


async def _check(ctx: Ctx, team: Team, candidate: Employee, post: str, open_candidacies: int,
                 appointer: Role | None, unit_ids: list[int], relevant_experience: bool = False) -> EligibilityResult:
    """The profile's eligibility rules for the post (rules 25-29, 31, 34, 35); `unit_ids`
    is the owning unit's tree."""
    in_unit = await ctx.uow.org.employees_in_units([team.unit_id])
    # Staff of a Bidang belong to the Dinas that owns the team: the origin rule (Surakarta
    # Ps 15(5), 24(6)) is about coming from outside the owning unit's tree.
    inside = candidate.unit_id in unit_ids
    owning_unit_id = candidate.unit_id if inside else team.unit_id
    if post == "pengendali":
        unit = await ctx.uow.org.unit(team.unit_id)
        head = await ctx.uow.org.employee(unit.head_id) if unit and unit.head_id else None
        return check_pengendali(ctx.profile, candidate, owning_unit_id, candidates_count=open_candidacies + 1,
                                appointer_role=appointer,
                                administrator_in_charge=bool(head and head.jabatan_kind is JabatanKind.ADMINISTRATOR))
    return check_ketua(ctx.profile, candidate, owning_unit_id, is_replacement=team.ketua_id is not None,
                       unit_has_pengawas=any(e.jabatan_kind is JabatanKind.PENGAWAS for e in in_unit),
                       candidates_count=open_candidacies + 1, appointer_role=appointer,
                       relevant_experience=relevant_experience)


@router.callback(PickKetua)
async def on_pick_ketua(ctx: Ctx, pressed: PickKetua) -> None:
    await _pick(ctx, pressed, "ketua")


@router.callback(PickPengendali)
async def on_pick_pengendali(ctx: Ctx, pressed: PickPengendali) -> None:
    await _pick(ctx, pressed, "pengendali")


async def _pick(ctx: Ctx, pressed: PickKetua | PickPengendali, post: str, experience: str | None = None) -> None:
    """Check eligibility; appoint, or propose to the official who sets it. Where the
    regulation wants relevant experience nothing on record shows (Banten Ps 10(3)(c)), the
    appointing head is asked to describe it first (`experience`)."""
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    candidate = await ctx.uow.org.employee(pressed.person_id)
    unit_ids = await ctx.uow.org.subunit_ids(team.unit_id)
    if candidate is None or not await _pickable(ctx, team, candidate, unit_ids):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    await end_search(ctx)
    t = ctx.t
    setters = appointers(ctx, post)
    direct = Role.UNIT_HEAD in setters or Role.PERFORMANCE_OWNER in setters
    open_candidacies = len([c for c in await ctx.uow.teams.open_candidacies(id_of(team)) if c.post == post])
    ask = post == "ketua" and asks_experience(ctx.profile, candidate, is_replacement=team.ketua_id is not None)
    # the other requirements are checked first; experience is a question, not a failure
    result = await _check(ctx, team, candidate, post, open_candidacies, None, unit_ids, relevant_experience=ask)
    ctx.answer()
    if not result.ok:
        ctx.reply(Html("\n".join([t("{name} cannot be {post} of {team}:", name=candidate.name, post=post,
                                     team=team.name)] + ["✗ " + cited_finding(ctx, f) for f in result.failures])))
        return
    if result.warnings and pressed.force is None:
        ctx.reply(Html("\n".join([t("Please note before appointing {name}:", name=candidate.name)]
                                 + ["⚠ " + cited_finding(ctx, f) for f in result.warnings])),
                  keyboard([button(t("Appoint anyway"), dataclasses.replace(pressed, force="force")),
                            button(t("Cancel"), Dismiss())]))
        return
    if ask and experience is None:
        await EXPERIENCE.open(ctx, ExperienceStep.TEXT, {"team_id": id_of(team), "person_id": candidate.id,
                                                          "force": pressed.force})
        ctx.reply(t("Does {name} have relevant experience for this team's work ({article})? Describe it briefly.",
                    name=candidate.name, article=cited(ctx, ctx.profile.teams.ketua.source_of("experience_required"))),
                  force_reply=True, placeholder=t("Relevant experience"))
        return
    if ask:
        ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "ketua_experience_attested", ctx.now,
                                       details={"candidate_id": candidate.id, "experience": experience,
                                                "source": ctx.profile.teams.ketua.source_of("experience_required")}))
    if direct:
        await _install(ctx, team, candidate.id, post)
        ctx.edit_or_reply(t("{name} is now {post} of {team}.", name=candidate.name, post=post, team=team.name))
        await _tell_missing(ctx, team)
        return
    if post == "ketua" and ctx.profile.teams.ketua.rater_consideration:
        await ask_consideration(ctx, team, candidate)
        return
    await propose(ctx, team, candidate, post)


class ExperienceStep(StrEnum):
    TEXT = "text"


EXPERIENCE = Form("ketua_experience", ExperienceStep)


@router.conversation(EXPERIENCE)
async def on_experience(ctx: Ctx, conv: FormState[ExperienceStep]) -> None:
    """The head's description of the candidate's relevant experience; then the appointment goes on."""
    try:
        experience = validate_text(ctx.update.text, REASON_MIN_LENGTH, REASON_MAX_LENGTH, "experience")
    except DomainError as err:
        ctx.reply(explain(ctx.t, err), force_reply=True)
        return
    data = conv.data
    await close(ctx)
    await _pick(ctx, PickKetua(data["team_id"], data["person_id"], data.get("force")), "ketua", experience)


async def _install(ctx: Ctx, team: Team, employee_id: int, post: str) -> None:
    if post == "pengendali":
        previous = team.pengendali_id
        if previous is not None and previous != employee_id:
            old = await ctx.uow.teams.membership(id_of(team), previous)
            if old is not None:
                old.left_at = ctx.now
        team.pengendali_id = employee_id
        await add_member(ctx.uow, team, employee_id, MemberRole.PENGENDALI, ctx.me.id, ctx.now,
                         profile=ctx.profile, numbering=ctx.app.config.letters.numbering)
    else:
        previous = team.ketua_id
        await set_ketua(ctx.uow, team, employee_id, ctx.me.id, ctx.now, profile=ctx.profile,
                        numbering=ctx.app.config.letters.numbering)
        await decree_on_start(ctx, team)
        await refresh_menu(ctx, employee_id, previous)  # the ketua's commands come and go with the post
    missing = pk_missing(ctx.profile, await post_membership(ctx.uow, team, employee_id))
    await ctx.notify(employee_id, f"team:{team.id}:{post}:{employee_id}:{ctx.now.isoformat()}", lambda tr: (
        tr("You are now {post} of team <b>{team}</b>. Send /tim to see it.", post=post, team=team.name)
        + ("\n" + pk_prompt(tr, missing, ctx.profile.citation_title) if missing else ""),
        keyboard([button(tr("👥 Open the team"), OpenTeam(id_of(team)))],
                 *(pk_keyboard(tr, team) if missing else ()))))


async def _tell_missing(ctx: Ctx, team: Team) -> None:
    """Tell the unit head which posts an open team still lacks before it can start."""
    missing = await missing_posts(ctx.uow, ctx.profile, team)
    if team.started or not missing:
        return
    ctx.reply(ctx.t("{team} has not started yet: it still needs its {posts} ({article}). Until then its members "
                    "cannot report to it.", team=team.name, posts=", ".join(role_label(ctx.t, m) for m in missing),
                    article=cited(ctx, ctx.profile.teams.source_of("penanggung_jawab"))))


async def _candidacy(ctx: Ctx, candidacy_id: int) -> Candidacy | None:
    candidacy = await ctx.uow.teams.candidacy(candidacy_id)
    if candidacy is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return None
    if candidacy.decider_id != ctx.me.id:
        ctx.answer(ctx.t("Only the official who decides this can do that."), alert=True)
        return None
    if not candidacy.open:
        ctx.answer(ctx.t("This can no longer be done: it has already been processed."), alert=True)
        return None
    return candidacy


@router.callback(CandidacyDecision)
async def on_candidacy(ctx: Ctx, pressed: CandidacyDecision) -> None:
    candidacy = await _candidacy(ctx, pressed.candidacy_id)
    if candidacy is None:
        return
    team = present(await ctx.uow.teams.get(candidacy.team_id), "the candidacy's team")
    if pressed.action == "ok":
        ctx.answer()
        candidate = present(await ctx.uow.org.employee(candidacy.candidate_id), "the candidate")
        role, _ = await require_official(ctx, appointers(ctx, candidacy.post), team.unit_id)
        result = await _check(ctx, team, candidate, candidacy.post, 0, role,
                              await ctx.uow.org.subunit_ids(team.unit_id))
        if not result.ok:
            ctx.reply(Html("\n".join(["✗ " + cited_finding(ctx, f) for f in result.failures])))
            return
        candidacy.approve(ctx.me.id, ctx.now)
        await _install(ctx, team, candidate.id, candidacy.post)

        def appointed(tr: Translator) -> str:
            return tr("{name} was appointed {post} of {team}.", name=candidate.name, post=candidacy.post,
                      team=team.name)

        await settle_proposal(ctx, candidacy, team, appointed)
        for other in await ctx.uow.teams.open_candidacies(id_of(team)):
            if other.id != candidacy.id and other.post == candidacy.post:
                other.supersede(ctx.now)
                await settle_proposal(ctx, other, team, appointed)  # the post is filled: no decision left
        await ctx.notify(candidacy.proposed_by_id, f"candidacy:{candidacy.id}:approved",
                         lambda tr: (appointed(tr), None))
        ctx.edit_or_reply(ctx.t("{name} was appointed {post} of {team}.", name=candidate.name,
                                post=candidacy.post, team=team.name))
    else:
        if await REJECT.open_once(ctx, RejectStep.REASON, {"candidacy_id": candidacy.id}):
            ctx.reply(ctx.t("Write the reason for rejecting this proposal (at least {min} characters).",
                            min=REASON_MIN_LENGTH),
                      force_reply=True, placeholder=ctx.t("Reason for rejection"))


@router.conversation(REJECT)
async def on_reject_reason(ctx: Ctx, conv: FormState[RejectStep]) -> None:
    candidacy = await ctx.uow.teams.candidacy(conv.data.get("candidacy_id", 0))
    if candidacy is None or not candidacy.open or candidacy.decider_id != ctx.me.id:
        await close(ctx)
        ctx.reply(ctx.t("That is no longer waiting for your decision. Nothing was changed."))
        return
    try:
        candidacy.reject(ctx.me.id, ctx.update.text, ctx.now)
    except DomainError as err:
        ctx.reply(explain(ctx.t, err), force_reply=True)
        return
    reason = candidacy.reason
    ctx.uow.decisions.add(Decision("team", candidacy.team_id, ctx.me.id, "ketua_rejected", ctx.now,
                                   reason=reason, details={"candidate_id": candidacy.candidate_id}))
    await close(ctx)
    team = present(await ctx.uow.teams.get(candidacy.team_id), "the candidacy's team")

    def rejected(tr: Translator) -> str:
        return tr("The proposal for {post} of {team} was rejected.\nReason: {reason}", post=candidacy.post,
                  team=team.name, reason=reason)

    await ctx.notify(candidacy.proposed_by_id, f"candidacy:{candidacy.id}:rejected", lambda tr: (rejected(tr), None))
    await settle_proposal(ctx, candidacy, team, rejected)
    ctx.reply(ctx.t("Proposal rejected; the unit head has been told the reason."))




@router.callback(AppointPengendali)
async def on_appoint_pengendali(ctx: Ctx, pressed: AppointPengendali) -> None:
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    ctx.answer()
    await show_picker(ctx, team, "p")


@router.callback(TeamRole)
async def on_role(ctx: Ctx, pressed: TeamRole) -> None:
    """Banten Ps 10(2): a penanggung jawab and an optional secretariat."""
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    code, person_id = pressed.role, pressed.person_id
    role = ROLE_CODES[code]
    ctx.answer()
    if person_id is None:
        await show_picker(ctx, team, code)
        return
    await end_search(ctx)
    person = await ctx.uow.org.employee(person_id)
    if person is None or person.unit_id not in await ctx.uow.org.subunit_ids(team.unit_id):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    await add_member(ctx.uow, team, person.id, role, ctx.me.id, ctx.now, profile=ctx.profile,
                     numbering=ctx.app.config.letters.numbering)
    await start_if_staffed(ctx.uow, ctx.profile, team, ctx.me.id, ctx.now)
    await decree_on_start(ctx, team)
    await ctx.notify(person.id, f"team:{team.id}:{code}:{person.id}:{ctx.now.isoformat()}", lambda tr: (
        tr("You are now {post} of team <b>{team}</b>. Send /tim to see it.", post=role_label(tr, role),
           team=team.name), None))
    await show_team(ctx, team, edit=False)


@router.callback(AddMember)
async def on_add_member(ctx: Ctx, pressed: AddMember) -> None:
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    ctx.answer()
    people = await candidates(ctx, team, "m")
    if not people:
        ctx.reply(ctx.t("Everyone in the unit is already in this team."))
        return
    await show_picker(ctx, team, "m", people=people)


@router.callback(PickMember)
async def on_pick_member(ctx: Ctx, pressed: PickMember) -> None:
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    person = await ctx.uow.org.employee(pressed.person_id)
    if person is None or person.unit_id not in await ctx.uow.org.subunit_ids(team.unit_id):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    await end_search(ctx)
    membership = await add_member(ctx.uow, team, person.id, MemberRole.ANGGOTA, ctx.me.id, ctx.now,
                                  profile=ctx.profile, numbering=ctx.app.config.letters.numbering)
    assignment = await ctx.uow.assignments.get(membership.assignment_id)
    number = assignment.number if assignment else "-"
    await ctx.notify(person.id, f"team:{team.id}:member:{person.id}:{membership.id}", lambda tr: (
        tr("You were appointed to team <b>{team}</b> by {head}.\nAssignment (surat penugasan) number: <b>{number}</b>",
           team=team.name, head=ctx.me.name, number=number), None))
    await open_dialog(ctx, team, membership)  # rule 53: the dialog kinerja with the Penilai
    ctx.answer(ctx.t("Added"))
    await show_team(ctx, team, edit=False)

