"""The report being written: its text, its data dukung (documents or photos, kept by
Telegram file id with name, size and type) and the summary with [Send] [Cancel].

Steps: text -> files -> [credit] -> confirm, where credit asks a JF whose team belongs to another
unit whether the report holds credit-point activity (rule 49; HSU Ps 16(2)). Files are welcome
at any step. A new report mirrors its draft into its DRAFT row; a correction or revision stays in
the conversation row until it is sent (the report under review is never changed behind the
reviewer's back)."""
from __future__ import annotations

import html
from enum import StrEnum

from domain.errors import DomainError
from domain.ids import id_of
from domain.report import (
    MAX_FILE_BYTES,
    MAX_FILES,
    TEXT_MAX,
    TEXT_MIN,
    Evidence,
    Report,
    ReportKind,
    ReportStatus,
    check_evidence,
    check_text,
)
from domain.rules import check_report_evidence
from domain.team import MemberRole
from handlers.core.buttons import button
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import finding_text
from handlers.core.formatting import period
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.core.types import FileRef, Keyboard
from handlers.reports import usecases as service
from handlers.reports.buttons import ReportAction
from handlers.reports.cards import (
    CARD_BUDGET,
    file_line,
    short,
    short_keep_lines,
)

router = Router()

DIGEST_MAX = 3000


class Step(StrEnum):
    CHOOSE = "choose"  # which report (handlers/reports/lapor.py)
    PERIOD = "period"  # for which period (lapor.py)
    TEXT = "text"
    FILES = "files"
    CREDIT = "credit"  # angka kredit, where the answer adds the JF's unit head to the route
    CONFIRM = "confirm"


FORM = Form("report", Step)
WRITING = (Step.TEXT, Step.FILES, Step.CREDIT, Step.CONFIRM)  # the steps of this module


async def _mirror(ctx: Ctx, data: dict) -> None:
    """Keep a new report's DRAFT row in step with the conversation."""
    if data.get("mode") != "new":
        return
    report = await ctx.uow.reports.get(data["report_id"])
    if report is not None and report.status is ReportStatus.DRAFT and report.author_id == ctx.me.id:
        report.text, report.files = data.get("text") or "", list(data.get("files") or [])


