"""/status: my applications and their states; withdraw while pending."""
from __future__ import annotations

from domain.application import ApplicationStatus
from handlers.buttons import Parsed, button
from handlers.context import Ctx, keyboard
from handlers.registry import registry
from handlers.render import application_card
from storage.records import Decision


@registry.command("status")
async def my_applications(ctx: Ctx) -> None:
    apps = await ctx.uow.applications.by_applicant(ctx.employee.id)
    if not apps:
        ctx.reply(ctx.t("You have no applications yet. Send /ajukan to apply."))
        return
    ctx.reply(ctx.t("Your applications (newest first):"))
    for app in apps:
        kb = None
        if app.status is ApplicationStatus.SUBMITTED:
            kb = keyboard([button(ctx.t("Withdraw"), "aw", app.id)])
        ctx.reply(application_card(ctx.t, app, ctx.employee), kb)


@registry.callback("aw")
async def on_withdraw(ctx: Ctx, parsed: Parsed) -> None:
    app_id = parsed.int_arg(0)
    app = await ctx.uow.applications.get(app_id) if app_id is not None else None
    if app is None or app.applicant_id != ctx.employee.id:
        ctx.answer(ctx.t("Only the applicant can withdraw this application."), alert=True)
        return
    if app.status is not ApplicationStatus.SUBMITTED:
        ctx.answer(ctx.t("This can no longer be done: it has already been processed."), alert=True)
        return
    app.withdraw(ctx.employee.id, ctx.now)
    ctx.uow.decisions.add(Decision("application", app.id, ctx.employee.id, "withdrawn", ctx.now))
    await ctx.notify(app.decider_id, f"app:{app.id}:withdrawn",
                     lambda t: (t("Application {number} was withdrawn by the applicant; "
                                  "no decision is needed any more.", number=app.number), None))
    ctx.answer(ctx.t("Withdrawn"))
    ctx.edit_or_reply(application_card(ctx.t, app, ctx.employee))
