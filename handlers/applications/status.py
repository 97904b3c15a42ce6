"""/status: my applications and their states; withdraw while pending."""
from __future__ import annotations

from domain.application import ApplicationStatus
from domain.ids import id_of
from domain.text import shorten
from handlers.applications.buttons import WithdrawApplication
from handlers.applications.cards import application_card, status_label, step_label
from handlers.applications.decide import settle
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.lookups import present
from handlers.core.paging import LIST_MAX, Entry, PageTurn, page_view
from handlers.core.registry import Router
from storage.records import Decision

router = Router()


class StatusPage(PageTurn, prefix="pg:st"):
    pass


@router.command("status")
async def my_applications(ctx: Ctx) -> None:
    await _show(ctx, 0)


@router.callback(StatusPage)
async def on_page(ctx: Ctx, pressed: StatusPage) -> None:
    ctx.answer()
    await _show(ctx, pressed.page)


async def _show(ctx: Ctx, page: int) -> None:
    """One message for all my applications (a phone screen, not twenty bubbles), paged;
    a [Withdraw] button for each one still waiting."""
    apps = await ctx.uow.applications.by_applicant(ctx.me.id, limit=LIST_MAX)
    if not apps:
        ctx.edit_or_reply(ctx.t("You have no applications yet. Send /ajukan to apply."))
        return
    t = ctx.t
    entries = []
    for app in apps:
        lines = [t("• <b>{number}</b> — {target}: {status}", number=app.number, target=shorten(app.target_text, 60),
                   status=status_label(t, app.status))]
        if app.status is ApplicationStatus.REJECTED and app.decision_reason:
            lines.append(t("  Reason: {reason}", reason=shorten(app.decision_reason, 300)))
        step = app.current_step
        if step is not None:  # across units: where on its route it waits
            lines.append("  " + t("Step {n} of {total}: {step}", n=app.step_index + 1, total=len(app.steps),
                                  step=step_label(t, step.kind)))
        rows = keyboard([button(t("Withdraw {number}", number=app.number), WithdrawApplication(id_of(app)))]) \
            if app.status is ApplicationStatus.SUBMITTED else ()
        entries.append(Entry("\n".join(lines), rows))
    ctx.edit_or_reply(*page_view(t, t("Your applications (newest first):"), entries, page, StatusPage))


@router.callback(WithdrawApplication)
async def on_withdraw(ctx: Ctx, pressed: WithdrawApplication) -> None:
    app = await ctx.uow.applications.get(pressed.application_id)
    if app is None or app.applicant_id != ctx.me.id:
        ctx.answer(ctx.t("Only the applicant can withdraw this application."), alert=True)
        return
    if app.status is not ApplicationStatus.SUBMITTED:
        ctx.answer(ctx.t("This can no longer be done: it has already been processed."), alert=True)
        return
    app.withdraw(ctx.me.id, ctx.now)
    ctx.uow.decisions.add(Decision("application", id_of(app), ctx.me.id, "withdrawn", ctx.now))
    await ctx.notify(present(app.decider_id, "the decider of a submitted application"), f"app:{app.id}:withdrawn",
                     lambda t: (t("Application {number} was withdrawn by the applicant; "
                                  "no decision is needed any more.", number=app.number), None))
    await settle(ctx, app, ctx.me)  # the decider's cards lose their buttons
    ctx.answer(ctx.t("Withdrawn"))
    ctx.edit_or_reply(application_card(ctx.t, app, ctx.me))
