"""The officials' side of a penunjukan: approve, recommend, release staff (a paged picker), issue,
refuse with a written reason (force-reply), and record an outside institution's reply (the
scanned letter, then the names released or the reason refused). Only the step's official may
press its buttons; a second press finds the step done and changes nothing."""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from domain.appointment import MAX_RELEASED, Appointment, StepKind
from domain.appointment_routing import refusal_article
from domain.errors import DomainError
from domain.org import Employee
from handlers.appointments.buttons import AppointStep, ReplyOutcome
from handlers.appointments.cards import status_label
from handlers.appointments.flow import audit, card, moved
from handlers.core.buttons import button
from handlers.core.citation import citation
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.messages import explain
from handlers.core.registry import Router
from storage.records import Decision

router = Router()
PAGE = 8


class ReasonStep(StrEnum):
    REASON = "reason"


class PickStep(StrEnum):
    PICK = "pick"


class ReplyStep(StrEnum):
    LETTER = "letter"
    OUTCOME = "outcome"
    NAMES = "names"
    REASON = "reason"


REASON = Form("appoint_reason", ReasonStep)
PICK = Form("appoint_release", PickStep)
REPLY = Form("appoint_reply", ReplyStep)


def _may_act(ap: Appointment, step_index: int, me: int, action: str) -> bool:
    if not 0 <= step_index < len(ap.steps):
        return False
    step = ap.steps[step_index]
    if action == "reply":
        return me in (step["actor_id"], ap.requester_id)
    if action == "no" and step["kind"] == StepKind.RELEASE.value:
        return me == step.get("refuser_id", step["actor_id"])
    return me == step["actor_id"]


async def load_step(ctx: Ctx, appointment_id: int, step_index: int, action: str) -> Appointment | None:
    """The appointment if the presser may act on this step now; otherwise say why, change nothing."""
    ap = await ctx.uow.appointments.get(appointment_id)
    if ap is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return None
    if not _may_act(ap, step_index, ctx.me.id, action):
        ctx.answer(ctx.t("Only the official this step waits for can do that."), alert=True)
        return None
    if ap.step is None or step_index != ap.current:
        ctx.answer(ctx.t("Already done: this request is {status}. Nothing was changed.",
                         status=status_label(ctx.t, ap.status)), alert=True)
        return None
    return ap


@router.callback(AppointStep)
async def on_step(ctx: Ctx, pressed: AppointStep) -> None:
    ap = await load_step(ctx, pressed.appointment_id, pressed.step, pressed.action)
    if ap is None:
        return
    t, kind = ctx.t, StepKind(ap.steps[pressed.step]["kind"])
    if pressed.action == "yes" and kind in (StepKind.APPROVE, StepKind.RECOMMEND, StepKind.ISSUE):
        audit(ctx, ap, f"{kind.value}:yes")
        ap.act(ctx.me.id, pressed.step, ctx.now)
        await moved(ctx, ap, decided=pressed.step)
        ctx.answer(t("Done"))
        ctx.edit_or_reply(await card(ctx, ap))
    elif pressed.action == "no" and kind in (StepKind.APPROVE, StepKind.RECOMMEND, StepKind.RELEASE):
        data = {"appointment_id": ap.id, "step": pressed.step}
        if await REASON.open_once(ctx, ReasonStep.REASON, data):
            article = citation(t, refusal_article(ctx.profile, ap.scope), ctx.profile.citation_title)
            ctx.reply((t("Write why you do not recommend it (at least 10 characters); the deciding official "
                         "reads it.") if kind is StepKind.RECOMMEND else
                       t("Write the reason for refusing request {number} (at least 10 characters); the requester "
                         "reads it ({article}).", number=ap.number, article=article)),
                      force_reply=True, placeholder=t("Reason"))
    elif pressed.action in ("page", "pick", "done") and kind is StepKind.RELEASE:
        await _picker(ctx, ap, pressed)
    elif pressed.action == "reply" and kind is StepKind.REPLY:
        await REPLY.open(ctx, ReplyStep.LETTER, {"appointment_id": ap.id, "step": pressed.step})
        ctx.answer()
        ctx.reply(t("Send the scanned reply letter of {institution} as a document or photo.",
                    institution=ap.institution or ""))
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


