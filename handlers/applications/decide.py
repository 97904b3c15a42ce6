"""The decider's side: approve, or reject with a written reason (force-reply), and
/persetujuan, the list of what waits for my decision."""
from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from domain.application import Application, ApplicationStatus, StepKind
from domain.assignment import AssignmentForm, AssignmentMode
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.team import MemberRole
from domain.voluntary import letter_signer
from handlers.applications.buttons import ApplicationDecision, ShowApplication
from handlers.applications.cards import (
    application_card,
    card_key,
    card_keys,
    decider_keyboard,
    settled_card,
    status_label,
    step_label,
)
from handlers.applications.refusal import issue_refusal
from handlers.applications.steps import ask_step, route_lines
from handlers.appointments.waiting import waiting_entries
from handlers.core.buttons import button
from handlers.core.cards import decided_line, send_card, settle_card
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, Translator, translator
from handlers.core.lookups import present
from handlers.core.messages import explain
from handlers.core.paging import LIST_MAX, Entry, PageTurn, page_view
from handlers.core.registry import Router
from handlers.core.types import EditMessage, Keyboard
from handlers.letters.buttons import LetterPick
from handlers.teams.dialog import open_dialog
from handlers.teams.membership import add_member, issue_assignment
from storage.records import Decision
from storage.uow import UnitOfWork

router = Router()


class RejectStep(StrEnum):
    REASON = "reason"


REJECT = Form("reject", RejectStep)


class PendingPage(PageTurn, prefix="pg:ap"):
    pass


@router.command("persetujuan")
async def pending(ctx: Ctx) -> None:
    # Only the newest /persetujuan message is kept current: older ones stop being refreshed
    # (their buttons still re-render them when pressed), so a decision edits one page, not fifty.
    for old in await ctx.uow.outbox.copies(pages_key(ctx.me.id)):
        old.card = None
    send_card(ctx, pages_key(ctx.me.id), *await _pending_view(ctx.uow, ctx.t, ctx.me.id, 0))


@router.callback(PendingPage)
async def on_page(ctx: Ctx, pressed: PendingPage) -> None:
    ctx.answer()
    for copy in await ctx.uow.outbox.copies(pages_key(ctx.me.id)):  # remember the page a refresh shows
        if copy.message_id == ctx.update.message_id:
            copy.payload = {**copy.payload, "page": pressed.page}
    await _pending_page(ctx, pressed.page)


def pages_key(decider_id: int) -> str:
    """The decider's /persetujuan message, recorded like a card (handlers.core.cards) so that a
    decision made anywhere shows it again as it now stands."""
    return f"pending:{decider_id}"


async def _pending_page(ctx: Ctx, page: int) -> None:
    ctx.edit_or_reply(*await _pending_view(ctx.uow, ctx.t, ctx.me.id, page))


async def _pending_view(uow: UnitOfWork, t: Translator, decider_id: int, page: int) -> tuple[str, Keyboard | None]:
    """What waits for the decider, newest first, in one paged message: each application's
    card with its [Approve] [Reject] naming it."""
    apps = sorted(await uow.applications.pending_for(decider_id, limit=LIST_MAX), key=id_of, reverse=True)
    appointments = await waiting_entries(uow, t, decider_id)  # penunjukan steps and surat penugasan to accept
    if not apps and not appointments:
        return t("Nothing is waiting for your decision."), None
    people = await uow.org.employees(a.applicant_id for a in apps)
    entries = [Entry(application_card(t, app, people[app.applicant_id], brief=True),
                     decider_keyboard(t, app, page=page)) for app in apps] + appointments
    header = t.ngettext("{count} application waits for your decision (newest first):",
                        "{count} applications wait for your decision (newest first):", len(apps)) if apps else ""
    return page_view(t, header, entries, page, PendingPage, per_page=5, separator="\n\n")


