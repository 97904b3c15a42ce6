"""/lapor: which report — a member report to my ketua, the team report I compile as ketua,
an individual report, or the answer to a report asked of me — and for which period.

Then handlers/report_draft.py takes the text, the data dukung and the confirmation. The
draft lives in the conversation row (and, for a new report, in a DRAFT report row), so a
restart loses nothing. A report already sent can be corrected until someone reviews it;
a returned one is revised and sent along the same route again."""
from __future__ import annotations

from domain.ids import id_of
from domain.reminders import MEMBER_REPORT, PERSON, TEAM_REPORT, Notice, Obligation
from domain.report import Report, ReportKind, ReportStatus, RequestStatus
from domain.team import MemberRole, Team
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import day
from handlers.core.formatting import period as period_text
from handlers.core.forms import close
from handlers.core.i18n import Html, Translator
from handlers.core.registry import Router
from handlers.core.types import Keyboard
from handlers.reports import draft as draft
from handlers.reports.buttons import ReportAction, ReportNow, ReportPeriod
from handlers.reports.cards import period_label, status_label
from handlers.reports.draft import FORM, Step
from handlers.reports.usecases import local_today, people_of, periods
from handlers.schedule.texts import register_keyboard
from handlers.teams.dialog import inactive_text, not_yet_active
from handlers.teams.pk import pk_keyboard, pk_missing, pk_prompt

router = Router()

MEMBER_ROLES = (MemberRole.ANGGOTA, MemberRole.SEKRETARIAT)


@router.command("lapor")
async def begin(ctx: Ctx) -> None:
    conv = await FORM.read(ctx)
    if conv is not None and conv.step in draft.WRITING:
        if await draft.still_editable(ctx, conv.data):
            ctx.reply(ctx.t("You have an unfinished report; let us continue where you left off. "
                            "(Send /batal to stop; a new report stays saved as a draft.)"))
            await draft.prompt(ctx, conv.step, conv.data)
            return
        await close(ctx)
    t, me = ctx.t, ctx.me
    rows = []
    requests = await ctx.uow.reports.open_requests_for(me.id)
    people = await ctx.uow.org.employees(r.requester_id for r in requests)
    for req in requests[:5]:
        label = t("📨 Answer the request of {name}", name=Html(people[req.requester_id].name))
        rows.append([button(shorten(label, 48) + f" ({day(t, req.due_on)})", ReportAction("q", req.id))])
    for team, membership in await ctx.uow.teams.teams_of(me.id):
        if membership.role is MemberRole.KETUA:
            rows.append([button(t("📋 Team report") + ": " + shorten(team.name, 45), ReportAction("k", team.id))])
        elif membership.role in MEMBER_ROLES:
            rows.append([button(t("📝 To the ketua") + ": " + shorten(team.name, 45), ReportAction("t", team.id))])
    rows.append([button(t("👤 Individual report (work assigned to me alone)"), ReportAction("i"))])
    await FORM.open(ctx, Step.CHOOSE)
    ctx.reply(t("Which report do you want to send?"), keyboard(*rows))


@router.callback(ReportAction)
async def on_button(ctx: Ctx, pressed: ReportAction) -> None:
    action = pressed.action
    if action in ("k", "t", "i"):
        await _choose(ctx, action, pressed.target_id)
    elif action == "q":
        await _answer_request(ctx, pressed.target_id)
    elif action == "fix":
        await _fix(ctx, pressed.target_id)
    else:
        await draft.on_button(ctx, action, pressed.target_id)


