"""/tunjuk (an individual penunjukan within the unit, §2.1) and /pelibatan (a surat permohonan
pelibatan to another unit, agency or institution, §2.2-§2.5): the request form. Its draft lives
in the conversation row, so a restart loses nothing. Pickers page, and typing part of a name
filters them."""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from domain.appointment import FIELD_MAX_LENGTH, check_request_fields, four_fields_required
from domain.appointment_routing import allowed, official, scope_between, starter_role
from domain.deciders import organisation_unit
from domain.errors import DomainError
from domain.org import Employee
from domain.profiles import Scope
from domain.text import validate_text
from handlers.appointments.buttons import AppointForm
from handlers.appointments.flow import Request, card, submit
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import finding_text
from handlers.core.forms import Form, FormState, close
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.core.role_names import role_name
from handlers.core.roles import headed_units, same_unit_ids
from handlers.core.types import Keyboard

router = Router()
PAGE = 8
SKIP = "-"


class Step(StrEnum):
    ASSIGNEE = "assignee"
    TARGET = "target"
    INSTITUTION = "institution"
    WORK = "work"
    PURPOSE = "purpose"
    COMPETENCE = "competence"
    EXPECTATION = "expectation"
    DURATION = "duration"
    CANDIDATES = "candidates"
    CONFIRM = "confirm"


FORM = Form("appoint", Step)
TEXT_FIELDS = (Step.PURPOSE, Step.COMPETENCE, Step.EXPECTATION, Step.DURATION)


@router.command("tunjuk")
async def tunjuk(ctx: Ctx) -> None:
    if not allowed(ctx.profile, Scope.WITHIN_UNIT):
        ctx.reply(ctx.t("The regulation of this region has no penunjukan within a unit."))
        return
    data: dict[str, Any] = {"scope": Scope.WITHIN_UNIT.value, "q": "", "page": 0}
    if not await _appointable(ctx, data):
        role = role_name(ctx.t, starter_role(ctx.profile, Scope.WITHIN_UNIT))
        ctx.reply(ctx.t("Nobody in your unit can be appointed by you: in this region the penunjukan within a "
                        "unit is made by the {role}.", role=role))
        return
    await FORM.open(ctx, Step.ASSIGNEE, data)
    await _prompt(ctx, Step.ASSIGNEE, data)


@router.command("pelibatan")
async def pelibatan(ctx: Ctx) -> None:
    units = await headed_units(ctx)
    if not units:
        ctx.reply(ctx.t("Only the head of a unit can ask another unit for staff (surat permohonan pelibatan)."))
        return
    data: dict[str, Any] = {"home_unit_id": units[0].id, "q": "", "page": 0}
    await FORM.open(ctx, Step.TARGET, data)
    await _prompt(ctx, Step.TARGET, data)


# --- pickers --------------------------------------------------------------------------
async def _appointable(ctx: Ctx, data: dict) -> list[Employee]:
    """The staff I may appoint (or propose) within their unit: the profile's starter for them."""
    me = ctx.me
    unit_ids = set(await same_unit_ids(ctx, me.unit_id))
    for unit in [*await ctx.uow.org.units_headed_by(me.id), *await ctx.uow.org.units_rated_by(me.id)]:
        unit_ids.update(await same_unit_ids(ctx, unit.id))
    people = [p for p in await ctx.uow.org.employees_in_units(sorted(unit_ids)) if p.id != me.id]
    role = starter_role(ctx.profile, Scope.WITHIN_UNIT)
    org = await ctx.uow.org.view_for(me, unit_ids=sorted(unit_ids), employee_ids=[p.rater_id for p in people
                                                                                  if p.rater_id], on=ctx.today)
    mine = []
    for person in people:
        found = official(org, ctx.profile, role, person.unit_id, [person])
        if found is not None and found.person.id == me.id:
            mine.append(person)
    return _filtered(mine, data.get("q", ""))


async def _target_units(ctx: Ctx, data: dict) -> list:
    """Units with a head outside my own Unit Organisasi, in a scope the profile allows."""
    home = data["home_unit_id"]
    org = await ctx.uow.org.view_for(ctx.me, unit_ids=[u.id for u in await ctx.uow.org.all_units()])
    own = organisation_unit(org, ctx.profile, home)
    found = []
    for unit in await ctx.uow.org.all_units():
        mine = organisation_unit(org, ctx.profile, unit.id)
        if unit.head_id is None or mine is None or mine.id != unit.id or (own is not None and mine.id == own.id):
            continue
        if allowed(ctx.profile, scope_between(org, ctx.profile, home, unit.id)):
            found.append(unit)
    q = data.get("q", "").lower()
    return [u for u in found if q in u.name.lower()]