# --- refusing, or not recommending --------------------------------------------------------
@router.conversation(REASON)
async def on_reason(ctx: Ctx, conv: FormState[ReasonStep]) -> None:
    t = ctx.t
    ap = await ctx.uow.appointments.get(conv.data.get("appointment_id", 0))
    index = int(conv.data.get("step", -1))
    if ap is None or ap.step is None or ap.current != index or not _may_act(ap, index, ctx.me.id, "no"):
        await close(ctx)
        ctx.reply(t("That request is no longer waiting for you. Nothing was changed."))
        return
    if ctx.update.text is None:
        ctx.reply(t("Please write the reason as text."), force_reply=True)
        return
    kind = StepKind(ap.steps[index]["kind"])
    try:
        if kind is StepKind.RECOMMEND:
            ap.act(ctx.me.id, index, ctx.now, verdict="no", note=ctx.update.text)
        else:
            ap.decline(ctx.me.id, index, ctx.update.text, ctx.now)
    except DomainError as err:
        ctx.reply(explain(t, err) + "\n" + t("Please write the reason again."), force_reply=True)
        return
    reason = ap.refusal_reason or ap.steps[index].get("note")
    ctx.uow.decisions.add(_decision(ctx, ap, f"{kind.value}:no", reason))
    await close(ctx)
    await moved(ctx, ap, decided=index)
    ctx.reply(await card(ctx, ap))


def _decision(ctx: Ctx, ap: Appointment, action: str, reason: str | None) -> Decision:
    return Decision("appointment", ap.id or 0, ctx.me.id, action, ctx.now, reason=reason)


# --- releasing staff ----------------------------------------------------------------------
async def _staff(ctx: Ctx, ap: Appointment, q: str = "") -> list[Employee]:
    unit_id = ap.target_unit_id or ap.home_unit_id
    unit = await ctx.uow.org.unit(unit_id)
    people = await ctx.uow.org.employees_in_units(await ctx.uow.org.subunit_ids(unit_id))
    return [p for p in people if p.id not in (ap.requester_id, unit.head_id if unit else None)
            and q.lower() in p.name.lower()]


async def _picker(ctx: Ctx, ap: Appointment, pressed: AppointStep) -> None:
    t = ctx.t
    state = await PICK.read(ctx)
    data: dict[str, Any] = (dict(state.data) if state is not None and state.data.get("appointment_id") == ap.id
            and state.data.get("step") == pressed.step
            else {"appointment_id": ap.id, "step": pressed.step, "picked": list(ap.candidate_ids), "q": ""})
    if pressed.action == "pick":
        if pressed.target_id not in {p.id for p in await _staff(ctx, ap)}:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        picked: list[int] = list(data["picked"])
        data["picked"] = ([p for p in picked if p != pressed.target_id] if pressed.target_id in picked
                          else [*picked, pressed.target_id][:MAX_RELEASED])
    elif pressed.action == "page":
        data["page"] = max(0, pressed.target_id or 0)
    else:
        if not data["picked"]:
            ctx.answer(t("Choose at least one person, or refuse with a reason."), alert=True)
            return
        audit(ctx, ap, "release:yes", released=list(data["picked"]))
        ap.release(ctx.me.id, pressed.step, data["picked"], ctx.now)
        await close(ctx)
        await moved(ctx, ap, decided=pressed.step)
        ctx.answer(t("Done"))
        ctx.edit_or_reply(await card(ctx, ap))
        return
    await PICK.open(ctx, PickStep.PICK, data)
    ctx.answer()
    await _show_picker(ctx, ap, data)


