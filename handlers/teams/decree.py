"""The team's decree (keputusan pembentukan tim; rules 36/38) once the team starts: issued by the official
the profile names for the team's scope (within a unit for now) — at once where that is the team's own unit
head, else proposed to them to approve or reject with a reason — numbered KT-YYYY-NNNNN, and sent as a PDF
from the [Keputusan] button of /tim to the team's members and the officials concerned."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from enum import StrEnum

from domain.deciders import official_for, organisation_unit
from domain.errors import DomainError
from domain.ids import id_of
from domain.letters import Letter, LetterKind
from domain.profiles import Role, Scope
from domain.team import Membership, Team
from domain.team_decree import DecreeStatus, TeamDecree, issuer_roles
from domain.text import REASON_MIN_LENGTH
from handlers.core.buttons import button
from handlers.core.cards import decided_line, settle_card
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, Translator
from handlers.core.lookups import present
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.letters.documents import RenderContext, render_context, renders
from handlers.letters.register import LetterDraft, issue_letter, party_of
from handlers.letters.send import send_letter
from handlers.teams.buttons import DecreeDecision, DecreeLetter
from handlers.teams.decree_pdf import DecreeData, team_decree
from storage.records import Decision

router = Router()


class RejectStep(StrEnum):
    REASON = "reason"


REJECT = Form("decree_reject", RejectStep)


async def decree_on_start(ctx: Ctx, team: Team) -> None:
    """Once a started team has a ketua its current decree does not name, issue or propose one."""
    if not team.started or team.ketua_id is None:
        return
    latest = await ctx.uow.decrees.latest(id_of(team))
    if latest is not None and latest.ketua_id == team.ketua_id:
        return
    org = await ctx.uow.org.view_for(ctx.me, unit_ids=[team.unit_id], on=ctx.today)
    own = organisation_unit(org, ctx.profile, team.unit_id)
    for role in issuer_roles(ctx.profile, Scope.WITHIN_UNIT):  # none: the regulation names no instrument
        resolved = official_for(org, role, team.unit_id, profile=ctx.profile)
        if resolved is not None:
            break
    else:
        return
    issuer = resolved.person
    decree = TeamDecree(None, id_of(team), team.ketua_id, issuer.id, role.value, ctx.me.id, ctx.now)
    ctx.uow.decrees.add(decree)
    if role is Role.UNIT_HEAD or (own is not None and own.head_id == issuer.id):
        await _issue(ctx, decree, team, issuer.id)
        return
    await ctx.uow.flush()
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "decree_proposed", ctx.now,
                                   details={"decree_id": decree.id, "issuer_id": issuer.id}))
    await ctx.notify(issuer.id, f"decree:{decree.id}:proposed", lambda tr: (
        tr("{proposer} proposes the decree forming team <b>{team}</b> ({unit}) for you to issue ({article}).",
           proposer=ctx.me.name, team=team.name, unit=own.name if own else "",
           article=ctx.profile.teams.source_of("decree_issuer")),
        keyboard([button(tr("✅ Issue the decree"), DecreeDecision(id_of(decree), "ok")),
                  button(tr("❌ Reject"), DecreeDecision(id_of(decree), "no"))])), card=_card(decree))


async def _issue(ctx: Ctx, decree: TeamDecree, team: Team, issuer_id: int) -> None:
    issuer = present(await ctx.uow.org.employee(issuer_id), "the decree's issuer")
    members = await ctx.uow.teams.members(id_of(team))
    people = await ctx.uow.org.employees(m.employee_id for m in members)
    await ctx.uow.flush()
    letter = await issue_letter(ctx, LetterDraft(
        LetterKind.KEPUTUSAN_TIM, ("team_decree", id_of(decree)), party_of(issuer),
        tuple(party_of(people[m.employee_id]) for m in members if m.employee_id in people),
        f"Pembentukan {team.name}", unit_id=team.unit_id))
    decree.issue(letter.number, ctx.now)
    await ctx.uow.flush()
    ctx.uow.decisions.add(Decision("team", id_of(team), issuer_id, "decree_issued", ctx.now,
                                   details={"decree_id": decree.id, "number": decree.number}))
    for member in members:
        await ctx.notify(member.employee_id, f"decree:{decree.id}:issued", lambda tr: (
            tr("The decree forming team <b>{team}</b> is issued: {number}.", team=team.name, number=decree.number),
            keyboard([button(tr("Decree (Keputusan)"), DecreeLetter(id_of(decree)))])))


@router.callback(DecreeDecision)
async def on_decision(ctx: Ctx, pressed: DecreeDecision) -> None:
    decree = await ctx.uow.decrees.get(pressed.decree_id)
    if decree is None or decree.issuer_id != ctx.me.id:
        ctx.answer(ctx.t("Only the official who decides this can do that."), alert=True)
        return
    if decree.status is not DecreeStatus.PROPOSED:
        ctx.answer(ctx.t("This can no longer be done: it has already been processed."), alert=True)
        return
    ctx.answer()
    if pressed.action == "no":
        if await REJECT.open_once(ctx, RejectStep.REASON, {"decree_id": decree.id}):
            ctx.reply(ctx.t("Write the reason for rejecting this proposal (at least {min} characters).",
                            min=REASON_MIN_LENGTH), force_reply=True, placeholder=ctx.t("Reason for rejection"))
        return
    team = present(await ctx.uow.teams.get(decree.team_id), "the decree's team")
    await _issue(ctx, decree, team, ctx.me.id)

    def issued(tr: Translator) -> str:
        return tr("The decree forming team <b>{team}</b> is issued: {number}.", team=team.name,
                  number=decree.number)

    await ctx.notify(decree.proposed_by_id, f"decree:{decree.id}:approved", lambda tr: (issued(tr), None))
    await _settle(ctx, decree, issued)
    ctx.edit_or_reply(ctx.t("The decree forming team <b>{team}</b> is issued: {number}.", team=team.name,
                            number=decree.number))


@router.conversation(REJECT)
async def on_reject_reason(ctx: Ctx, conv: FormState[RejectStep]) -> None:
    decree = await ctx.uow.decrees.get(conv.data.get("decree_id", 0))
    if decree is None or decree.status is not DecreeStatus.PROPOSED or decree.issuer_id != ctx.me.id:
        await close(ctx)
        ctx.reply(ctx.t("That is no longer waiting for your decision. Nothing was changed."))
        return
    try:
        decree.reject(ctx.update.text, ctx.now)
    except DomainError as err:
        ctx.reply(explain(ctx.t, err), force_reply=True)
        return
    team = present(await ctx.uow.teams.get(decree.team_id), "the decree's team")
    ctx.uow.decisions.add(Decision("team", decree.team_id, ctx.me.id, "decree_rejected", ctx.now,
                                   reason=decree.reason, details={"decree_id": decree.id}))
    await close(ctx)

    def rejected(tr: Translator) -> str:
        return tr("The decree forming team <b>{team}</b> was not issued.\nReason: {reason}", team=team.name,
                  reason=decree.reason)

    await ctx.notify(decree.proposed_by_id, f"decree:{decree.id}:rejected", lambda tr: (rejected(tr), None))
    await _settle(ctx, decree, rejected)
    ctx.reply(ctx.t("Proposal rejected; the unit head has been told the reason."))


def _card(decree: TeamDecree) -> str:
    return f"decree:{id_of(decree)}"


async def _settle(ctx: Ctx, decree: TeamDecree, outcome: Callable[[Translator], str]) -> None:
    """The issuer's card shows the outcome, who and when, without its buttons."""
    await settle_card(ctx, _card(decree), lambda tr: Html(
        outcome(tr) + "\n" + decided_line(tr, ctx.me.name, ctx.now, ctx.profile.timezone)))