async def _target_staff(ctx: Ctx, data: dict) -> list[Employee]:
    unit_ids = await ctx.uow.org.subunit_ids(data["target_unit_id"])
    unit = await ctx.uow.org.unit(data["target_unit_id"])
    people = [p for p in await ctx.uow.org.employees_in_units(unit_ids)
              if p.id != ctx.me.id and (unit is None or p.id != unit.head_id)]
    return _filtered(people, data.get("q", ""))


def _filtered(people: list[Employee], q: str) -> list[Employee]:
    return [p for p in people if q.lower() in p.name.lower()]


def _paged(rows: list[list], page: int, extra: list[list] | None = None) -> Keyboard:
    start = page * PAGE
    nav = []
    if page > 0:
        nav.append(button("◀", AppointForm("page", page - 1)))
    if start + PAGE < len(rows):
        nav.append(button("▶", AppointForm("page", page + 1)))
    return keyboard(*rows[start:start + PAGE], nav, *(extra or []))


# --- prompts --------------------------------------------------------------------------
async def _prompt(ctx: Ctx, step: Step, data: dict, edit: bool = False) -> None:
    """`edit`: a picker's page or choice changed, so its own message is redrawn."""
    t, page = ctx.t, int(data.get("page", 0))
    send = ctx.edit_or_reply if edit else ctx.reply
    search = t("Type part of a name to search.")
    if step is Step.ASSIGNEE:
        people = await _appointable(ctx, data)
        rows = [[button(f"{p.name[:40]} · {p.jabatan_name[:20]}", AppointForm("who", p.id))] for p in people]
        send(t("Whom do you appoint (penunjukan within the unit)?") + " " + search,
                  _paged(rows, page, [[button(t("Cancel"), AppointForm("cancel"))]]))
    elif step is Step.TARGET:
        units = await _target_units(ctx, data)
        rows = [[button(u.name[:60], AppointForm("unit", u.id))] for u in units]
        extra = [[button(t("🏛 Another institution (lintas instansi)"), AppointForm("inst"))]] if allowed(
            ctx.profile, Scope.CROSS_INSTITUTION) else []
        send(t("Which unit do you ask for staff?") + " " + search,
                  _paged(rows, page, [*extra, [button(t("Cancel"), AppointForm("cancel"))]]))
    elif step is Step.INSTITUTION:
        ctx.reply(t("Type the name of the other institution (e.g. Pemerintah Kabupaten X, Universitas Y)."))
    elif step is Step.WORK:
        teams = [tm for tm in await ctx.uow.teams.in_units(await same_unit_ids(ctx, data["home_unit_id"]))
                 if tm.accepts_members]
        kb = keyboard(*[[button(tm.name[:60], AppointForm("team", tm.id))] for tm in teams[:10]])
        ctx.reply(t("For which team or piece of work? Choose a team, or type the work in your own words."), kb)
    elif step in TEXT_FIELDS:
        ctx.reply(_field_question(ctx, step, data))
    elif step is Step.CANDIDATES:
        people = await _target_staff(ctx, data)
        chosen = set(data.get("candidate_ids", []))
        rows = [[button(("✅ " if p.id in chosen else "") + p.name[:50], AppointForm("who", p.id))] for p in people]
        send(t("You may name the staff you hope for (optional); the other side decides whom it releases.")
                  + " " + search, _paged(rows, page, [[button(t("Done"), AppointForm("done"))]]))
    else:
        ap_text = await _summary(ctx, data)
        ctx.reply(ap_text + "\n\n" + t("Send this request?"),
                  keyboard([button(t("📨 Send"), AppointForm("send")), button(t("Cancel"), AppointForm("cancel"))]))


def _field_question(ctx: Ctx, step: Step, data: dict) -> str:
    t = ctx.t
    within = data["scope"] == Scope.WITHIN_UNIT.value
    question = {Step.PURPOSE: t("What is the goal of the work?") if within else t("Maksud dan tujuan: why do you "
                                                                                    "need the staff?"),
                Step.COMPETENCE: t("Which competence, expertise or skills are needed?"),
                Step.EXPECTATION: t("What target is expected of the person assigned?"),
                Step.DURATION: t("For how long (jangka waktu)? E.g. “3 months, January to March 2027”.")}[step]
    if not within and not four_fields_required(ctx.profile, Scope(data["scope"])):
        question += " " + t("(Recommended; send “-” to leave it out.)")
    return question