async def _show_picker(ctx: Ctx, ap: Appointment, data: dict, edit: bool = True) -> None:
    t, page = ctx.t, int(data.get("page", 0))
    people = await _staff(ctx, ap, data.get("q", ""))
    picked = set(data["picked"])
    aid, i = ap.id or 0, int(data["step"])
    rows = [[button(("✅ " if p.id in picked else "") + p.name[:50], AppointStep("pick", aid, i, p.id))]
            for p in people[page * PAGE:(page + 1) * PAGE]]
    nav = ([button("◀", AppointStep("page", aid, i, page - 1))] if page > 0 else []) + (
        [button("▶", AppointStep("page", aid, i, page + 1))] if (page + 1) * PAGE < len(people) else [])
    kb = keyboard(*rows, nav, [button(t("✅ Release those chosen"), AppointStep("done", aid, i))])
    text = t("Request {number}: choose the staff you release ({count} chosen). Type part of a name to search.",
             number=ap.number, count=len(picked))
    if edit:
        ctx.edit_or_reply(text, kb)
    else:
        ctx.reply(text, kb)


@router.conversation(PICK)
async def on_pick_search(ctx: Ctx, conv: FormState[PickStep]) -> None:
    ap = await ctx.uow.appointments.get(conv.data.get("appointment_id", 0))
    if ap is None or ap.step is None or ap.current != conv.data.get("step"):
        await close(ctx)
        ctx.reply(ctx.t("That request is no longer waiting for you. Nothing was changed."))
        return
    data = dict(conv.data) | {"q": (ctx.update.text or "").strip()[:40], "page": 0}
    await PICK.open(ctx, PickStep.PICK, data)
    await _show_picker(ctx, ap, data, edit=False)


# --- recording an outside institution's reply ------------------------------------------------
@router.conversation(REPLY)
async def on_reply(ctx: Ctx, conv: FormState[ReplyStep]) -> None:
    t, data = ctx.t, dict(conv.data)
    ap = await ctx.uow.appointments.get(data.get("appointment_id", 0))
    index = int(data.get("step", -1))
    if ap is None or ap.step is None or ap.current != index or not _may_act(ap, index, ctx.me.id, "reply"):
        await close(ctx)
        ctx.reply(t("That request is no longer waiting for you. Nothing was changed."))
        return
    if conv.step is ReplyStep.LETTER:
        if ctx.update.file is None or ctx.update.file.kind not in ("document", "photo"):
            ctx.reply(t("Please send the scanned reply letter as a document or photo."))
            return
        data["file_id"] = ctx.update.file.file_id
        await REPLY.advance(ctx, ReplyStep.OUTCOME, data)
        ctx.reply(t("What does the reply say?"), keyboard(
            [button(t("✅ It releases staff"), ReplyOutcome("yes", ap.id or 0))],
            [button(t("❌ It refuses"), ReplyOutcome("no", ap.id or 0))]))
        return
    if ctx.update.text is None or conv.step is ReplyStep.OUTCOME:
        ctx.reply(t("Please answer with the buttons above, or type the text asked for."))
        return
    try:
        if conv.step is ReplyStep.NAMES:
            names = [n.strip() for n in ctx.update.text.splitlines() if n.strip()]
            ap.record_reply(ctx.me.id, index, ctx.now, file_id=data["file_id"], names=names,
                            allowed=[ap.requester_id])
        else:
            ap.record_reply(ctx.me.id, index, ctx.now, file_id=data["file_id"], reason=ctx.update.text,
                            allowed=[ap.requester_id])
    except DomainError as err:
        ctx.reply(explain(t, err) + "\n" + t("Please type it again."))
        return
    ctx.uow.decisions.add(_decision(ctx, ap, "reply:" + ("no" if ap.refusal_reason else "yes"), ap.refusal_reason))
    await close(ctx)
    await moved(ctx, ap, decided=index)
    ctx.reply(await card(ctx, ap))


@router.callback(ReplyOutcome)
async def on_reply_outcome(ctx: Ctx, pressed: ReplyOutcome) -> None:
    t = ctx.t
    conv = await ctx.open_form(REPLY, t("This form is no longer open."), (ReplyStep.OUTCOME,))
    if conv is None or conv.data.get("appointment_id") != pressed.appointment_id:
        if conv is not None:
            ctx.answer(t("This button is not valid any more."), alert=True)
        return
    step = ReplyStep.NAMES if pressed.action == "yes" else ReplyStep.REASON
    await REPLY.advance(ctx, step, conv.data)
    ctx.answer()
    ctx.reply(t("Type the names of the staff released, one per line.") if step is ReplyStep.NAMES else
              t("Type the reason the other institution gives for refusing."), force_reply=True)
