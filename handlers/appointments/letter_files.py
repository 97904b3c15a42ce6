"""The letters of a penunjukan: issued into the letter register at the step that issues them (numbered
by the deployment's scheme, found by /surat and /cek), and sent as PDF to the people it concerns."""
from __future__ import annotations

from dataclasses import replace

from domain.appointment import Appointment, Side, StepKind
from domain.appointment_routing import addressee_role
from domain.ids import id_of
from domain.letters import Letter
from domain.org import Employee
from domain.profiles import Role, Scope
from domain.profiles.model import InstitutionRouting
from handlers.appointments.buttons import AppointmentLetter
from handlers.appointments.letters import (
    REPLY_SOURCE,
    REQUEST_SOURCE,
    OutgoingLetter,
    ReplyLetter,
    RequestLetter,
    outgoing_letter,
    reply_letter,
    request_letter,
)
from handlers.appointments.people import people_of, target_name
from handlers.core.context import Ctx
from handlers.core.i18n import translator
from handlers.core.registry import Router
from handlers.core.role_names import role_name
from handlers.letters.documents import render_context
from handlers.letters.register import issue_letter, party_of
from handlers.letters.send import send_letter

router = Router()
ID = translator("id")  # letters are in Indonesian whatever the reader's language


def _parties(ap: Appointment) -> set[int]:
    return {ap.requester_id, *ap.tembusan_ids, *ap.released_ids, *(int(s["actor_id"]) for s in ap.steps)}


async def _request(ctx: Ctx, ap: Appointment, signer: Employee) -> RequestLetter:
    people = await people_of(ctx, ap)
    target = await target_name(ctx, ap)
    # addressed to the target side's officials, who find it in /surat
    recipients = tuple(party_of(people[int(s["actor_id"])]) for s in ap.steps
                       if s.get("side") == Side.TARGET.value and int(s["actor_id"]) in people)
    return RequestLetter(id_of(ap), ap.home_unit_id, _addressee(ctx, addressee_role(ctx.profile, ap.scope), target),
                         tuple(dict.fromkeys(recipients)), ap.work, ap.purpose, ap.competence, ap.expectation,
                         ap.duration, tuple(people[i].name for i in ap.candidate_ids if i in people),
                         tuple(people[i].name for i in ap.tembusan_ids if i in people), party_of(signer),
                         ctx.profile.title)


async def issue_request(ctx: Ctx, ap: Appointment) -> Letter:
    """The surat permohonan pelibatan to another unit or agency, signed by the requester when sent."""
    return await issue_letter(ctx, request_letter(await _request(ctx, ap, ctx.me)))


async def issue_outgoing(ctx: Ctx, ap: Appointment) -> Letter | None:
    """The letter to another institution, signed by whoever sends it (the REPLY step's official) once the
    approvals before it are given; issued once."""
    if ap.scope is not Scope.CROSS_INSTITUTION or await ctx.uow.letters.of_source(REQUEST_SOURCE, id_of(ap)):
        return None
    people = await people_of(ctx, ap)
    sender = next((people[int(s["actor_id"])] for s in ap.steps if s["kind"] == StepKind.REPLY.value),
                  people[ap.requester_id])
    ci = ctx.profile.appointment.cross_institution
    # Banten B.2 a.3)e)iii, HSU Ps 14(e)(4): their Pimpinan UO issues it, copied to their own officials and
    # to the Pejabat yang Berwenang of both institutions
    copies = [f"{role_name(ID, r)} {ap.institution}" for r in ci.letter_tembusan]
    if ci.letter_tembusan_both_authorized_officials:
        copies.append(role_name(ID, ctx.profile.authorized_official.role))
    issuer = f"{role_name(ID, ci.letter_issuer)} {ap.institution}" if ci.letter_issuer else None
    request = await _request(ctx, ap, sender)
    request = replace(request, addressee=f"Pejabat yang Berwenang {ap.institution or ''}".strip(), recipients=())
    return await issue_letter(ctx, outgoing_letter(OutgoingLetter(request, ap.institution or "", issuer,
                                                                  tuple(copies))))


async def issue_reply(ctx: Ctx, ap: Appointment) -> Letter:
    """The surat jawaban of the side that released or refused, to the requester."""
    people = await people_of(ctx, ap)
    requester = people[ap.requester_id]
    by = people.get(ap.refused_by_id or _releaser(ap) or ctx.me.id, ctx.me)
    request = await ctx.uow.letters.of_source(REQUEST_SOURCE, id_of(ap))
    return await issue_letter(ctx, reply_letter(ReplyLetter(
        id_of(ap), by.unit_id, party_of(requester), request.number if request else ap.number or "", ap.work,
        tuple(people[i].name for i in ap.released_ids if i in people), ap.refusal_reason,
        tuple(people[i].name for i in ap.tembusan_ids if i in people), party_of(by), ctx.profile.title)))


@router.callback(AppointmentLetter)
async def on_letter(ctx: Ctx, pressed: AppointmentLetter) -> None:
    ap = await ctx.uow.appointments.get(pressed.appointment_id)
    if ap is None or ctx.me.id not in _parties(ap) or ap.scope is Scope.WITHIN_UNIT:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    source = REPLY_SOURCE if pressed.kind == "ans" else REQUEST_SOURCE
    letter = await ctx.uow.letters.of_source(source, id_of(ap))
    if letter is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    await send_letter(ctx, render_context(ctx), letter)


def _releaser(ap: Appointment) -> int | None:
    return next((int(s["by"]) for s in ap.steps if s["kind"] == StepKind.RELEASE.value and "by" in s), None)


def _addressee(ctx: Ctx, role: Role | None, target: str) -> str:
    """'Kepala Bidang X' style: the role the profile names, at the target; Surakarta writes to the
    Wali Kota u.p. the Sekda (Lamp. IV 3.1 c) 1))."""
    routing = ctx.profile.appointment.cross_institution.routing
    if role is Role.REGIONAL_HEAD and routing is InstitutionRouting.VIA_REGIONAL_HEAD_ATTN_SEKDA:
        return "Bupati/Wali Kota u.p. Sekretaris Daerah"
    return f"{role_name(ID, role) if role else ''} {target}".strip()