async def _summary(ctx: Ctx, data: dict) -> str:
    t = ctx.t
    lines = [t("Work: {work}", work=data["work"])]
    if data.get("assignee_id"):
        person = await ctx.uow.org.employee(data["assignee_id"])
        lines.insert(0, t("Appointed: {name}", name=person.name if person else "?"))
    if data.get("institution"):
        lines.insert(0, t("To: {target}", target=data["institution"]))
    elif data.get("target_unit_id"):
        unit = await ctx.uow.org.unit(data["target_unit_id"])
        lines.insert(0, t("To: {target}", target=unit.name if unit else ""))
    for step, label in ((Step.PURPOSE, t("Purpose")), (Step.COMPETENCE, t("Competence")),
                        (Step.EXPECTATION, t("Target")), (Step.DURATION, t("Term"))):
        if data.get(step.value):
            lines.append(f"{label}: " + data[step.value].replace("&", "&amp;").replace("<", "&lt;"))
    if data.get("candidate_ids"):
        people = await ctx.uow.org.employees(data["candidate_ids"])
        lines.append(t("Staff: {names}", names=", ".join(p.name for p in people.values())))
    findings = check_request_fields(ctx.profile, Scope(data["scope"]), data)
    if findings.warnings:
        lines += ["⚠ " + finding_text(t, f, ctx.profile.citation_title) for f in findings.warnings]
    return "\n".join(lines)


# --- input ----------------------------------------------------------------------------
@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, data = ctx.t, dict(conv.data)
    text = ctx.update.text
    if text is None:
        ctx.reply(t("I need a text answer here, not a file or sticker."))
        await _prompt(ctx, conv.step, data)
        return
    if conv.step in (Step.ASSIGNEE, Step.TARGET, Step.CANDIDATES):  # a search
        data.update(q=text.strip()[:40], page=0)
        await FORM.advance(ctx, conv.step, data)
        await _prompt(ctx, conv.step, data)
        return
    if conv.step is Step.CONFIRM:
        ctx.reply(t("Please press “Send” or “Cancel” below the summary."))
        await _prompt(ctx, conv.step, data)
        return
    try:
        value = _value(ctx, conv.step, data, text)
    except DomainError as err:
        ctx.reply(explain(t, err, regulation=ctx.profile.citation_title))
        return
    if conv.step is Step.INSTITUTION:
        data["institution"] = value
        data["scope"] = Scope.CROSS_INSTITUTION.value
    elif conv.step is Step.WORK:
        data.update(work=value, team_id=None)
    else:
        data[conv.step.value] = value
    await _next(ctx, conv.step, data)


def _value(ctx: Ctx, step: Step, data: dict, text: str) -> str:
    if step in (Step.INSTITUTION, Step.WORK):
        return validate_text(text, 3, 200, "target")
    if text.strip() == SKIP and data["scope"] != Scope.WITHIN_UNIT.value:
        scope = Scope(data["scope"])
        result = check_request_fields(ctx.profile, scope, {**data, step.value: ""})
        if four_fields_required(ctx.profile, scope) and not result.ok:
            raise DomainError("appointment_field_required", article=ctx.profile.appointment.source_of(
                "four_fields_scopes"))
        return ""
    return validate_text(text, 3, FIELD_MAX_LENGTH if step is not Step.DURATION else 200, "reason")


async def _next(ctx: Ctx, step: Step, data: dict) -> None:
    within = data["scope"] == Scope.WITHIN_UNIT.value
    order = ([Step.ASSIGNEE, Step.WORK, Step.PURPOSE, Step.EXPECTATION, Step.DURATION, Step.CONFIRM] if within else
             [Step.TARGET, Step.INSTITUTION, Step.WORK, *TEXT_FIELDS, Step.CANDIDATES, Step.CONFIRM])
    following = order[order.index(step) + 1]
    if following is Step.INSTITUTION:
        following = Step.WORK  # only after the "another institution" button
    if following is Step.CANDIDATES and data.get("institution"):
        following = Step.CONFIRM
    data.update(q="", page=0)
    await FORM.advance(ctx, following, data)
    await _prompt(ctx, following, data)


