"""/ajukan: a voluntary application (pengajuan sukarela) within the employee's own unit, or to
a team of another unit where the profile's scope allows (§2.7; handlers.applications.reach).

The draft lives in the conversation row, so it survives a restart and nothing typed is
lost when the user makes a mistake. Steps: target -> motivation -> confirm."""
from __future__ import annotations

from enum import StrEnum

from domain.application import (
    MOTIVATION_MAX_LENGTH,
    REASON_MIN_LENGTH,
    TARGET_MAX_LENGTH,
    validate_text,
)
from domain.errors import DomainError
from domain.text import shorten
from handlers.applications.buttons import ApplicationAction
from handlers.applications.cards import (
    application_card,
    card_key,
    decider_keyboard,
    draft_summary,
)
from handlers.applications.reach import in_reach, reach
from handlers.applications.steps import ask_step, route_lines
from handlers.applications.usecases import ApplicationDraft, submit_application, submit_cross_unit
from handlers.core.acting import acting_note
from handlers.core.buttons import button
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.messages import explain
from handlers.core.registry import Router

router = Router()



class Step(StrEnum):
    TARGET = "target"
    MOTIVATION = "motivation"
    CONFIRM = "confirm"


FORM = Form("apply", Step)


@router.command("ajukan")
async def begin(ctx: Ctx) -> None:
    conv = await FORM.read(ctx)
    if conv is not None:
        ctx.reply(ctx.t("You have an unfinished application; let us continue where you left off. "
                        "(Send /batal to discard it.)"))
        await _prompt(ctx, conv.step, conv.data)
        return
    await FORM.open(ctx, Step.TARGET)
    await _prompt(ctx, Step.TARGET, {})


async def _prompt(ctx: Ctx, step: Step, data: dict) -> None:
    t = ctx.t
    if step is Step.TARGET:
        found = await reach(ctx)
        rows = [[button(shorten(team.name, 60), ApplicationAction("t", team.id))] for team in found.own]
        rows += [[button(f"🔀 {shorten(team.name, 40)} — {shorten(unit, 20)}", ApplicationAction("t", team.id))]
                 for team, unit in found.other]
        text = t("Which team or piece of work in your unit would you like to join?")
        if found.other:
            text += "\n" + t("Teams marked 🔀 belong to another unit: your own officials take part too ({article}).",
                             article=cited(ctx, ctx.profile.voluntary.cross_unit.source_of("scope")))
        text += "\n" + (t("Choose one below, or type it in your own words.") if rows
                        else t("Type it in your own words."))
        ctx.reply(text, keyboard(*rows))
    elif step is Step.MOTIVATION:
        ctx.reply(t("Why do you want to join, and which competence do you bring? "
                    "Write {min}–{max} characters.", min=REASON_MIN_LENGTH, max=MOTIVATION_MAX_LENGTH))
    else:
        ctx.reply(draft_summary(t, data["target"], data["motivation"]) + "\n\n"
                  + t("Send this application?"),
                  keyboard([button(t("📨 Send"), ApplicationAction("send")),
                            button(t("Cancel"), ApplicationAction("cancel"))]))


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    update, t = ctx.update, ctx.t
    if update.file is not None or update.text is None:
        ctx.reply(t("I need a text answer here, not a file or sticker."))
        await _prompt(ctx, conv.step, conv.data)
        return
    data = dict(conv.data)
    if conv.step is Step.TARGET:
        data["target"] = validate_text(update.text, 3, TARGET_MAX_LENGTH, "target")
        data["team_id"] = None
        await FORM.advance(ctx, Step.MOTIVATION, data)
        await _prompt(ctx, Step.MOTIVATION, data)
    elif conv.step is Step.MOTIVATION:
        data["motivation"] = _checked(ctx, update.text)
        if data["motivation"] is None:
            return
        await FORM.advance(ctx, Step.CONFIRM, data)
        await _prompt(ctx, Step.CONFIRM, data)
    else:
        ctx.reply(t("Please press “Send” or “Cancel” below the summary."))
        await _prompt(ctx, conv.step, data)


