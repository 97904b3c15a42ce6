"""/mintalaporan: the unit head (Banten: the performance owner) asks a team's ketua or any
person of the unit for a report at any time (sewaktu-waktu, rule 41), and tracks whether
it is answered. Where the regulation provides no such request (Surakarta), the bot says so.

Steps: whom (a team -> its ketua, or a person) -> due date -> note -> confirm."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from domain.dates import parse_date
from domain.ids import id_of
from domain.profiles import Role
from domain.report import TEXT_MIN, ReportRequest
from domain.rules import may_request_report
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.date_picker import month_keyboard, month_name
from handlers.core.formatting import day
from handlers.core.forms import Form, FormState, cancel_by_button, close
from handlers.core.i18n import Html
from handlers.core.lookups import present
from handlers.core.registry import Router
from handlers.core.roles import headed_units
from handlers.core.types import Keyboard
from handlers.reports.buttons import ReportAction, RequestAction, RequestDue, RequestDueDay
from handlers.reports.cards import request_card
from storage.records import Decision

router = Router()

NOTE_MAX = 1000
DUE_DAYS = (3, 7, 14)
MAX_BUTTONS = 40


class Step(StrEnum):
    TARGET = "target"
    DUE = "due"
    NOTE = "note"
    CONFIRM = "confirm"


FORM = Form("report_request", Step)


def _requester_role(ctx: Ctx) -> Role:
    """A unit head is the performance owner of their unit's work (Banten Ps 14(4))."""
    wanted = ctx.profile.reporting.adhoc_requester
    return Role.PERFORMANCE_OWNER if wanted is Role.PERFORMANCE_OWNER else Role.UNIT_HEAD


@router.command("mintalaporan")
async def begin(ctx: Ctx) -> None:
    t, rep = ctx.t, ctx.profile.reporting
    if not may_request_report(ctx.profile, _requester_role(ctx)):
        if rep.adhoc_requester is None:  # the regulation is silent: there is no article to cite
            ctx.reply(t("{regulation} does not provide for asking a report at any time (sewaktu-waktu). "
                        "Reports follow the periodic route instead; /rekap shows where they stand.",
                        regulation=ctx.profile.title))
        else:
            ctx.reply(t("{regulation} does not provide for asking a report at any time (sewaktu-waktu) — {article}. "
                        "Reports follow the periodic route instead; /rekap shows where they stand.",
                        regulation=ctx.profile.title, article=cited(ctx, rep.source_of("adhoc_requester"))))
        return
    units = await headed_units(ctx)
    if not units:
        ctx.reply(t("Only the unit head may ask for a report at any time ({article}).",
                    article=cited(ctx, rep.source_of("adhoc_requester"))))
        return
    await _list_open(ctx)
    unit_ids = sorted({i for u in units for i in await ctx.uow.org.subunit_ids(u.id)})
    rows = []
    for team in await ctx.uow.teams.in_units(unit_ids):
        if team.ketua_id is not None and team.ketua_id != ctx.me.id:
            rows.append([button(t("Team") + ": " + shorten(team.name, 50), RequestAction("t", team.id))])
    for person in await ctx.uow.org.employees_in_units(unit_ids):
        if person.id != ctx.me.id:
            rows.append([button(shorten(person.name, 60), RequestAction("p", person.id))])
    if not rows:
        ctx.reply(t("There is nobody in your unit to ask."))
        return
    await FORM.open(ctx, Step.TARGET)
    ctx.reply(t("Whom do you ask for a report? A team (its ketua answers) or a person:"),
              keyboard(*rows[:MAX_BUTTONS]))


async def _list_open(ctx: Ctx) -> None:
    t = ctx.t
    open_ = await ctx.uow.reports.requests_by(ctx.me.id)
    if not open_:
        return
    people = await ctx.uow.org.employees(r.addressee_id for r in open_)
    lines = [t("<b>Your open requests</b> (not answered yet):")]
    for req in open_:
        late = " " + t("(overdue)") if ctx.today > req.due_on else ""
        lines.append(t("• {name} — due {date}", name=people[req.addressee_id].name, date=day(t, req.due_on)) + late)
    ctx.reply(Html("\n".join(lines)))


def _due_keyboard(ctx: Ctx) -> Keyboard:
    t = ctx.t
    labels = {3: t("3 days"), 7: t("1 week"), 14: t("2 weeks")}
    return keyboard([button(labels[d], RequestDue(d)) for d in DUE_DAYS],
                    [button(t("📅 Another date"), RequestDueDay(ctx.today.year, ctx.today.month))])


@router.callback(RequestAction, RequestDue, RequestDueDay)
async def on_button(ctx: Ctx, pressed: RequestAction | RequestDue | RequestDueDay) -> None:
    t = ctx.t
    conv = await ctx.open_form(FORM, t("This request form is no longer open. Send /mintalaporan to start again."))
    if conv is None:
        return
    data = dict(conv.data)
    if isinstance(pressed, RequestDueDay):
        await _on_calendar(ctx, conv.step, data, pressed)
        return
    if isinstance(pressed, RequestDue):
        if conv.step is not Step.DUE or pressed.days not in DUE_DAYS:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        data["due"] = (ctx.today + dt.timedelta(days=pressed.days)).isoformat()
        await FORM.advance(ctx, Step.NOTE, data)
        ctx.answer()
        _ask_note(ctx, data)
        return
    action = pressed.action
    if action in ("t", "p") and conv.step is Step.TARGET:
        target = await _target(ctx, action, pressed.target_id)
        if target is None:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        data.update(target)
        await FORM.advance(ctx, Step.DUE, data)
        ctx.answer()
        ctx.edit_or_reply(t("Report asked of {name}. By when? Choose, or type a date (e.g. 15-12-2026).",
                            name=data["name"]), _due_keyboard(ctx))
    elif action == "send" and conv.step is Step.CONFIRM:
        await _send(ctx, data)
    elif action == "cancel":
        await cancel_by_button(ctx)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


