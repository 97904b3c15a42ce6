"""[Terima]: a released person accepts their surat penugasan (§2.1 step 4, §2.2); then they join
the team, through the teams' own membership rules (handlers/teams/membership.add_member)."""
from __future__ import annotations

from domain.appointment import AppointmentStatus
from domain.assignment import AssignmentMode
from domain.ids import id_of
from domain.team import MemberRole
from handlers.appointments.buttons import AcceptAppointment
from handlers.appointments.flow import accept_key, card, moved, settle
from handlers.core.context import Ctx
from handlers.core.registry import Router
from handlers.teams.dialog import open_dialog
from handlers.teams.membership import add_member
from storage.records import Decision

router = Router()


@router.callback(AcceptAppointment)
async def on_accept(ctx: Ctx, pressed: AcceptAppointment) -> None:
    t, me = ctx.t, ctx.me
    ap = await ctx.uow.appointments.get(pressed.appointment_id)
    if ap is None or me.id not in ap.released_ids:
        ctx.answer(t("Only the person this surat penugasan names can accept it."), alert=True)
        return
    if me.id in ap.accepted_ids or ap.status is not AppointmentStatus.ACCEPTING:
        ctx.answer(t("You have already accepted this assignment. Nothing was changed."), alert=True)
        return
    ap.accept(me.id, ctx.now)
    ctx.uow.decisions.add(Decision("appointment", id_of(ap), me.id, "accepted", ctx.now))
    team = await ctx.uow.teams.get(ap.team_id) if ap.team_id else None
    assignment = await ctx.uow.assignments.get(ap.assignment_ids.get(str(me.id)))
    if team is not None and team.accepts_members and await ctx.uow.teams.membership(id_of(team), me.id) is None:
        membership = await add_member(ctx.uow, team, me.id, MemberRole.ANGGOTA, me.id, ctx.now,
                                      mode=AssignmentMode.PENUNJUKAN, assignment=assignment, profile=ctx.profile)
        await open_dialog(ctx, team, membership)  # rule 53: the dialog kinerja with the Penilai
    text = await card(ctx, ap)
    await ctx.notify(ap.requester_id, f"apt:{ap.id}:accepted:{me.id}", lambda tr: (
        tr("{name} accepted the surat penugasan.", name=me.name) + "\n\n" + text, None))
    await settle(ctx, ap, accept_key(ap, me.id))
    await moved(ctx, ap)
    ctx.answer(t("Accepted"))
    ctx.edit_or_reply(text + "\n\n" + t("You accepted the assignment. Individual reports go through /lapor."))