async def _refresh_pages(ctx: Ctx, decider_id: int) -> set[tuple[int, int]]:
    """The decider's live /persetujuan message shown again (in their language, at the page
    they were on), unless it is the message just pressed, which the handler edits itself.
    Returns the messages edited."""
    pressed = (ctx.update.chat_id, ctx.update.message_id) if ctx.update.is_callback else None
    edited: set[tuple[int, int]] = set()
    for copy in await ctx.uow.outbox.copies(pages_key(decider_id)):
        where = (copy.chat_id, copy.message_id or 0)
        if copy.status != "sent" or copy.message_id is None or where == pressed:
            continue
        link = ctx.link if decider_id == ctx.me.id else await ctx.uow.links.by_employee(decider_id)
        t = translator(link.language) if link else ctx.t
        ctx.replies.append(EditMessage(*where, *await _pending_view(ctx.uow, t, decider_id,
                                                                   copy.payload.get("page", 0))))
        edited.add(where)
    return edited


@router.callback(ShowApplication)
async def on_show(ctx: Ctx, pressed: ShowApplication) -> None:
    app = await _load_for_decision(ctx, pressed.application_id, None)
    if app is None:
        return
    ctx.answer()
    applicant = present(await ctx.uow.org.employee(app.applicant_id), "the applicant")
    send_card(ctx, card_key(app), application_card(ctx.t, app, applicant), decider_keyboard(ctx.t, app))


async def _load_for_decision(ctx: Ctx, app_id: int | None, step: int | None) -> Application | None:
    """The application, if the presser may decide it now; otherwise say why and change nothing.
    `step`: the step the button was sent for (a cross-unit route moves on under a stale button);
    None for the open one (a reminder's button, which opens the card of today's step)."""
    app = await ctx.uow.applications.get(app_id) if app_id is not None else None
    if app is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return None
    step = app.step_index if step is None else step
    if app.steps and step < app.step_index and app.route[step].person_id == ctx.me.id:
        ctx.answer(ctx.t("Your step on this application is already done. Nothing was changed."), alert=True)
        return None
    if app.decider_id != ctx.me.id or step != app.step_index:
        ctx.answer(ctx.t("Only the official who decides this application can do that."), alert=True)
        return None
    if app.status is not ApplicationStatus.SUBMITTED:
        ctx.answer(ctx.t("Already decided: this application is {status}. Nothing was changed.",
                         status=status_label(ctx.t, app.status)), alert=True)
        return None
    return app


@router.callback(ApplicationDecision)
async def on_button(ctx: Ctx, pressed: ApplicationDecision) -> None:
    action = pressed.action
    app = await _load_for_decision(ctx, pressed.application_id, pressed.step or 0)
    if app is None:
        if pressed.page is not None:  # a stale page (decided from a notice meanwhile): show what still waits
            await _pending_page(ctx, pressed.page)
        return
    if action == "ok":
        await _approve(ctx, app, pressed.page)
    elif action == "no":
        data: dict[str, int | None] = {"application_id": app.id, "step": app.step_index}
        if pressed.page is not None:  # re-render that page once the reason is given
            data |= {"page": pressed.page, "page_message": ctx.update.message_id}
        if await REJECT.open_once(ctx, RejectStep.REASON, data):
            ctx.reply(ctx.t("Write the reason for rejecting application {number} (at least 10 characters). "
                            "The applicant will read it.", number=app.number),
                      force_reply=True, placeholder=ctx.t("Reason for rejection"))
    else:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)


