"""The reviewer's side of a report: accept, forward with an optional note, or return with
written feedback (umpan balik, at least 10 characters, force-reply).

Only whoever holds the report now may act, once, on the version they were shown; a stale,
forged or repeated press changes nothing (the same patterns as decide.py). The last hop of
a team or individual report is the unit head, who accepts it only as meeting the target
(rule 50), after the rater where the profile says so (rule 51)."""
from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.profiles import Role
from domain.report import NOTE_MAX, NOTE_MIN, Report, ReportStatus
from domain.report_routing import rater_evaluated
from domain.rules import check_done
from domain.team import Team
from handlers.core.buttons import button
from handlers.core.cards import decided_line, settle_card
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import finding_text
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, Translator
from handlers.core.lookups import present
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.reports.buttons import ReportAction, Review
from handlers.reports.cards import (
    report_card,
    review_keyboard,
    status_label,
)
from handlers.reports.usecases import notify_reviewer, people_of, review_card
from storage.records import Decision

router = Router()



class Step(StrEnum):
    TEXT = "text"


# Both hold {"report_id", "version"}: the version the reviewer was shown.
NOTE, RETURN = Form("report_note", Step), Form("report_return", Step)


async def _load(ctx: Ctx, report_id: int, version: int) -> Report | None:
    """The report, if the presser holds it now at this version; otherwise say why."""
    t = ctx.t
    report = await ctx.uow.reports.get(report_id)
    if report is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return None
    if ctx.me.id not in report.route:
        ctx.answer(t("Only the officials this report is addressed to can act on it."), alert=True)
        return None
    people = await people_of(ctx.uow, report)
    if report.status is not ReportStatus.SUBMITTED or ctx.me.id != report.current_reviewer:
        ctx.answer(t("Already handled: this report is {status}. Nothing was changed.",
                     status=status_label(t, report, people)), alert=True)
        return None
    if version != report.version:
        ctx.answer(t("The author corrected this report; here is the newest version."), alert=True)
        ctx.reply(report_card(t, report, people[report.author_id], await _team(ctx, report), people),
                  review_keyboard(t, report))
        return None
    return report


async def _team(ctx: Ctx, report: Report) -> Team | None:
    return await ctx.uow.teams.get(report.team_id) if report.team_id else None


@router.callback(Review)
async def on_button(ctx: Ctx, pressed: Review) -> None:
    action, t = pressed.action, ctx.t
    report = await _load(ctx, pressed.report_id, pressed.version)
    if report is None:
        return
    if action == "a" and report.at_last_hop and not report.declares_done:
        await _accept(ctx, report, meets_target=False)
    elif action == "d" and report.at_last_hop and report.declares_done:
        await _accept_done(ctx, report)
    elif action == "f" and not report.at_last_hop:
        await _open(ctx, NOTE, report)
        nxt = present(await ctx.uow.org.employee(report.route[report.hop + 1]), "the next reviewer")
        ctx.answer()
        ctx.reply(t("Write a note for {name} if you want (it goes with the report), or forward it as it is.",
                    name=nxt.name), keyboard([button(t("➡️ Forward without a note"),
                                                     Review("fn", id_of(report), report.version))]))
    elif action == "fn" and not report.at_last_hop:
        await close(ctx)
        await _forward(ctx, report, None)
    elif action == "r":
        if not await RETURN.open_once(ctx, Step.TEXT, _subject(report)):
            return
        ctx.reply(t("Write the feedback (umpan balik) for the author: what must be improved (at least {min} "
                    "characters). The author will read it.", min=NOTE_MIN),
                  force_reply=True, placeholder=t("Feedback"))
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


def _subject(report: Report) -> dict[str, int]:
    return {"report_id": id_of(report), "version": report.version}


async def _open(ctx: Ctx, form: Form[Step], report: Report) -> None:
    await form.open(ctx, Step.TEXT, _subject(report))


async def _accept_done(ctx: Ctx, report: Report) -> None:
    author = present(await ctx.uow.org.employee(report.author_id), "the report's author")
    rater = await ctx.uow.org.employee(author.rater_id) if author.rater_id else None
    res = check_done(ctx.profile, Role.UNIT_HEAD, meets_target=True, rater_evaluated=rater_evaluated(report, rater))
    if not res.ok:
        ctx.answer(finding_text(ctx.t, res.failures[0], ctx.profile.citation_title), alert=True)
        return
    await _accept(ctx, report, meets_target=True)


async def _accept(ctx: Ctx, report: Report, meets_target: bool) -> None:
    t, me = ctx.t, ctx.me
    report.accept(me.id, ctx.now, meets_target=meets_target)
    ctx.uow.decisions.add(Decision("report", id_of(report), me.id, "accepted", ctx.now,
                                   details={"version": report.version, "meets_target": meets_target,
                                            "source": ctx.profile.reporting.source_of("done_by")
                                            if meets_target else None}))
    people = await people_of(ctx.uow, report)
    team = await _team(ctx, report)
    await ctx.notify(report.author_id, f"rep:{report.id}:v{report.version}:ok", lambda tr: (
        (tr("Your report was accepted as meeting the target by {name}: the work is declared done (selesai).",
            name=me.name) if meets_target else tr("Your report was accepted by {name}.", name=me.name))
        + "\n\n" + report_card(tr, report, people[report.author_id], team, people, with_text=False), None))
    await _tell_route(ctx, report, people, "ok", lambda tr: tr("For your information: {name} accepted this report.",
                                                               name=me.name))
    await _settle(ctx, report, review_card(report), lambda tr: tr("Accepted"))
    ctx.answer(t("Accepted"))
    ctx.edit_or_reply(report_card(t, report, people[report.author_id], team, people))