async def _choose(ctx: Ctx, action: str, team_id: int | None, period: str | None = None) -> None:
    """The report chosen; then its period: `period` when given (a reminder's button) and
    still open, else the only one open, else the user picks."""
    chosen = await _chosen(ctx, action, team_id)
    if chosen is None:
        return
    data, team = chosen
    t = ctx.t
    current, before = periods(ctx.profile, team, local_today(ctx.profile, ctx.now))
    # A team formed this period owes nothing for the one before, so it is not offered.
    offered = [p for p in (current, before) if team is None or team.starts_on is None or p.end >= team.starts_on]
    keys = [p.key for p in offered]
    if period in keys or len(keys) == 1:
        ctx.answer()
        await _open(ctx, data | {"request_id": None, "period": period if period in keys else current.key},
                    edit=period is None)
        return
    data.update(request_id=None, periods=[current.key, before.key])
    await FORM.open(ctx, Step.PERIOD, data)
    ctx.answer()
    ctx.edit_or_reply(
        t("For which period? The current one is {period}.", period=period_label(t, current)),
        keyboard([button(t("This period") + f" ({period_text(t, current.key)})", ReportPeriod("c"))],
                 [button(t("The previous period") + f" ({period_text(t, before.key)})", ReportPeriod("b"))]))


@router.callback(ReportNow)
async def on_report_now(ctx: Ctx, pressed: ReportNow) -> None:
    await _choose(ctx, pressed.action, pressed.team_id, pressed.period)


REMINDER_BUTTONS = 5


@register_keyboard(MEMBER_REPORT)
@register_keyboard(TEAM_REPORT)
def report_now(t: Translator, notice: Notice) -> Keyboard | None:
    """Under a reminder ("the reporting window is open", "due soon", "not received yet"):
    the button that opens the report form for that team and period."""
    if notice.audience != PERSON:  # an escalation tells the head; the report is not theirs to send
        return None
    items = [ob for ob in notice.items if ob.kind in (MEMBER_REPORT, TEAM_REPORT)][:REMINDER_BUTTONS]
    if not items:
        return None
    if len(items) == 1:
        ob = items[0]
        return keyboard([button(t("📝 Report now"), _report_now(ob))])
    return keyboard(*[[button(f"📝 {shorten(ob.label, 40)} ({period_text(t, ob.period_key)})", _report_now(ob))]
                      for ob in items])


def _report_now(ob: Obligation) -> ReportNow:
    return ReportNow("k" if ob.kind == TEAM_REPORT else "t", ob.subject_id, ob.period_key)


async def _chosen(ctx: Ctx, action: str, team_id: int | None) -> tuple[dict[str, object], Team | None] | None:
    """The report's kind and team, if I may send it now; otherwise say why (None)."""
    t, me = ctx.t, ctx.me
    team = None
    data: dict[str, object]
    if action == "i":
        data = {"kind": ReportKind.INDIVIDUAL.value, "team_id": None}
    else:
        team = await ctx.uow.teams.get(team_id or 0)
        if team is None or not team.accepts_members:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return None
        membership = await ctx.uow.teams.membership(id_of(team), me.id)
        if action == "k" and team.ketua_id != me.id:
            ctx.answer(t("Only the ketua of {team} compiles its team report.", team=team.name), alert=True)
            return None
        inactive = pk_missing(ctx.profile, membership) if action == "k" else None
        if inactive is not None:  # rule 32: not active as ketua before the PK (decision 14)
            ctx.answer()
            ctx.reply(pk_prompt(t, inactive, ctx.profile.citation_title), pk_keyboard(t, team))
            return None
        if action == "t" and (membership is None or membership.role not in MEMBER_ROLES):
            ctx.answer()
            ctx.reply(t("You are not a member of {team}, so you cannot report to it. Members report to their "
                        "ketua (rule 40); if you work on it, ask the unit head to add you, or send an "
                        "individual report with /lapor.", team=team.name) if membership is None else
                      t("As {team}'s ketua you compile the team report instead; send /lapor and choose "
                        "“Team report”.", team=team.name) if membership.role is MemberRole.KETUA else
                      t("In {team} you are not an anggota, so you send no member report there; report your own "
                        "work with an individual report (/lapor).", team=team.name))
            return None
        if action == "t" and await not_yet_active(ctx, team, me.id) is not None:  # rule 53 (decision 18)
            ctx.answer()
            ctx.reply(inactive_text(t, team, ctx.profile.teams.source_of("dialog_kinerja")))
            return None
        if team.ketua_id is None:
            ctx.answer(t("This team has no ketua yet, so reports cannot be sent to one."), alert=True)
            return None
        if not team.started:  # Banten Ps 10(2): it has no penanggung jawab yet
            ctx.answer(t("{team} has not started yet, so reports cannot be sent to it.", team=team.name), alert=True)
            return None
        kind = ReportKind.TEAM if action == "k" else ReportKind.MEMBER
        data = {"kind": kind.value, "team_id": team.id}
    return data, team