async def _approve(ctx: Ctx, app: Application, list_page: int | None = None) -> None:
    """`list_page`: pressed on a page of /persetujuan, which then shows what still waits."""
    uow = ctx.uow
    step, acting_for_id, step_card = app.current_step, app.acting_for_id, card_key(app)
    if not app.approve(ctx.me.id, ctx.now):
        assert step is not None  # only a cross-unit route has steps left
        await _next_step(ctx, app, step.kind, step_card, acting_for_id, list_page)
        return
    # §2.7 c: across units the home official of the final step issues the letter, whoever approves last
    signer = letter_signer(app) if app.steps else ctx.me.id
    assignment = await issue_assignment(uow, app.applicant_id, app.target_unit_id or app.unit_id,
                                        AssignmentMode.SUKARELA,
                                        AssignmentForm.TIM if app.team_id else AssignmentForm.INDIVIDU,
                                        app.target_text, signer, ctx.now, team_id=app.team_id,
                                        application_id=app.id, profile=ctx.profile,
                                        numbering=ctx.app.config.letters.numbering)
    team = await uow.teams.get(app.team_id) if app.team_id else None
    if team is not None and team.accepts_members and await uow.teams.membership(id_of(team), app.applicant_id) is None:
        membership = await add_member(uow, team, app.applicant_id, MemberRole.ANGGOTA, ctx.me.id, ctx.now,
                                      mode=AssignmentMode.SUKARELA, assignment=assignment, profile=ctx.profile)
        await open_dialog(ctx, team, membership)  # rule 53: the dialog kinerja with the Penilai
    details: dict = {"assignment": assignment.number}
    if app.steps:  # who drafts the letter (HSU/Surakarta: the applicant, whose application it rests on)
        cu = ctx.profile.voluntary.cross_unit
        details |= {"step": step.kind.value if step else None, "signed_by": signer,
                    "letter_drafter": cu.letter_drafter.value, "source": cu.source_of("letter_drafter")}
    uow.decisions.add(Decision("application", id_of(app), ctx.me.id, "approved", ctx.now,
                               acting_for_id=acting_for_id, details=details))
    await _tell_outcome(ctx, app, lambda t: t(
        "Your application {number} was <b>approved</b>.\nDecided by: {decider}\n"
        "Assignment (surat penugasan) number: <b>{assignment}</b>", number=app.number, decider=ctx.me.name,
        assignment=assignment.number))
    ctx.answer(ctx.t("Approved"))
    applicant = present(await uow.org.employee(app.applicant_id), "the applicant")
    await settle(ctx, app, applicant)
    card = (settled_card(ctx.t, app, applicant, ctx.me.name, ctx.now, ctx.profile.timezone) + "\n"
            + ctx.t("Assignment number: {assignment}", assignment=assignment.number))
    if list_page is None:
        ctx.edit_or_reply(card)
        return
    ctx.reply(card)  # the page holds other cards: the decided one apart, the page re-rendered
    await _pending_page(ctx, list_page)


@router.conversation(REJECT)
async def on_reason(ctx: Ctx, conv: FormState[RejectStep]) -> None:
    t = ctx.t
    app = await ctx.uow.applications.get(conv.data.get("application_id", 0))
    if (app is None or app.status is not ApplicationStatus.SUBMITTED or app.decider_id != ctx.me.id
            or conv.data.get("step", 0) != app.step_index):
        await close(ctx)
        ctx.reply(t("That application is no longer waiting for your decision. Nothing was changed."))
        return
    if ctx.update.text is None:
        ctx.reply(t("Please write the reason as text."), force_reply=True)
        return
    try:
        app.reject(ctx.me.id, ctx.update.text, ctx.now)
    except DomainError as err:
        ctx.reply(explain(t, err) + "\n" + t("Please write the reason for rejecting {number} again.",
                                             number=app.number), force_reply=True)
        return
    step = app.route[app.step_index] if app.steps else None
    ctx.uow.decisions.add(Decision("application", id_of(app), ctx.me.id, "rejected", ctx.now,
                                   acting_for_id=app.acting_for_id, reason=app.decision_reason,
                                   details={"step": step.kind.value} if step else {}))
    await close(ctx)
    # HSU Lamp. II B.2.e, Surakarta Lamp. IV 3.2.2.e: refused in writing, with the reasons
    written = step is not None and ctx.profile.voluntary.cross_unit.written_refusal_required
    letter = await issue_refusal(ctx, app) if written else None
    await _tell_outcome(ctx, app, lambda tr: tr(
        "Your application {number} was <b>rejected</b>.\nDecided by: {decider}\nReason: {reason}",
        number=app.number, decider=ctx.me.name, reason=app.decision_reason)
        + ("\n" + tr("Press the button below for the written refusal (surat penolakan).") if letter else ""),
        (lambda tr: keyboard([button(tr("📄 Surat penolakan"), LetterPick(id_of(letter)))])) if letter else None)
    refreshed = await settle(ctx, app, present(await ctx.uow.org.employee(app.applicant_id), "the applicant"))
    ctx.reply(t("Application {number} rejected. The applicant has been told the reason.", number=app.number))
    page_message = (ctx.update.chat_id, conv.data.get("page_message"))
    if page_message[1] is not None and page_message not in refreshed:  # rejected from an older page
        ctx.replies.append(EditMessage(ctx.update.chat_id, page_message[1],
                                       *await _pending_view(ctx.uow, t, ctx.me.id, conv.data.get("page") or 0)))


