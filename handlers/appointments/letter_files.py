"""The letters of a penunjukan as documents, for the people it concerns."""
from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from domain.appointment import Appointment, StepKind
from domain.appointment_routing import addressee_role
from domain.profiles import Role, Scope
from domain.profiles.model import InstitutionRouting
from handlers.appointments.buttons import AppointmentLetter
from handlers.appointments.flow import people_of, target_name
from handlers.appointments.letters import (
    OutgoingLetter,
    ReplyLetter,
    RequestLetter,
    Signer,
    outgoing_letter,
    reply_letter,
    request_letter,
)
from handlers.core.context import Ctx
from handlers.core.i18n import translator
from handlers.core.registry import Router
from handlers.core.role_names import role_name
from handlers.core.types import SendDocument

router = Router()
ID = translator("id")  # letters are in Indonesian whatever the reader's language


def _parties(ap: Appointment) -> set[int]:
    return {ap.requester_id, *ap.tembusan_ids, *ap.released_ids, *(int(s["actor_id"]) for s in ap.steps)}


@router.callback(AppointmentLetter)
async def on_letter(ctx: Ctx, pressed: AppointmentLetter) -> None:
    ap = await ctx.uow.appointments.get(pressed.appointment_id)
    if ap is None or ctx.me.id not in _parties(ap) or ap.scope is Scope.WITHIN_UNIT:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    people = await people_of(ctx, ap)
    on = (ap.created_at or ctx.now).astimezone(ZoneInfo(ctx.profile.timezone)).date()
    home = await ctx.uow.org.unit(ap.home_unit_id)
    requester = people[ap.requester_id]
    signer = Signer(requester.name, requester.nip, requester.jabatan_name)
    target = await target_name(ctx, ap)
    role = addressee_role(ctx.profile, ap.scope)
    addressee = _addressee(ctx, role, target)
    request = RequestLetter(ap.number or "", on, home.name if home else "", addressee, ap.work, ap.purpose,
                            ap.competence, ap.expectation, ap.duration,
                            tuple(people[i].name for i in ap.candidate_ids if i in people),
                            tuple(people[i].name for i in ap.tembusan_ids if i in people), signer, ctx.profile.title)
    if pressed.kind == "req":
        pdf, name = request_letter(request), f"surat-permohonan-pelibatan-{ap.number}.pdf"
    elif pressed.kind == "out" and ap.scope is Scope.CROSS_INSTITUTION:
        sender = next((people[int(s["actor_id"])] for s in ap.steps if s["kind"] == StepKind.REPLY.value), requester)
        ci = ctx.profile.appointment.cross_institution
        # Banten B.2 a.3)e)iii, HSU Ps 14(e)(4): their Pimpinan UO issues it, copied to their own officials and
        # to the Pejabat yang Berwenang of both institutions
        copies = [f"{role_name(ID, r)} {ap.institution}" for r in ci.letter_tembusan]
        if ci.letter_tembusan_both_authorized_officials:
            copies.append(role_name(ID, ctx.profile.authorized_official.role))
        issuer = f"{role_name(ID, ci.letter_issuer)} {ap.institution}" if ci.letter_issuer else None
        outgoing = replace(request, signer=Signer(sender.name, sender.nip, sender.jabatan_name),
                           addressee=f"Pejabat yang Berwenang {ap.institution or ''}".strip())
        pdf = outgoing_letter(OutgoingLetter(outgoing, ap.institution or "", issuer, tuple(copies)))
        name = f"surat-permohonan-pelibatan-{ap.number}.pdf"
    elif pressed.kind == "ans" and (ap.refusal_reason or ap.released_ids):
        by = people.get(ap.refused_by_id or _releaser(ap) or ap.requester_id, requester)
        released = tuple(people[i].name for i in ap.released_ids if i in people)
        pdf = reply_letter(ReplyLetter(f"{ap.number}/J", on, target, requester.jabatan_name, ap.number or "", ap.work,
                                       released, ap.refusal_reason, request.tembusan,
                                       Signer(by.name, by.nip, by.jabatan_name), ctx.profile.title))
        name = f"surat-jawaban-{ap.number}.pdf"
    else:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    ctx.replies.append(SendDocument(ctx.update.chat_id, name, pdf, caption=ap.number))


def _releaser(ap: Appointment) -> int | None:
    return next((int(s["by"]) for s in ap.steps if s["kind"] == StepKind.RELEASE.value and "by" in s), None)


def _addressee(ctx: Ctx, role: Role | None, target: str) -> str:
    """'Kepala Bidang X' style: the role the profile names, at the target; Surakarta writes to the
    Wali Kota u.p. the Sekda (Lamp. IV 3.1 c) 1))."""
    routing = ctx.profile.appointment.cross_institution.routing
    if role is Role.REGIONAL_HEAD and routing is InstitutionRouting.VIA_REGIONAL_HEAD_ATTN_SEKDA:
        return "Bupati/Wali Kota u.p. Sekretaris Daerah"
    return f"{role_name(ID, role) if role else ''} {target}".strip()
