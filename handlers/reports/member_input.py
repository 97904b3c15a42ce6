"""/masukan: the Ketua's input on each member's performance (rule 48). At each period's end
the scheduler prompts every Ketua whose members still lack an input; the Ketua picks a
member, rates them where the profile has the Ketua score (Banten Lamp. B.3 c.7), writes a
note, and the input goes through the outbox to whoever `reporting.member_input_to` names:
the member's Penilai, their unit head, the head whose performance it is. The member is not
told: no text shows the input or the score to them.

Steps: team -> member -> rating (scored profiles only) -> note."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from domain.deciders import official_for, resolve_official
from domain.errors import DomainError
from domain.ids import id_of
from domain.member_input import NOTE_MAX, NOTE_MIN, MemberInput, MemberRating, missing_inputs, new_member_input
from domain.org import Employee
from domain.periods import Period
from domain.profiles import Profile, Role
from domain.reminders import Notice, Obligation, due_for
from domain.team import MemberRole, Team
from domain.text import shorten
from handlers.core.buttons import CallbackData, button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import period as period_text
from handlers.core.forms import Form, FormState, cancel_by_button, close
from handlers.core.i18n import Html, Translator, escape
from handlers.core.registry import Router
from handlers.core.role_names import role_name
from handlers.core.types import Keyboard
from handlers.reports.obligations import MEMBER_ROLES, report_periods
from handlers.schedule.texts import RenderContext, register_keyboard, register_renderer
from storage.uow import UnitOfWork

MEMBER_INPUT = "member_input"

router = Router()


class MemberInputAction(CallbackData, prefix="mi"):
    """/masukan: t (the team: team_id; also the scheduler prompt's button), m (the member:
    their employee id), r (the rating), cancel."""

    action: Literal["t", "m", "r", "cancel"]
    target_id: int | None = None
    rating: MemberRating | None = None


class Step(StrEnum):
    MEMBER = "member"
    RATING = "rating"
    NOTE = "note"


FORM = Form("member_input", Step)


def rating_name(t: Translator, rating: MemberRating) -> str:
    return {
        MemberRating.EXCELLENT: lambda: t("Excellent"),
        MemberRating.GOOD: lambda: t("Good"),
        MemberRating.NEEDS_IMPROVEMENT: lambda: t("Needs improvement"),
        MemberRating.POOR: lambda: t("Poor"),
        MemberRating.VERY_POOR: lambda: t("Very poor"),
    }[rating]()


async def _members(uow: UnitOfWork, team: Team) -> list[int]:
    return _crew(team, [(m.employee_id, m.role) for m in await uow.teams.members(id_of(team))])


def _crew(team: Team, members: list[tuple[int, MemberRole]]) -> list[int]:
    """The members owed an input: anggota and sekretariat, never the ketua."""
    return [employee_id for employee_id, role in members if role in MEMBER_ROLES and employee_id != team.ketua_id]


async def open_period(uow: UnitOfWork, profile: Profile, team: Team, today: dt.date) -> tuple[Period, list[int]] | None:
    """The oldest period still owing input (the previous one stays open while the current
    runs), with the members still lacking it; None when every member has had theirs."""
    members = await _members(uow, team)
    for period in report_periods(profile, team, today):
        missing = missing_inputs(members, await uow.member_inputs.given(id_of(team), period.key))
        if missing:
            return period, missing
    return None


async def recipients(ctx: Ctx, team: Team, member: Employee) -> list[tuple[Role, Employee]]:
    """Who receives the input, in the profile's order (rule 48): the member's Penilai and
    unit head, or the head of the team's unit where that is whose performance it is."""
    org = await ctx.uow.org.view_for(member, unit_ids=[team.unit_id], on=ctx.today)
    found: list[tuple[Role, Employee]] = []
    for role in ctx.profile.reporting.member_input_to:
        if role is Role.PERFORMANCE_OWNER:
            resolved = official_for(org, role, team.unit_id, exclude=ctx.me.id, profile=ctx.profile)
        else:
            resolved = resolve_official(org, member, role, ctx.profile)
        if resolved is not None and resolved.person.id != ctx.me.id \
                and all(p.id != resolved.person.id for _, p in found):
            found.append((role, resolved.person))
    return found


