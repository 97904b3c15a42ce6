"""The penunjukan's moves, shared by its conversations: submit, after every step tell whoever
acts next, issue the surat penugasan to the released staff, and tell the requester the outcome.
Every step is in the audit trail (subject "appointment")."""
from __future__ import annotations

from dataclasses import dataclass

from domain.application import format_number
from domain.appointment import Appointment, AppointmentStatus, StepKind
from domain.appointment_routing import (
    plan,
    refusal_letter,
    release_letter,
    resolve,
    scope_between,
    self_drafted,
    tembusan,
)
from domain.assignment import AssignmentForm, AssignmentMode
from domain.errors import DomainError
from domain.ids import id_of
from domain.profiles import Scope
from handlers.appointments.buttons import AppointmentLetter
from handlers.appointments.cards import accept_keyboard, appointment_card, step_keyboard, step_prompt
from handlers.appointments.letter_files import issue_outgoing, issue_reply, issue_request
from handlers.appointments.people import people_of, target_name
from handlers.core.buttons import button
from handlers.core.cards import decided_line, settle_card
from handlers.core.citation import citation
from handlers.core.context import Ctx, keyboard
from handlers.core.i18n import Html, Translator
from handlers.core.types import Keyboard
from handlers.teams.membership import issue_assignment
from storage.records import Decision


@dataclass(frozen=True)
class Request:
    """What the form collected."""

    scope: Scope
    home_unit_id: int
    work: str
    team_id: int | None
    target_unit_id: int | None
    institution: str | None
    candidate_ids: tuple[int, ...]
    purpose: str
    competence: str
    expectation: str
    duration: str


async def card(ctx: Ctx, ap: Appointment, t: Translator | None = None) -> str:
    return appointment_card(t or ctx.t, ap, await people_of(ctx, ap), await target_name(ctx, ap))


def audit(ctx: Ctx, ap: Appointment, action: str, reason: str | None = None, **details: object) -> None:
    step = ap.step
    ctx.uow.decisions.add(Decision("appointment", id_of(ap), ctx.me.id, action, ctx.now, reason=reason,
                                   acting_for_id=step.get("acting_for_id") if step else None, details=details))


async def submit(ctx: Ctx, req: Request) -> Appointment:
    """Route the request from the org and the profile (never from the form) and start it."""
    me = ctx.me
    candidates = list((await ctx.uow.org.employees(req.candidate_ids)).values())
    org = await ctx.uow.org.view_for(me, unit_ids=[u for u in (req.home_unit_id, req.target_unit_id) if u],
                                     employee_ids=[c.id for c in candidates] + [c.rater_id for c in candidates
                                                                               if c.rater_id], on=ctx.today)
    if req.target_unit_id is not None and scope_between(org, ctx.profile, req.home_unit_id,
                                                         req.target_unit_id) is not req.scope:
        raise DomainError("illegal_transition", entity="appointment", state="draft", action="scope")
    steps = resolve(org, ctx.profile, req.scope, plan(ctx.profile, req.scope), requester=me,
                    home_unit_id=req.home_unit_id, target_unit_id=req.target_unit_id, candidates=candidates)
    ap = Appointment(None, req.scope, me.id, req.home_unit_id, req.work, req.purpose, req.competence,
                     req.expectation, req.duration, team_id=req.team_id, target_unit_id=req.target_unit_id,
                     institution=req.institution, candidate_ids=list(req.candidate_ids))
    ap.tembusan_ids = tembusan(org, ctx.profile, req.scope, requester=me, home_unit_id=req.home_unit_id,
                               target_unit_id=req.target_unit_id, candidates=candidates,
                               actors=[s["actor_id"] for s in steps])
    ap.start(steps, ctx.now)
    ctx.uow.appointments.add(ap)
    await ctx.uow.flush()
    if req.scope in (Scope.CROSS_UNIT, Scope.CROSS_AGENCY):  # the request is its letter: it bears its number
        ap.number = (await issue_request(ctx, ap)).number
    else:  # within the unit, or to an institution (its letter goes out after the approvals)
        ap.number = format_number("PN", ctx.now.year, await ctx.uow.counters.next(f"PN-{ctx.now.year}"))
    ctx.uow.decisions.add(Decision("appointment", id_of(ap), me.id, "submitted", ctx.now,
                                   details={"scope": ap.scope.value, "steps": [s["role"] for s in ap.steps]}))
    await moved(ctx, ap)
    people, target = await people_of(ctx, ap), await target_name(ctx, ap)

    def cc_notice(tr: Translator) -> tuple[str, Keyboard | None]:
        return (tr("For your information (tembusan):") + "\n\n" + appointment_card(tr, ap, people, target),
                _letter_row(tr, ap))
    for cc in ap.tembusan_ids:
        await ctx.notify(cc, f"apt:{ap.id}:cc:{cc}", cc_notice)
    return ap


def _letter_row(t: Translator, ap: Appointment) -> Keyboard | None:
    if ap.scope is Scope.WITHIN_UNIT or ap.id is None:
        return None
    return keyboard([button(t("📄 Request letter"), AppointmentLetter("req", ap.id))])


def step_key(ap: Appointment, index: int) -> str:
    """The decision card of one step: every copy is edited once the step is taken."""
    return f"apt:{id_of(ap)}:{index}"


def accept_key(ap: Appointment, person_id: int) -> str:
    """The card asking a released person to accept their surat penugasan."""
    return f"apt:{id_of(ap)}:accept:{person_id}"