@router.callback(AppointForm)
async def on_button(ctx: Ctx, pressed: AppointForm) -> None:
    t = ctx.t
    conv = await ctx.open_form(FORM, t("This request form is no longer open. Send /tunjuk or /pelibatan to start "
                                       "again."))
    if conv is None:
        return
    data, action, step = dict(conv.data), pressed.action, conv.step
    if action == "cancel":
        await close(ctx)
        ctx.answer()
        ctx.edit_or_reply(t("Cancelled. Nothing was sent."))
        return
    if action == "page" and step in (Step.ASSIGNEE, Step.TARGET, Step.CANDIDATES):
        data["page"] = max(0, pressed.target_id or 0)
        await FORM.advance(ctx, step, data)
        ctx.answer()
        await _prompt(ctx, step, data, edit=True)
        return
    if action == "who" and step is Step.ASSIGNEE:
        person = next((p for p in await _appointable(ctx, {"q": ""}) if p.id == pressed.target_id), None)
        if person is None:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        data.update(assignee_id=person.id, candidate_ids=[person.id], home_unit_id=person.unit_id)
        ctx.answer()
        ctx.edit_or_reply(t("Appointed: {name}", name=person.name))
        await _next(ctx, step, data)
    elif action == "unit" and step is Step.TARGET:
        unit = next((u for u in await _target_units(ctx, {**data, "q": ""}) if u.id == pressed.target_id), None)
        if unit is None:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        org = await ctx.uow.org.view_for(ctx.me, unit_ids=[data["home_unit_id"], unit.id])
        data.update(target_unit_id=unit.id, scope=scope_between(org, ctx.profile, data["home_unit_id"], unit.id).value)
        ctx.answer()
        ctx.edit_or_reply(t("To: {target}", target=unit.name))
        await _next(ctx, Step.INSTITUTION, data)
    elif action == "inst" and step is Step.TARGET and allowed(ctx.profile, Scope.CROSS_INSTITUTION):
        data.update(scope=Scope.CROSS_INSTITUTION.value, target_unit_id=None)
        await FORM.advance(ctx, Step.INSTITUTION, data)
        ctx.answer()
        await _prompt(ctx, Step.INSTITUTION, data)
    elif action == "team" and step is Step.WORK:
        team = await ctx.uow.teams.get(pressed.target_id or 0)
        if (team is None or not team.accepts_members
                or team.unit_id not in await same_unit_ids(ctx, data["home_unit_id"])):
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        data.update(work=team.name, team_id=team.id)
        ctx.answer()
        ctx.edit_or_reply(t("Work: {work}", work=team.name))
        await _next(ctx, step, data)
    elif action == "who" and step is Step.CANDIDATES:
        if pressed.target_id not in {p.id for p in await _target_staff(ctx, {**data, "q": ""})}:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        chosen = list(data.get("candidate_ids", []))
        chosen = [c for c in chosen if c != pressed.target_id] if pressed.target_id in chosen else [
            *chosen, pressed.target_id]
        data["candidate_ids"] = chosen
        await FORM.advance(ctx, step, data)
        ctx.answer()
        await _prompt(ctx, step, data, edit=True)
    elif action == "done" and step is Step.CANDIDATES:
        ctx.answer()
        await _next(ctx, step, data)
    elif action == "send" and step is Step.CONFIRM:
        await _send(ctx, data)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


async def _send(ctx: Ctx, data: dict) -> None:
    scope = Scope(data["scope"])
    findings = check_request_fields(ctx.profile, scope, data)  # rule 5
    if not findings.ok:
        ctx.answer()
        ctx.reply("\n".join("✗ " + finding_text(ctx.t, f, ctx.profile.citation_title) for f in findings.failures))
        return
    req = Request(scope, data["home_unit_id"], data["work"], data.get("team_id"), data.get("target_unit_id"),
                  data.get("institution"), tuple(data.get("candidate_ids", [])), data.get("purpose", ""),
                  data.get("competence", ""), data.get("expectation", ""), data.get("duration", ""))
    ap = await submit(ctx, req)
    await close(ctx)
    ctx.answer(ctx.t("Sent"))
    ctx.edit_or_reply(await card(ctx, ap) + "\n\n" + ctx.t("Request <b>{number}</b> was sent; you will be told "
                                                          "each step here.", number=ap.number))