@router.command("masukan")
async def begin(ctx: Ctx) -> None:
    t = ctx.t
    teams = [team for team in await ctx.uow.teams.led_by(ctx.me.id) if team.ketua_id == ctx.me.id]
    if not teams:
        ctx.reply(t("Only a team's Ketua gives input on its members' performance, and you lead no team."))
        return
    if len(teams) == 1:
        await _choose_member(ctx, teams[0])
        return
    await close(ctx)
    ctx.reply(t("For which team do you give input on the members' performance?"),
              keyboard(*[[button(shorten(team.name, 60), MemberInputAction("t", id_of(team)))] for team in teams[:20]]))


async def _choose_member(ctx: Ctx, team: Team) -> None:
    t = ctx.t
    found = await open_period(ctx.uow, ctx.profile, team, ctx.today)
    if found is None:
        await close(ctx)
        ctx.reply(t("Every member of {team} has had your input for this period. Thank you.", team=team.name))
        return
    period, missing = found
    await FORM.open(ctx, Step.MEMBER, {"team_id": id_of(team), "period": period.key})
    people = await ctx.uow.org.employees(set(missing))
    rows = [[button(shorten(people[m].name, 60), MemberInputAction("m", m))] for m in missing[:30] if m in people]
    rows.append([button(t("Cancel"), MemberInputAction("cancel"))])
    ctx.reply(t("Input on the members' performance for {team}, period {period}, as material for their "
                "performance appraisal ({article}). Whose performance do you assess?", team=team.name,
                period=period_text(t, period.key), article=ctx.profile.reporting.source_of("member_input_to")),
              keyboard(*rows))


@router.callback(MemberInputAction)
async def on_button(ctx: Ctx, pressed: MemberInputAction) -> None:
    t, action = ctx.t, pressed.action
    if action == "t":  # an entry point: /masukan's list or the scheduler's prompt
        team = await ctx.uow.teams.get(pressed.target_id or 0)
        if team is None or team.ketua_id != ctx.me.id:
            ctx.answer(t("Only the team's Ketua gives input on its members."), alert=True)
            return
        ctx.answer()
        await _choose_member(ctx, team)
        return
    if action == "cancel":
        await cancel_by_button(ctx)
        return
    conv = await ctx.open_form(FORM, t("This input form is no longer open. Send /masukan to start again."))
    if conv is None:
        return
    data = dict(conv.data)
    if action == "m" and conv.step is Step.MEMBER:
        team = await ctx.uow.teams.get(data["team_id"])
        owed = missing_inputs(await _members(ctx.uow, team), await ctx.uow.member_inputs.given(
            id_of(team), data["period"])) if team is not None and team.ketua_id == ctx.me.id else []
        if team is None or pressed.target_id not in owed:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        member = await ctx.uow.org.employee(pressed.target_id)
        assert member is not None
        data["member_id"] = member.id
        ctx.answer()
        if ctx.profile.reporting.member_input_scored:
            await FORM.advance(ctx, Step.RATING, data)
            ctx.edit_or_reply(t("How did {name} perform this period? Your rating is a recommendation to the "
                                "Penilai ({article}).", name=member.name,
                                article=ctx.profile.reporting.source_of("member_input_scored")),
                              keyboard(*[[button(rating_name(t, r), MemberInputAction("r", rating=r))]
                                         for r in MemberRating]))
        else:
            await _ask_note(ctx, data, member)
    elif action == "r" and conv.step is Step.RATING and pressed.rating is not None:
        data["rating"] = pressed.rating.value
        ctx.answer()
        member = await ctx.uow.org.employee(data["member_id"])
        assert member is not None
        await _ask_note(ctx, data, member)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