async def _tell_route(ctx: Ctx, report: Report, people: dict[int, Employee], event: str,
                      first: Callable[[Translator], str]) -> None:
    """Earlier hops (who forwarded it) learn how it ended."""
    team = await _team(ctx, report)
    for official in report.route[:report.hop]:
        await ctx.notify(official, f"rep:{report.id}:v{report.version}:{event}:{official}", lambda tr: (
            first(tr) + "\n\n" + report_card(tr, report, people[report.author_id], team, people, with_text=False),
            None))


async def _forward(ctx: Ctx, report: Report, note: str | None) -> None:
    t, me = ctx.t, ctx.me
    card = review_card(report)  # this hop's: forwarding moves the report on
    nxt = report.forward(me.id, note, ctx.now)
    ctx.uow.decisions.add(Decision("report", id_of(report), me.id, "forwarded", ctx.now, reason=report.last_note,
                                   details={"version": report.version, "to": nxt}))
    people = await people_of(ctx.uow, report)
    await notify_reviewer(ctx, report, f"h{report.hop}", note_by=me.name)
    await ctx.notify(report.author_id, f"rep:{report.id}:v{report.version}:fwd{report.hop}", lambda tr: (
        tr("{name} forwarded your report to {next}.", name=me.name, next=people[nxt].name)
        + ("\n" + tr("Note: {note}", note=report.last_note) if report.last_note else ""), None))
    await _settle(ctx, report, card, lambda tr: tr("Forwarded to {name}.", name=people[nxt].name))
    ctx.answer(t("Forwarded"))
    ctx.reply(t("Forwarded to {name}.", name=people[nxt].name))


async def _current(ctx: Ctx, conv: FormState[Step]) -> Report | None:
    report = await ctx.uow.reports.get(conv.data.get("report_id", 0))
    if (report is None or report.status is not ReportStatus.SUBMITTED or report.current_reviewer != ctx.me.id
            or report.version != conv.data.get("version")):
        await close(ctx)
        ctx.reply(ctx.t("That report is no longer waiting for you in that version. Nothing was changed; "
                        "/laporan shows what waits for you."))
        return None
    return report


@router.conversation(NOTE)
async def on_note(ctx: Ctx, conv: FormState[Step]) -> None:
    report = await _current(ctx, conv)
    if report is None:
        return
    text = (ctx.update.text or "").strip()
    if not text or len(text) > NOTE_MAX:
        ctx.reply(ctx.t("Please write the note as text of at most {max} characters, or press "
                        "“Forward without a note”.", max=NOTE_MAX))
        return
    await close(ctx)
    await _forward(ctx, report, text)


@router.conversation(RETURN)
async def on_return_reason(ctx: Ctx, conv: FormState[Step]) -> None:
    t, me = ctx.t, ctx.me
    report = await _current(ctx, conv)
    if report is None:
        return
    if ctx.update.text is None:
        ctx.reply(t("Please write the feedback as text."), force_reply=True)
        return
    card = review_card(report)  # this hop's, before returning may move it
    try:
        report.return_(me.id, ctx.update.text, ctx.now)
    except DomainError as err:
        ctx.reply(explain(t, err) + "\n" + t("Please write the feedback again."), force_reply=True)
        return
    await close(ctx)
    ctx.uow.decisions.add(Decision("report", id_of(report), me.id, "returned", ctx.now, reason=report.last_note,
                                   details={"version": report.version, "hop": report.hop}))
    people = await people_of(ctx.uow, report)
    await ctx.notify(report.author_id, f"rep:{report.id}:v{report.version}:ret", lambda tr: (
        tr("{name} returned your report for revision.\nFeedback: {note}\nRevise it and send it again:",
           name=me.name, note=report.last_note),
        keyboard([button(tr("✏️ Revise the report"), ReportAction("fix", report.id))])))
    await _tell_route(ctx, report, people, "ret", lambda tr: tr(
        "For your information: {name} returned this report to its author. Feedback: {note}",
        name=me.name, note=report.last_note))
    await _settle(ctx, report, card,
                  lambda tr: tr("Returned to {name} with your feedback.", name=people[report.author_id].name))
    ctx.reply(t("Returned to {name} with your feedback.", name=people[report.author_id].name))


async def _settle(ctx: Ctx, report: Report, card: str, outcome: Callable[[Translator], str]) -> None:
    """Every copy of the reviewer's card shows what they did, and when, without its buttons."""
    people = await people_of(ctx.uow, report)
    team = await _team(ctx, report)
    await settle_card(ctx, card, lambda tr: Html(
        report_card(tr, report, people[report.author_id], team, people, with_text=False) + "\n\n"
        + outcome(tr) + "\n" + decided_line(tr, ctx.me.name, ctx.now, ctx.profile.timezone)))