def _checked(ctx: Ctx, text: str) -> str | None:
    """Refuse a bad motivation politely and keep the step, so the user just retries."""
    try:
        return validate_text(text, REASON_MIN_LENGTH, MOTIVATION_MAX_LENGTH, "motivation")
    except DomainError as err:
        ctx.reply(explain(ctx.t, err))
        return None


@router.callback(ApplicationAction)
async def on_button(ctx: Ctx, pressed: ApplicationAction) -> None:
    action = pressed.action
    conv = await ctx.open_form(FORM, ctx.t("This application form is no longer open. Send /ajukan to start again."))
    if conv is None:
        return
    if action == "t" and conv.step is Step.TARGET:
        team = await ctx.uow.teams.get(pressed.team_id or 0)
        cross = await in_reach(ctx, team) if team is not None else None
        if team is None or cross is None or not team.accepts_members:
            ctx.answer(ctx.t("This team is not open for applications."), alert=True)
            return
        data = {"target": team.name, "team_id": team.id, "cross": cross}
        await FORM.advance(ctx, Step.MOTIVATION, data)
        ctx.answer()
        ctx.edit_or_reply(ctx.t("Team or work: {target}", target=team.name))
        await _prompt(ctx, Step.MOTIVATION, data)
    elif action == "cancel":
        await close(ctx)
        ctx.answer()
        ctx.edit_or_reply(ctx.t("Application cancelled. Nothing was sent."))
    elif action == "send" and conv.step is Step.CONFIRM:
        await _submit(ctx, conv.data)
    else:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)


async def _submit(ctx: Ctx, data: dict) -> None:
    me = ctx.me
    draft = ApplicationDraft(data["target"], data["motivation"], data.get("team_id"))
    if data.get("cross"):
        await _submit_cross_unit(ctx, draft)
        return
    submitted = await submit_application(ctx.uow, ctx.profile, me, draft, ctx.now)
    app = submitted.application
    await close(ctx)
    absent = submitted.org.employee(app.acting_for_id) if app.acting_for_id else None
    await ctx.notify(submitted.decider_id, f"app:{app.id}:decide",
                     lambda t: (acting_note(t, absent)
                                + t("New application waiting for your decision:") + "\n\n"
                                + application_card(t, app, me), decider_keyboard(t, app)), card=card_key(app))
    for tembusan_id in app.tembusan_ids:
        await ctx.notify(tembusan_id, f"app:{app.id}:cc:{tembusan_id}:submitted",
                         lambda t: (t("For your information (tembusan):") + "\n\n" + application_card(t, app, me),
                                    None))
    ctx.answer(ctx.t("Sent"))
    ctx.edit_or_reply(ctx.t("Your application was sent with number <b>{number}</b>. "
                            "You will be told the decision here; /status shows its state.", number=app.number))


async def _submit_cross_unit(ctx: Ctx, draft: ApplicationDraft) -> None:
    """§2.7: the first official of the route is asked; the applicant sees the whole route."""
    team = await ctx.uow.teams.get(draft.team_id or 0)
    if team is None or not team.accepts_members or await in_reach(ctx, team) is not True:
        await close(ctx)
        ctx.answer(ctx.t("This team is not open for applications."), alert=True)
        return
    submitted = await submit_cross_unit(ctx.uow, ctx.profile, ctx.me, draft, team.unit_id, ctx.now)
    app = submitted.application
    await close(ctx)
    await ask_step(ctx, app, ctx.me)
    for tembusan_id in app.tembusan_ids:  # applicant_tembusan: the copies of step (a)
        await ctx.notify(tembusan_id, f"app:{app.id}:cc:{tembusan_id}:submitted",
                         lambda t: (t("For your information (tembusan):") + "\n\n"
                                    + application_card(t, app, ctx.me), None))
    people = await ctx.uow.org.employees(step.person_id for step in app.route)
    ctx.answer(ctx.t("Sent"))
    ctx.edit_or_reply(ctx.t("Your application was sent with number <b>{number}</b>. "
                            "You will be told the decision here; /status shows its state.", number=app.number)
                      + "\n\n" + route_lines(ctx.t, app, people))