async def _ask_note(ctx: Ctx, data: dict, member: Employee) -> None:
    await FORM.advance(ctx, Step.NOTE, data)
    ctx.reply(ctx.t("Write your input on {name}'s performance: what they delivered and how they worked "
                    "({min}–{max} characters).", name=member.name, min=NOTE_MIN, max=NOTE_MAX),
              force_reply=True, placeholder=ctx.t("Your input"))


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, text, data = ctx.t, (ctx.update.text or "").strip(), dict(conv.data)
    if conv.step is not Step.NOTE:
        ctx.reply(t("Please choose with the buttons above, or send /batal."))
        return
    if not NOTE_MIN <= len(text) <= NOTE_MAX:
        raise DomainError("member_input_note_length", min=NOTE_MIN, max=NOTE_MAX)
    team, member = await ctx.uow.teams.get(data["team_id"]), await ctx.uow.org.employee(data["member_id"])
    if team is None or member is None or team.ketua_id != ctx.me.id:
        await close(ctx)
        ctx.reply(t("This input form is no longer open. Send /masukan to start again."))
        return
    if member.id in await ctx.uow.member_inputs.given(id_of(team), data["period"]):
        await close(ctx)
        ctx.reply(t("You already gave input on {name} for this period. Nothing was changed.", name=member.name))
        return
    found = await recipients(ctx, team, member)
    rating = MemberRating(data["rating"]) if data.get("rating") else None
    item = new_member_input(scored=ctx.profile.reporting.member_input_scored, team_id=id_of(team),
                            ketua_id=ctx.me.id, member_id=member.id, period_key=data["period"], note=text,
                            rating=rating, recipient_ids=[p.id for _, p in found], now=ctx.now)
    ctx.uow.member_inputs.add(item)
    await ctx.uow.flush()
    article = ctx.profile.reporting.source_of("member_input_to")
    for role, person in found:
        def card(tr: Translator, role: Role = role) -> tuple[str, None]:
            return input_card(tr, item, team, ctx.me, member, role, article), None
        await ctx.notify(person.id, f"member_input:{item.id}:e{person.id}", card)
    await close(ctx)
    ctx.reply(t("Your input on {name} went to: {recipients}.", name=member.name,
                recipients=", ".join(f"{p.name} ({role_name(t, r)})" for r, p in found)))
    await _choose_member(ctx, team)  # on to the next member still lacking input


def input_card(t: Translator, item: MemberInput, team: Team, ketua: Employee, member: Employee, role: Role,
               article: str) -> str:
    lines = [t("📋 <b>Ketua's input on a member's performance</b> — to you as {role}", role=role_name(t, role)),
             t("Team: {team}", team=team.name),
             t("Member: {name} (NIP {nip})", name=member.name, nip=member.nip),
             t("Ketua: {name}", name=ketua.name),
             t("Period: {period}", period=period_text(t, item.period_key))]
    if item.rating is not None:
        lines.append(t("Rating (a recommendation): {rating}", rating=rating_name(t, item.rating)))
    lines += ["", escape(item.note), "",
              t("Material for the member's performance appraisal ({article}).", article=article)]
    return Html("\n".join(lines))


@router.provider
async def member_inputs(uow: UnitOfWork, profile: Profile, now: dt.datetime) -> list[Obligation]:
    """One prompt per team and period to its Ketua, due at the period's end, until every
    member has had an input (rule 48)."""
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    teams = [t for t in await uow.teams.active() if t.ketua_id is not None]
    periods = {id_of(t): report_periods(profile, t, today) for t in teams}
    members = await uow.teams.member_roles(periods)
    given = await uow.member_inputs.given_many(periods, {p.key for ps in periods.values() for p in ps})
    found: list[Obligation] = []
    for team in teams:
        team_id = id_of(team)
        crew = _crew(team, members.get(team_id, []))
        if team.ketua_id is None or not crew:
            continue
        for period in periods[team_id]:
            done = {m for m in crew if (team_id, period.key, m) in given}
            found.append(Obligation(MEMBER_INPUT, team_id, team.ketua_id, None, None, period.key,
                                    due=due_for(profile, period), done=not missing_inputs(crew, done),
                                    label=team.name))
    return found


@register_renderer(MEMBER_INPUT)
def _prompt(t: Translator, notice: Notice, rc: RenderContext) -> str:
    lines = [t("📝 <b>Your input on the members' performance</b> (rule 48): as Ketua, tell each member's "
               "Penilai how they performed this period. Send /masukan or press the button.")]
    for ob in notice.items:
        assert ob.due is not None
        lines.append("• " + t("{team}, period {period}: due {due}", team=ob.label, period=period_text(t, ob.period_key),
                              due=rc.day(t, ob.due)))
    return Html("\n".join(lines))


@register_keyboard(MEMBER_INPUT)
def _prompt_buttons(t: Translator, notice: Notice) -> Keyboard:
    teams = {ob.subject_id: ob.label for ob in notice.items}
    return keyboard(*[[button(shorten(t("📝 Give input: {team}", team=label), 60), MemberInputAction("t", team_id))]
                      for team_id, label in teams.items()])