@router.callback(ReportPeriod)
async def on_period(ctx: Ctx, pressed: ReportPeriod) -> None:
    closed = ctx.t("This report form is no longer open. Send /lapor to start again.")
    conv = await ctx.open_form(FORM, closed, (Step.PERIOD,))
    if conv is None:
        return
    data = dict(conv.data)
    key = data.pop("periods")[0 if pressed.which == "c" else 1]
    ctx.answer()
    await _open(ctx, data | {"period": key}, edit=True)


async def _answer_request(ctx: Ctx, request_id: int | None) -> None:
    t, me = ctx.t, ctx.me
    req = await ctx.uow.reports.request(request_id or 0)
    if req is None or req.addressee_id != me.id:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    if req.status is not RequestStatus.OPEN:
        ctx.answer(t("This request has already been answered."), alert=True)
        return
    team = await ctx.uow.teams.get(req.team_id) if req.team_id else None
    kind = ReportKind.TEAM if team is not None and team.ketua_id == me.id else ReportKind.INDIVIDUAL
    current, _ = periods(ctx.profile, team, local_today(ctx.profile, ctx.now))
    ctx.answer()
    await _open(ctx, {"kind": kind.value, "team_id": team.id if team else None, "request_id": req.id,
                      "period": current.key}, edit=False)


async def _open(ctx: Ctx, data: dict, edit: bool) -> None:
    """Start, resume, correct or revise the report for this choice."""
    me = ctx.me
    report = await ctx.uow.reports.find(me.id, ReportKind(data["kind"]), data["period"], data["team_id"],
                                        data["request_id"])
    if report is None:
        report = Report(None, ReportKind(data["kind"]), me.id, data["period"], team_id=data["team_id"],
                        request_id=data["request_id"])
        ctx.uow.reports.add(report)
        await ctx.uow.flush()
    await _resume(ctx, report, edit)


async def _fix(ctx: Ctx, report_id: int | None) -> None:
    report = await ctx.uow.reports.get(report_id or 0)
    if report is None or report.author_id != ctx.me.id:
        ctx.answer(ctx.t("Only the author can change this report."), alert=True)
        return
    ctx.answer()
    await _resume(ctx, report, edit=False)


async def _resume(ctx: Ctx, report: Report, edit: bool) -> None:
    t = ctx.t
    say = ctx.edit_or_reply if edit else ctx.reply
    data = {"report_id": report.id, "kind": report.kind.value, "team_id": report.team_id,
            "request_id": report.request_id, "period": report.period_key,
            "text": report.text or None, "files": list(report.files)}
    people = await people_of(ctx.uow, report)
    if report.status is ReportStatus.ACCEPTED:
        await close(ctx)
        say(t("Your {period} report here was already accepted; nothing more to send.",
                            period=period_text(t, report.period_key)))
        return
    if report.status is ReportStatus.SUBMITTED and report.reviewed:
        await close(ctx)
        say(t("This report is already being reviewed ({status}), so it can no longer be "
                            "corrected. If it is returned to you, you can revise it.",
                            status=status_label(t, report, people)))
        return
    if report.status is ReportStatus.SUBMITTED:
        data["mode"] = "correct"
        say(t("You already sent this report; it is {status}. You may correct it until it is "
                            "reviewed: the reviewer gets the new version.", status=status_label(t, report, people)))
    elif report.status is ReportStatus.RETURNED:
        data["mode"] = "revise"
        say(t("This report was returned for revision. Feedback: {note}\nChange the text and/or "
                            "the files, then send it again.", note=report.last_note or "-"))
    else:
        data["mode"] = "new"
        if edit:
            say(t("Report for {period}.", period=period_text(t, report.period_key)))
    step = Step.CONFIRM if data["text"] else Step.TEXT
    await FORM.open(ctx, step, data)
    await draft.prompt(ctx, step, data)