async def prompt(ctx: Ctx, step: Step, data: dict) -> None:
    t = ctx.t
    if step is Step.TEXT:
        if data["kind"] == ReportKind.TEAM.value and data.get("request_id") is None:
            digest = await member_digest(ctx, data["team_id"], data["period"])
            ctx.reply(t("Summary of the members' reports for {period}:", period=period(t, data["period"])) + "\n"
                      + html.escape(digest, quote=False) + "\n\n"
                      + t("Write the team report ({min}–{max} characters), or start from this summary.",
                          min=TEXT_MIN, max=TEXT_MAX),
                      keyboard([button(t("📝 Use this summary as the text"), ReportAction("sum"))]))
            return
        ctx.reply(t("Write your report for {period}: what was done, results against the target, and any "
                    "problems ({min}–{max} characters).", period=period(t, data["period"]), min=TEXT_MIN, max=TEXT_MAX),
                  force_reply=True, placeholder=t("Report text"))
    elif step is Step.FILES:
        count = len(data.get("files") or [])
        ctx.reply(t("Now send the supporting files (data dukung): documents or photos, at most {max} files of "
                    "{mb} MB each. Files attached so far: {count}. Press “Done” when finished.",
                    max=MAX_FILES, mb=MAX_FILE_BYTES // (1024 * 1024), count=count)
                  + _evidence_hint(ctx, count),
                  _done_keyboard(ctx))
    else:
        if step is Step.CONFIRM and await _asks_credit(ctx, data):
            step = Step.CREDIT
            await FORM.advance(ctx, step, data)
        if step is Step.CREDIT:
            ctx.reply(t("Does this report hold credit-point activities (angka kredit) of your jabatan fungsional? "
                        "This team's work is not your unit's, so such activities need the approval of your own "
                        "unit head first ({article}).", article=_credit_article(ctx)),
                      keyboard([button(t("Yes"), ReportAction("ak", 1)), button(t("No"), ReportAction("ak", 0))]))
            return
        ctx.reply(await summary(ctx, data), _confirm_keyboard(ctx, data))


async def _asks_credit(ctx: Ctx, data: dict) -> bool:
    """Rule 49: asked once per sending, never for a correction (its route is already set) nor for a
    report on request (it goes to whoever asked)."""
    return ("credit" not in data and data.get("mode") != "correct" and not data.get("request_id")
            and await service.credit_approver(ctx, data.get("team_id")) is not None)


def _credit_article(ctx: Ctx) -> str:
    return cited(ctx, ctx.profile.reporting.source_of("credit_activity_needs_unit_head_approval"))


def _evidence_hint(ctx: Ctx, count: int) -> str:
    rep = ctx.profile.reporting
    if not rep.evidence_required or count:
        return ""
    return "\n" + ctx.t("At least one file is required ({article}).",
                         article=cited(ctx, rep.source_of("evidence_required")))


def _done_keyboard(ctx: Ctx) -> Keyboard:
    return keyboard([button(ctx.t("✅ Done"), ReportAction("done"))])


def _confirm_keyboard(ctx: Ctx, data: dict) -> Keyboard:
    t = ctx.t
    send = t("📨 Send the correction") if data.get("mode") == "correct" else t("📨 Send")
    rows = [[button(send, ReportAction("send"))],
            [button(t("✏️ Change the text"), ReportAction("text")), button(t("📎 Add files"), ReportAction("files"))]]
    if data.get("files"):
        rows.append([button(t("🗑 Remove the files"), ReportAction("clear"))])
    rows.append([button(t("Cancel"), ReportAction("cancel"))])
    return keyboard(*rows)


async def summary(ctx: Ctx, data: dict) -> str:
    t = ctx.t
    team = await ctx.uow.teams.get(data["team_id"]) if data.get("team_id") else None
    kind = {"member": t("member report"), "team": t("team report"), "individual": t("individual report")}[data["kind"]]
    if data.get("request_id"):
        kind = t("report on request")
    lines = [t("<b>Your {kind} for {period}</b> — please check before sending:", kind=kind,
               period=period(t, data["period"]))]
    if team is not None:
        lines.append(t("Team: {team}", team=team.name))
    if data.get("credit"):
        lines.append(t("Credit-point activities: yes; your unit head approves them first ({article}).",
                       article=_credit_article(ctx)))
    files = data.get("files") or []
    tail = [file_line(t, f) for f in files] or [t("No supporting files (data dukung).")]
    budget = CARD_BUDGET - sum(len(x) for x in lines + tail) - 200
    lines += ["", t("<i>{text}</i>", text=short_keep_lines(data.get("text") or "", budget)), ""]
    return Html("\n".join(lines + tail)) + _evidence_hint(ctx, len(files))


async def member_digest(ctx: Ctx, team_id: int, period_key: str) -> str:
    """Plain text: who reported for the period, accepted or not, with short excerpts."""
    t = ctx.t
    members = [m for m in await ctx.uow.teams.members(team_id)
               if m.role in (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)]
    people = await ctx.uow.org.employees(m.employee_id for m in members)
    reports = {r.author_id: r for r in await ctx.uow.reports.for_team_period(team_id, period_key, ReportKind.MEMBER)
               if r.request_id is None}
    lines, excerpt = [], max(40, min(160, 2800 // max(1, len(members)) - 60))
    for m in members:
        name, report = Html(people[m.employee_id].name), reports.get(m.employee_id)
        if report is None or report.status is ReportStatus.DRAFT:
            lines.append(t("• {name}: no report yet", name=name))
            continue
        state = {ReportStatus.ACCEPTED: t("accepted"), ReportStatus.SUBMITTED: t("not reviewed yet"),
                 ReportStatus.RETURNED: t("returned for revision")}[report.status]
        lines.append(t("• {name} ({state}): {excerpt}", name=name, state=Html(state),
                       excerpt=Html(short(report.text, excerpt))))
    if not lines:
        return t("(the team has no members besides the ketua)")
    kept: list[str] = []
    for line in lines:  # a big team still fits one message
        if sum(len(x) + 1 for x in kept) + len(line) > DIGEST_MAX:
            kept.append(t("… and {count} more", count=len(lines) - len(kept)))
            break
        kept.append(line)
    return "\n".join(kept)


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, update, data = ctx.t, ctx.update, dict(conv.data)
    if conv.step not in WRITING:
        ctx.reply(t("Please choose with the buttons above, or send /batal."))
        return
    if update.file is not None:
        await _add_file(ctx, conv.step, data, update.file)
        return
    if update.text is None:
        ctx.reply(t("I need text or a file here."))
        return
    if conv.step is Step.TEXT:
        try:
            check_text(update.text)
        except DomainError as err:
            ctx.reply(explain(t, err) + "\n" + t("Please write the report again."), force_reply=True)
            return
        data["text"] = update.text.strip()
        await _mirror(ctx, data)
        await FORM.advance(ctx, Step.FILES, data)
        await prompt(ctx, Step.FILES, data)
    elif conv.step is Step.FILES:
        ctx.reply(t("Send a document or a photo, or press “Done”."), _done_keyboard(ctx))
    else:
        ctx.reply(t("Please use the buttons below the summary."))
        await prompt(ctx, conv.step, data)


async def _add_file(ctx: Ctx, step: Step, data: dict, f: FileRef) -> None:
    t = ctx.t
    files = list(data.get("files") or [])
    evidence = Evidence(f.file_id, f.kind, f.file_name, f.mime_type, f.size)
    try:
        check_evidence(evidence, len(files))
    except DomainError as err:
        ctx.reply(explain(t, err))
        return
    files.append({"file_id": f.file_id, "kind": f.kind, "name": f.file_name, "mime": f.mime_type, "size": f.size})
    data["files"] = files
    await _mirror(ctx, data)
    await FORM.advance(ctx, step, data)
    received = t("Received {file} — {count} of at most {max}.", file=file_line(t, files[-1]), count=len(files),
                 max=MAX_FILES)
    if step is Step.TEXT:
        ctx.reply(received + "\n" + t("Now write the report text, please."), force_reply=True)
    elif step is Step.FILES:
        ctx.reply(received + " " + t("Send more, or press “Done”."), _done_keyboard(ctx))
    else:
        ctx.reply(received)
        await prompt(ctx, Step.CONFIRM, data)


async def on_button(ctx: Ctx, action: str, target_id: int | None = None) -> None:
    """The draft's buttons (ReportAction, dispatched by lapor.py)."""
    conv = await ctx.open_form(FORM, ctx.t("This report form is no longer open. Send /lapor to start again."),
                               WRITING)
    if conv is None:
        return
    data, t = dict(conv.data), ctx.t
    if action == "cancel":
        await close(ctx)
        ctx.answer()
        ctx.edit_or_reply(t("Stopped. Nothing was sent; a new report stays saved as a draft for /lapor.")
                          if data.get("mode") == "new" else t("Stopped. Nothing was changed."))
        return
    if action == "sum" and conv.step is Step.TEXT:
        team = await ctx.uow.teams.get(data["team_id"])
        if team is None:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        text = t("Team report {team}, {period}.", team=Html(team.name), period=period(t, data["period"])) + "\n" \
            + await member_digest(ctx, id_of(team), data["period"])
        data["text"] = text[:TEXT_MAX]
        await _mirror(ctx, data)
        await _step(ctx, Step.FILES, data)
    elif action == "done" and conv.step is Step.FILES:
        if not data.get("text"):
            await _step(ctx, Step.TEXT, data)
            return
        await _step(ctx, Step.CONFIRM, data)
    elif action in ("text", "files") and conv.step is Step.CONFIRM:
        await _step(ctx, Step(action), data)
    elif action == "clear" and conv.step is Step.CONFIRM:
        data["files"] = []
        await _mirror(ctx, data)
        await _step(ctx, Step.CONFIRM, data)
    elif action == "ak" and conv.step is Step.CREDIT:
        data["credit"] = target_id == 1
        await _step(ctx, Step.CONFIRM, data)
    elif action == "send" and conv.step is Step.CONFIRM:
        await _send(ctx, data)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


async def _step(ctx: Ctx, step: Step, data: dict) -> None:
    await FORM.advance(ctx, step, data)
    ctx.answer()
    await prompt(ctx, step, data)


async def still_editable(ctx: Ctx, data: dict, report: Report | None = None) -> bool:
    """The report behind a draft is still in the state the draft was opened for: a new one
    still a draft, a returned one still returned, one sent still unreviewed."""
    report = report or (await ctx.uow.reports.get(data.get("report_id") or 0) if data.get("report_id") else None)
    if report is None or report.author_id != ctx.me.id:
        return False
    expected = {"new": ReportStatus.DRAFT, "revise": ReportStatus.RETURNED, "correct": ReportStatus.SUBMITTED}
    return report.status is expected.get(data.get("mode") or "") and not (data["mode"] == "correct" and report.reviewed)


async def _send(ctx: Ctx, data: dict) -> None:
    t, uow = ctx.t, ctx.uow
    report = await uow.reports.get(data["report_id"])
    if report is None or not await still_editable(ctx, data, report):
        await close(ctx)
        ctx.answer(t("This report changed in the meantime (it may be under review now); nothing was sent. "
                     "Send /lapor to see where it stands."), alert=True)
        return
    evidence = check_report_evidence(ctx.profile, len(data.get("files") or []))
    if not evidence.ok:  # rule 44: refused with the rule and the article; the draft stays
        ctx.answer(t("Not sent."))
        ctx.reply(t("Not sent — {finding}. Add a file with “Add files”.",
                    finding=Html(finding_text(t, evidence.failures[0], ctx.profile.citation_title))))
        return
    team = await uow.teams.get(report.team_id) if report.team_id else None
    request = await uow.reports.request(report.request_id) if report.request_id else None
    if data["mode"] == "correct":
        await service.correct(ctx, report, data["text"], data.get("files") or [])
    else:
        report.text, report.files = data["text"], list(data.get("files") or [])
        report.credit_activity = bool(data.get("credit"))
        await service.submit(ctx, report, team, request)
    await close(ctx)
    people = await service.people_of(uow, report)
    reviewer = people[report.route[report.hop]]  # just sent: it waits at this hop
    ctx.answer(t("Sent"))
    done = (t("Correction sent: version {version} is now with {name}", version=report.version, name=reviewer.name)
            if data["mode"] == "correct" else
            t("Report sent to {name} (version {version})", version=report.version, name=reviewer.name))
    if len(report.route) > 1:
        done += "\n" + t("Route: {route}", route=" → ".join(people[i].name for i in report.route))
    ctx.edit_or_reply(done + "\n" + t("You will be told here when it is reviewed; /laporan lists your reports."))
