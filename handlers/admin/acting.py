"""/admin → an employee → "Record Plt/Plh": who acts for this official, Plt or Plh, from
when to when; then confirm. The draft lives in the conversation row; buttons carry ids
only. Ending a record early: ActingAction("end", record_id)."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from domain.acting import ActingKind, end_acting, new_acting, parse_period
from domain.errors import DomainError
from domain.ids import id_of
from domain.text import shorten
from handlers.admin.buttons import ActingAction, ActingKindChoice
from handlers.admin.panel import admin_only, audit, card
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import day
from handlers.core.forms import Form, FormState, cancel_by_button, close
from handlers.core.menus import refresh_menu
from handlers.core.messages import explain
from handlers.core.registry import Router

router = Router()



class Step(StrEnum):
    ACTING = "acting"
    KIND = "kind"
    PERIOD = "period"
    CONFIRM = "confirm"


FORM = Form("admin_acting", Step)


def _explain(ctx: Ctx, err: DomainError) -> str:
    return explain(ctx.t, err, example=_example(ctx))


def _example(ctx: Ctx) -> str:
    return f"{ctx.today:%d-%m-%Y} s.d. {ctx.today + dt.timedelta(days=13):%d-%m-%Y}"


async def _draft(ctx: Ctx) -> FormState[Step] | None:
    return await ctx.open_form(FORM, ctx.t("This form is no longer open. Start again from /admin."))


@router.callback(ActingAction, public=True)
async def on_button(ctx: Ctx, pressed: ActingAction) -> None:
    if not await admin_only(ctx):
        return
    t, action, arg = ctx.t, pressed.action, pressed.target_id
    if action == "new":
        official = await ctx.uow.org.employee(arg) if arg else None
        if official is None or not official.active:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        await FORM.open(ctx, Step.ACTING, {"official_id": official.id})
        ctx.answer()
        ctx.reply(t("Who will act for <b>{official}</b>? Type part of the name, or the NIP.", official=official.name),
                  force_reply=True, placeholder=t("Name or NIP"))
    elif action == "end":
        await _end(ctx, arg)
    elif action == "cancel":
        await cancel_by_button(ctx, nothing_was="saved")
    elif (conv := await _draft(ctx)) is not None:
        await _step_button(ctx, conv, pressed)


async def _step_button(ctx: Ctx, conv: FormState[Step], pressed: ActingAction) -> None:
    t, data = ctx.t, dict(conv.data)
    if pressed.action == "who" and conv.step is Step.ACTING:
        acting = await ctx.uow.org.employee(pressed.target_id or 0)
        if acting is None or not acting.active or acting.id == data["official_id"]:
            ctx.answer(t("Choose someone else: an active employee other than the official."), alert=True)
            return
        data["acting_id"] = acting.id
        await FORM.advance(ctx, Step.KIND, data)
        ctx.answer()
        # SE Kepala BKN No. 1/SE/I/2021: Plt when the official is berhalangan tetap or the post is
        # vacant, Plh when the official is berhalangan sementara
        ctx.edit_or_reply(t("<b>{acting}</b> will stand in. As Plt or as Plh?\n"
                            "Plt (Pelaksana Tugas): the official is permanently unable to serve, or the post is "
                            "vacant. Plh (Pelaksana Harian): the official is temporarily unable to serve, e.g. on "
                            "leave or official travel (SE Kepala BKN No. 1/SE/I/2021).", acting=acting.name),
                          keyboard([button(t("Plt — permanently unable or post vacant"),
                                           ActingKindChoice(ActingKind.PLT))],
                                   [button(t("Plh — temporarily unable"), ActingKindChoice(ActingKind.PLH))],
                                   [button(t("Cancel"), ActingAction("cancel"))]))
    elif pressed.action == "save" and conv.step is Step.CONFIRM:
        await _save(ctx, data)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


@router.callback(ActingKindChoice, public=True)
async def on_kind(ctx: Ctx, pressed: ActingKindChoice) -> None:
    if not await admin_only(ctx) or (conv := await _draft(ctx)) is None:
        return
    t = ctx.t
    if conv.step is not Step.KIND:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    await FORM.advance(ctx, Step.PERIOD, {**conv.data, "kind": pressed.kind.value})
    ctx.answer()
    ctx.reply(t("From which day to which day? Send both, e.g. {example}.", example=_example(ctx)),
              force_reply=True, placeholder=_example(ctx))


@router.conversation(FORM, public=True)
async def on_text(ctx: Ctx, conv: FormState[Step]) -> None:
    if not await admin_only(ctx):
        await close(ctx)
        return
    t, text, data = ctx.t, (ctx.update.text or "").strip(), dict(conv.data)
    if conv.step is Step.ACTING and text:
        people = [e for e in await ctx.uow.org_admin.search(text, limit=10) if e.active]
        if not people:
            ctx.reply(t("Nobody found for “{query}”. Type another name or NIP.", query=text), force_reply=True)
            return
        rows = [[button(f"{shorten(e.name, 40)} · {shorten(e.jabatan_name, 20)}", ActingAction("who", e.id))]
                for e in people]
        ctx.reply(t("Choose who will act:"), keyboard(*rows, [button(t("Cancel"), ActingAction("cancel"))]))
    elif conv.step is Step.PERIOD and text:
        try:
            start, end = parse_period(text)
            new_acting(data["official_id"], data["acting_id"], ActingKind(data["kind"]), start, end,
                       await ctx.uow.acting.for_official(data["official_id"]), ctx.today)
        except DomainError as err:
            ctx.reply(_explain(ctx, err), force_reply=True, placeholder=_example(ctx))
            return
        data.update(starts_on=start.isoformat(), ends_on=end.isoformat())
        await FORM.advance(ctx, Step.CONFIRM, data)
        named = await ctx.uow.org.employees([data["official_id"], data["acting_id"]])
        ctx.reply(t("Record <b>{acting}</b> as {kind} for <b>{official}</b> from {start} to {end}? While it runs, "
                    "what would go to {official} goes to {acting}.", acting=named[data["acting_id"]].name,
                    kind=ActingKind(data["kind"]).label, official=named[data["official_id"]].name,
                    start=day(t, start), end=day(t, end)),
                  keyboard([button(t("💾 Save"), ActingAction("save")), button(t("Cancel"), ActingAction("cancel"))]))
    else:
        ctx.reply(t("Please use the buttons above, or start again from /admin."))


async def _save(ctx: Ctx, data: dict) -> None:
    t, uow = ctx.t, ctx.uow
    try:
        record = new_acting(data["official_id"], data["acting_id"], ActingKind(data["kind"]),
                            dt.date.fromisoformat(data["starts_on"]), dt.date.fromisoformat(data["ends_on"]),
                            await uow.acting.for_official(data["official_id"]), ctx.today,
                            created_by=ctx.update.sender.id, created_at=ctx.now)
    except DomainError as err:
        ctx.answer(_explain(ctx, err), alert=True)
        return
    uow.acting.add(record)
    await uow.flush()
    audit(ctx, "acting", id_of(record), "acting_recorded", official_id=record.official_id, acting_id=record.acting_id,
          kind=record.kind.value, starts_on=data["starts_on"], ends_on=data["ends_on"])
    await close(ctx)
    people = await uow.org.employees([record.official_id, record.acting_id])
    official, acting = people[record.official_id], people[record.acting_id]
    await ctx.notify(acting.id, f"acting:{record.id}:acting", lambda tr: (tr(
        "You are recorded as {kind} for {official} from {start} to {end}. During that time what would go to "
        "{official} comes to you.", kind=record.kind.label, official=official.name, start=day(tr, record.starts_on),
        end=day(tr, record.ends_on)), None))
    await ctx.notify(official.id, f"acting:{record.id}:official", lambda tr: (tr(
        "{acting} is recorded as {kind} for you from {start} to {end}.", acting=acting.name, kind=record.kind.label,
        start=day(tr, record.starts_on), end=day(tr, record.ends_on)), None))
    note = t("Saved: {acting} is {kind} for {official} from {start} to {end}.", acting=acting.name,
             kind=record.kind.label, official=official.name, start=day(t, record.starts_on),
             end=day(t, record.ends_on))
    await refresh_menu(ctx, acting.id)  # the stand-in gets the official's commands
    await card(ctx, official.id, note, toast=t("Saved"))


async def _end(ctx: Ctx, record_id: int | None) -> None:
    record = await ctx.uow.acting.get(record_id) if record_id else None
    if record is None or record.ends_on < ctx.today:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    if end_acting(record, ctx.today):
        await ctx.uow.acting.delete(record)
    audit(ctx, "acting", id_of(record), "acting_ended")
    await ctx.uow.flush()
    await refresh_menu(ctx, record.acting_id)
    await card(ctx, record.official_id, ctx.t("Ended: from today the official decides again."))