async def settle(ctx: Ctx, ap: Appointment, key: str) -> None:
    """Every copy of a card now decided shows the request as it stands, who acted and when; no buttons."""
    people, target = await people_of(ctx, ap), await target_name(ctx, ap)
    await settle_card(ctx, key, lambda tr: Html(appointment_card(tr, ap, people, target) + "\n" + decided_line(
        tr, ctx.me.name, ctx.now, ctx.profile.timezone)))


async def moved(ctx: Ctx, ap: Appointment, decided: int | None = None) -> None:
    """After a change: the card of the step just `decided` is settled everywhere, whoever acts next
    learns it; letters go out once the steps are over."""
    if decided is not None:
        await settle(ctx, ap, step_key(ap, decided))
    if ap.status is AppointmentStatus.PENDING and ap.step is not None:
        if ap.step["kind"] == StepKind.REPLY.value:
            await issue_outgoing(ctx, ap)  # approved: the letter to the institution exists from now on
        actor = int(ap.step["actor_id"])
        people = await people_of(ctx, ap)
        target = await target_name(ctx, ap)
        await ctx.notify(actor, f"apt:{ap.id}:step:{ap.current}", lambda tr: (
            appointment_card(tr, ap, people, target) + "\n\n" + step_prompt(tr, ap), step_keyboard(tr, ap)),
            card=step_key(ap, ap.current))
    elif ap.status is AppointmentStatus.ACCEPTING and not ap.assignment_ids:
        await _issue(ctx, ap)
    elif ap.status is AppointmentStatus.REFUSED:
        await _tell_requester(ctx, ap, "refused")
    elif ap.status is AppointmentStatus.DONE:
        await _tell_requester(ctx, ap, "done")


def issuer_id(ap: Appointment) -> int:
    """Who signs the surat penugasan: the official of the last step taken (the releaser, the issuer,
    the appointer who approved a proposal), or the appointer who appointed directly."""
    done = [s for s in ap.steps if "by" in s and s["kind"] != StepKind.RECOMMEND.value]
    return int(done[-1]["by"]) if done else ap.requester_id


async def _issue(ctx: Ctx, ap: Appointment) -> None:
    """A surat penugasan to each released person (rule 2), each to accept in the bot."""
    signer = issuer_id(ap)
    form = AssignmentForm.TIM if ap.team_id else AssignmentForm.INDIVIDU
    issued: dict[str, int] = {}
    people, target = await people_of(ctx, ap), await target_name(ctx, ap)
    drafted = ctx.profile.appointment.cross_unit.source_of("letter_drafter") if self_drafted(ctx.profile, ap.scope) \
        else None
    copies = tuple(people[i].name for i in ap.tembusan_ids if i in people)
    for person_id in ap.released_ids:
        assignment = await issue_assignment(ctx.uow, person_id, ap.home_unit_id, AssignmentMode.PENUNJUKAN, form,
                                            ap.work, signer, ctx.now, team_id=ap.team_id, profile=ctx.profile,
                                            numbering=ctx.app.config.letters.numbering, tembusan=copies)
        issued[str(person_id)] = id_of(assignment)

        def letter_notice(tr: Translator, number: str | None = assignment.number) -> tuple[str, Keyboard | None]:
            text = tr("You are assigned by surat penugasan <b>{number}</b>. Please accept it; /surat gives the "
                      "letter as a PDF.", number=number)
            if drafted is not None:  # HSU Ps 13(c), Surakarta Lamp. IV 3.1.2.2 c: the staff member drafts it
                text += "\n" + tr("The bot drafted it in your name, as the staff member drafts it here ({article}); "
                                   "the official who released you signed it.",
                                   article=citation(tr, drafted, ctx.profile.citation_title))
            return appointment_card(tr, ap, people, target) + "\n\n" + text, accept_keyboard(tr, ap)
        await ctx.notify(person_id, f"apt:{ap.id}:letter:{person_id}", letter_notice, card=accept_key(ap, person_id))
    ap.assignment_ids = issued
    ctx.uow.decisions.add(Decision("appointment", id_of(ap), signer, "letters_issued", ctx.now,
                                   details={"assignments": issued}))
    await _tell_requester(ctx, ap, "released")


async def _tell_requester(ctx: Ctx, ap: Appointment, what: str) -> None:
    text_of = {
        "released": lambda tr: tr("Your request {number} was granted; the staff named have their surat penugasan "
                                  "and are asked to accept it.", number=ap.number),
        "refused": lambda tr: tr("Your request {number} was <b>refused</b>. Reason: {reason}",
                                 number=ap.number, reason=ap.refusal_reason or ""),
        "done": lambda tr: tr("Your request {number} is complete.", number=ap.number),
    }[what]
    people, target = await people_of(ctx, ap), await target_name(ctx, ap)
    answered = ((what == "refused" and refusal_letter(ctx.profile, ap.scope))
                or (what == "released" and release_letter(ctx.profile, ap.scope)))
    if answered:
        await issue_reply(ctx, ap)

    def kb(tr: Translator) -> Keyboard | None:
        if not answered:
            return None
        return keyboard([button(tr("📄 Reply letter (surat jawaban)"), AppointmentLetter("ans", ap.id or 0))])

    for who in dict.fromkeys([ap.requester_id, *ap.tembusan_ids]):
        if who == ctx.me.id and who == ap.requester_id and what != "done":
            continue
        await ctx.notify(who, f"apt:{ap.id}:{what}:{who}", lambda tr: (
            text_of(tr) + "\n\n" + appointment_card(tr, ap, people, target), kb(tr)))