async def _on_calendar(ctx: Ctx, step: Step, data: dict, pressed: RequestDueDay) -> None:
    """A month shown (edited in place), or a day chosen: from today on, like a typed date."""
    t = ctx.t
    if step is not Step.DUE or not 1 <= pressed.month <= 12:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    due = pressed.date
    if due is not None and due < ctx.today:
        ctx.answer(t("Please choose a date from today on."), alert=True)
        return
    ctx.answer()
    if due is None:
        ctx.edit_or_reply(t("Report asked of {name}. Due on which day of {month}?", name=data["name"],
                            month=month_name(t, pressed.year, pressed.month)),
                          month_keyboard(t, pressed.year, pressed.month, RequestDueDay, earliest=ctx.today))
        return
    data["due"] = due.isoformat()
    await FORM.advance(ctx, Step.NOTE, data)
    _ask_note(ctx, data)


async def _target(ctx: Ctx, action: str, target_id: int | None) -> dict | None:
    """Only teams and people of the units I head (checked again, never trusted)."""
    unit_ids = {i for u in await headed_units(ctx) for i in await ctx.uow.org.subunit_ids(u.id)}
    if action == "t":
        team = await ctx.uow.teams.get(target_id or 0)
        if team is None or team.unit_id not in unit_ids or team.ketua_id is None or not team.accepts_members:
            return None
        ketua = present(await ctx.uow.org.employee(team.ketua_id), "the team's ketua")
        return {"addressee_id": ketua.id, "team_id": team.id, "name": f"{ketua.name} ({team.name})"}
    person = await ctx.uow.org.employee(target_id or 0)
    if person is None or person.unit_id not in unit_ids or not person.active or person.id == ctx.me.id:
        return None
    return {"addressee_id": person.id, "team_id": None, "name": person.name}


def _ask_note(ctx: Ctx, data: dict) -> None:
    ctx.reply(ctx.t("Due {date}. What should the report cover? ({min}–{max} characters)",
                    date=day(ctx.t, dt.date.fromisoformat(data["due"])), min=TEXT_MIN, max=NOTE_MAX),
              force_reply=True, placeholder=ctx.t("What the report should cover"))


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, text, data = ctx.t, (ctx.update.text or "").strip(), dict(conv.data)
    if conv.step is Step.DUE:
        due = parse_date(text)
        if due is None or due < ctx.today:
            ctx.reply(t("Please type a date from today on (e.g. 15-12-2026 or 15 Des 2026), or choose below."),
                      _due_keyboard(ctx))
            return
        data["due"] = due.isoformat()
        await FORM.advance(ctx, Step.NOTE, data)
        _ask_note(ctx, data)
    elif conv.step is Step.NOTE:
        if not (TEXT_MIN <= len(text) <= NOTE_MAX):
            ctx.reply(t("Please write {min}–{max} characters.", min=TEXT_MIN, max=NOTE_MAX), force_reply=True)
            return
        data["note"] = text
        await FORM.advance(ctx, Step.CONFIRM, data)
        ctx.reply(t("<b>Report request</b> to {name}, due {date}:\n{note}", name=data["name"],
                    date=day(t, dt.date.fromisoformat(data["due"])), note=text),
                  keyboard([button(t("📨 Send"), RequestAction("send")), button(t("Cancel"), RequestAction("cancel"))]))
    else:
        ctx.reply(t("Please choose with the buttons above, or send /batal."))


async def _send(ctx: Ctx, data: dict) -> None:
    t, me = ctx.t, ctx.me
    if await _target(ctx, "t" if data.get("team_id") else "p",
                     data["team_id"] if data.get("team_id") else data["addressee_id"]) is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    req = ReportRequest(None, me.id, data["addressee_id"], dt.date.fromisoformat(data["due"]), data["note"],
                        team_id=data.get("team_id"), created_at=ctx.now)
    ctx.uow.reports.add(req)
    await ctx.uow.flush()
    ctx.uow.decisions.add(Decision("report_request", id_of(req), me.id, "requested", ctx.now,
                                   details={"addressee_id": req.addressee_id, "team_id": req.team_id,
                                            "source": ctx.profile.reporting.source_of("adhoc_requester")}))
    await close(ctx)
    people = await ctx.uow.org.employees([me.id, req.addressee_id])
    team = await ctx.uow.teams.get(req.team_id) if req.team_id else None
    await ctx.notify(req.addressee_id, f"rq:{req.id}:new", lambda tr: (
        tr("{name} asks you for a report:", name=me.name) + "\n\n" + request_card(tr, req, people, team),
        keyboard([button(tr("📝 Answer with a report"), ReportAction("q", req.id))])))
    ctx.answer(t("Sent"))
    ctx.edit_or_reply(t("Request sent to {name}. You will get the report for review; /mintalaporan lists the "
                        "open requests.", name=data["name"]))