async def settle(ctx: Ctx, app: Application, applicant: Employee) -> set[tuple[int, int]]:
    """Every copy of the application's cards (notices, [Decide] replies; across units every step's)
    now shows the outcome, and the decider's /persetujuan message what still waits. Returns the
    pages edited."""
    for key in card_keys(app):
        await settle_card(ctx, key, lambda t: settled_card(t, app, applicant, ctx.me.name, ctx.now,
                                                           ctx.profile.timezone))
    return await _refresh_pages(ctx, app.decider_id) if app.decider_id is not None else set()


async def _next_step(ctx: Ctx, app: Application, done: StepKind, done_card: str, acting_for_id: int | None,
                     list_page: int | None = None) -> None:
    """A step of a cross-unit route is done: its cards are settled, the next official is asked (a new
    card), the applicant is told; my /persetujuan and the next official's show what waits now."""
    uow = ctx.uow
    uow.decisions.add(Decision("application", id_of(app), ctx.me.id, f"step_approved:{done.value}", ctx.now,
                               acting_for_id=acting_for_id, details={"next": app.steps[app.step_index]}))
    applicant = present(await uow.org.employee(app.applicant_id), "the applicant")
    await ask_step(ctx, app, applicant)
    people = await uow.org.employees(s.person_id for s in app.route)

    def step_done(t: Translator) -> str:
        return Html(application_card(t, app, applicant) + "\n\n" + route_lines(t, app, people) + "\n"
                    + decided_line(t, ctx.me.name, ctx.now, ctx.profile.timezone))

    await settle_card(ctx, done_card, step_done)
    await ctx.notify(app.applicant_id, f"app:{app.id}:step:{app.step_index}", lambda t: (
        t("Your application {number}: {name} has done their step ({step}).", number=app.number,
          name=ctx.me.name, step=step_label(t, done)) + "\n\n" + route_lines(t, app, people), None))
    ctx.answer(ctx.t("Done"))
    await _refresh_pages(ctx, ctx.me.id)
    if app.decider_id is not None and app.decider_id != ctx.me.id:
        await _refresh_pages(ctx, app.decider_id)
    if list_page is None:
        ctx.edit_or_reply(step_done(ctx.t))
        return
    ctx.reply(step_done(ctx.t))  # the page holds other cards: the step's card apart, the page re-rendered
    await _pending_page(ctx, list_page)


async def _tell_outcome(ctx: Ctx, app: Application, render_applicant: Callable[[Translator], str],
                        kb: Callable[[Translator], Keyboard] | None = None) -> None:
    """The applicant learns the outcome; whoever the profile copies learns it too, and, across
    units, the officials whose steps it passed."""
    await ctx.notify(app.applicant_id, f"app:{app.id}:outcome", lambda t: (render_applicant(t), kb(t) if kb else None))
    applicant = present(await ctx.uow.org.employee(app.applicant_id), "the applicant")
    passed = [s.person_id for s in app.route[:app.step_index] if s.person_id != ctx.me.id]
    for tembusan_id in dict.fromkeys([*app.tembusan_ids, *passed]):
        await ctx.notify(tembusan_id, f"app:{app.id}:cc:{tembusan_id}:{app.status.value}",
                         lambda t: (t("For your information (tembusan):") + "\n\n"
                                    + application_card(t, app, applicant), None))