async def may_read(ctx: Ctx, decree: TeamDecree) -> bool:
    return may_read_as(decree, ctx.me.id, await ctx.uow.teams.membership(decree.team_id, ctx.me.id))


def may_read_as(decree: TeamDecree, employee_id: int, membership: Membership | None) -> bool:
    """The team's current members (ketua included: `membership` is theirs), the issuer and the proposer."""
    return employee_id in (decree.issuer_id, decree.proposed_by_id) or membership is not None


@router.callback(DecreeLetter)
async def on_letter(ctx: Ctx, pressed: DecreeLetter) -> None:
    decree = await ctx.uow.decrees.get(pressed.decree_id)
    letter = await ctx.uow.letters.of_source("team_decree", pressed.decree_id) if decree else None
    if decree is None or letter is None or decree.status is not DecreeStatus.ISSUED or not await may_read(ctx, decree):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    await send_letter(ctx, render_context(ctx), letter)


@renders(LetterKind.KEPUTUSAN_TIM)
async def decree_pdf(rc: RenderContext, letter: Letter) -> bytes:
    """The team as it stands now (members come and go under one decree); the signer as on the day of issue."""
    decree = present(await rc.uow.decrees.get(letter.source_id), "the letter's decree")
    team = present(await rc.uow.teams.get(decree.team_id), "the decree's team")
    unit = await rc.uow.org.unit(team.unit_id)
    members = await rc.uow.teams.members(id_of(team))
    people = await rc.uow.org.employees(m.employee_id for m in members)
    ketua = present(await rc.uow.org.employee(decree.ketua_id), "the decree's ketua")
    return await asyncio.to_thread(team_decree, DecreeData(
        number=letter.number, issued_on=rc.issued_on(letter), unit_name=unit.name if unit else "",
        team_name=team.name, goal=team.goal, starts_on=team.starts_on, ends_on=team.ends_on,
        ketua=(ketua.name, ketua.nip),
        members=tuple((people[m.employee_id].name, people[m.employee_id].nip, m.role.value) for m in members
                      if m.employee_id in people and m.employee_id != ketua.id),
        issuer_name=letter.issuer_name, issuer_nip=letter.issuer_nip, issuer_jabatan=letter.issuer_jabatan,
        regulation=rc.profile.title, article=rc.profile.teams.source_of("decree_issuer"),
        head=rc.settings.letterhead, place=rc.settings.place, tembusan=tuple(letter.tembusan),
        verification=rc.verification(letter)))
