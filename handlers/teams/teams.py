"""/timbaru forms a team (tim kerja); /tim shows my teams with what I may do there.

Steps of /timbaru: unit (only if I may form teams for several) -> name -> kind -> goal and target ->
period -> confirm (with the reporting period where the regulation says "berkala"). The profile's
maximum term (Surakarta Ps 14(5)(c)) and the Pengawas bar (Ps 14(5)(b)) are enforced;
in Surakarta the Penilai forms teams too (Ps 14(2))."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from domain.application import validate_text
from domain.dates import find_dates
from domain.eligibility import Post, check_term, term_last_day
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.periods import QUARTERLY, period_of
from domain.posts import post_ends_with_term, team_formers
from domain.profiles import Role
from domain.profiles.model import CadenceRule
from domain.rules import monitoring_period_months
from domain.team import GOAL_MAX, NAME_MAX, MemberRole, Membership, Team, TeamKind, TeamStatus
from domain.team_decree import DecreeStatus, TeamDecree
from domain.text import shorten
from handlers.core.buttons import CallbackData, button
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import cited_finding
from handlers.core.formatting import day
from handlers.core.forms import Form, FormState, cancel_by_button, close
from handlers.core.i18n import Html, Translator
from handlers.core.lookups import present
from handlers.core.menus import refresh_menu
from handlers.core.messages import explain
from handlers.core.paging import PageTurn, nav_row
from handlers.core.registry import Router
from handlers.core.roles import headed_units, heads_team_unit, heads_unit_of
from handlers.core.types import Keyboard
from handlers.teams.buttons import (
    AddMember,
    AppointKetua,
    AppointPengendali,
    DecreeLetter,
    Dismiss,
    EndTeam,
    LinkGroup,
    NewTeamAction,
    NewTeamCadence,
    NewTeamKind,
    NewTeamTerm,
    OpenTeam,
    RenewTeam,
    TeamRole,
    Term,
)
from handlers.teams.cards import team_card
from handlers.teams.decree import may_read_as
from handlers.teams.formation import check_new_team, formable_units
from handlers.teams.membership import end_post
from handlers.teams.pk import as_post, pk_keyboard, pk_missing
from storage.records import Decision
from storage.repos.org import OrgSnapshot

router = Router()



class Step(StrEnum):
    UNIT = "unit"
    NAME = "name"
    KIND = "kind"
    GOAL = "goal"
    PERIOD = "period"
    CONFIRM = "confirm"


FORM = Form("team_new", Step)


@router.command("timbaru")
async def begin(ctx: Ctx) -> None:
    units = await formable_units(ctx.uow, ctx.profile, ctx.me.id)
    if not units:
        ctx.reply(ctx.t("Only a unit head (Pimpinan Unit Organisasi) can form a team.") if Role.RATER not in
                  team_formers(ctx.profile) else ctx.t("Only a unit head (Pimpinan Unit Organisasi) or a Penilai "
                                                       "can form a team."))
        return
    if len(units) == 1:
        await FORM.open(ctx, Step.NAME, {"unit_id": units[0].id, "unit": units[0].name})
        ctx.reply(ctx.t("New team for {unit}. What is the team's name? Regulations name teams after "
                        "their sub-activity (sub kegiatan).", unit=units[0].name))
        return
    await FORM.open(ctx, Step.UNIT)
    ctx.reply(ctx.t("For which unit?"),
              keyboard(*[[button(shorten(u.name, 60), NewTeamAction("u", u.id))] for u in units]))


def term_end(start: dt.date, term: Term) -> dt.date:
    """The end of a term chosen by button: this quarter, this year, or twelve months."""
    if term is Term.QUARTER:
        return period_of(QUARTERLY, start).end
    if term is Term.YEAR:
        return dt.date(start.year, 12, 31)
    return term_last_day(start, 12)


def _term_buttons(t: Translator, choice: Callable[[Term], CallbackData]) -> Keyboard:
    return keyboard([button(t("Until the end of this quarter"), choice(Term.QUARTER))],
                    [button(t("Until the end of the year"), choice(Term.YEAR))],
                    [button(t("Twelve months"), choice(Term.TWELVE_MONTHS))])


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, text, data = ctx.t, ctx.update.text, dict(conv.data)
    if text is None:
        ctx.reply(t("I need a text answer here, not a file or sticker."))
        return
    try:
        if conv.step is Step.NAME:
            data["name"] = validate_text(text, 3, NAME_MAX, "name")
            await FORM.advance(ctx, Step.KIND, data)
            ctx.reply(t("Is it a routine team or an incidental one?"),
                      keyboard([button(t("Routine (rutin)"), NewTeamKind(TeamKind.RUTIN)),
                                button(t("Incidental (insidental)"), NewTeamKind(TeamKind.INSIDENTAL))]))
        elif conv.step is Step.GOAL:
            data["goal"] = validate_text(text, 10, GOAL_MAX, "goal")
            await FORM.advance(ctx, Step.PERIOD, data)
            ctx.reply(t("Until when does the team work? Choose, or type the start and end dates "
                        "(e.g. 1-12-2026 to 30-6-2027)."), _term_buttons(t, NewTeamTerm))
        elif conv.step is Step.PERIOD:
            dates = find_dates(text)
            if len(dates) != 2:
                raise DomainError("dates_expected")
            await _with_period(ctx, data, dates[0], dates[1])
        else:
            ctx.reply(t("Please use the buttons above, or /batal to cancel."))
    except DomainError as err:
        ctx.reply(explain(t, err))


async def _with_period(ctx: Ctx, data: dict, start: dt.date, end: dt.date) -> None:
    check_term(ctx.profile, start, end).raise_failure()
    data.update(starts_on=start.isoformat(), ends_on=end.isoformat())
    await FORM.advance(ctx, Step.CONFIRM, data)
    ctx.reply(*_summary(ctx, data))


# The reporting periods a unit head may pick where the regulation says "berkala" (product decision 17).
CADENCE_CHOICES = (1, 3, 6)


def _summary(ctx: Ctx, data: dict) -> tuple[Html, Keyboard]:
    t = ctx.t
    lines = [t("<b>New team</b>"), t("Unit: {unit}", unit=data["unit"]), t("Name: {name}", name=data["name"]),
             t("Kind: {kind}", kind=data["kind"]), t("Goal and target: {goal}", goal=data["goal"]),
             t("Period: {start} – {end}", start=day(t, dt.date.fromisoformat(data["starts_on"])),
               end=day(t, dt.date.fromisoformat(data["ends_on"])))]
    rows = []
    if ctx.profile.reporting.cadence is CadenceRule.PERIODIC:
        chosen = data.get("cadence_months") or ctx.profile.reporting.cadence_months
        lines.append(t.ngettext("Reports: every {count} month — choose another period below if you wish.",
                                "Reports: every {count} months — choose another period below if you wish.", chosen))
        rows.append([button(("✓ " if m == chosen else "")
                            + t.ngettext("Every {count} month", "Every {count} months", m),
                            NewTeamCadence(m)) for m in sorted({*CADENCE_CHOICES, chosen})])
    rows.append([button(t("Form the team"), NewTeamAction("ok")), button(t("Cancel"), NewTeamAction("x"))])
    return Html("\n".join(lines)), keyboard(*rows)


@router.callback(NewTeamAction, NewTeamKind, NewTeamTerm, NewTeamCadence)
async def on_button(ctx: Ctx, pressed: NewTeamAction | NewTeamKind | NewTeamTerm | NewTeamCadence) -> None:
    conv = await ctx.open_form(FORM, ctx.t("This form is no longer open."))
    if conv is None:
        return
    data, t = dict(conv.data), ctx.t
    ctx.answer()
    if isinstance(pressed, NewTeamKind):
        if conv.step is Step.KIND:
            data["kind"] = pressed.kind.value
            await FORM.advance(ctx, Step.GOAL, data)
            ctx.edit_or_reply(t("Kind: {kind}", kind=data["kind"]))
            ctx.reply(t("What is the team's goal and performance target? (10–1000 characters)"))
    elif isinstance(pressed, NewTeamTerm):
        if conv.step is Step.PERIOD:
            start = ctx.today
            try:
                await _with_period(ctx, data, start, term_end(start, pressed.term))
            except DomainError as err:
                ctx.reply(explain(t, err))
    elif isinstance(pressed, NewTeamCadence):
        if conv.step is Step.CONFIRM:
            try:  # refused where the regulation fixes the period (Surakarta Lamp. V.a 4)
                months = monitoring_period_months(ctx.profile, pressed.months)
            except DomainError as err:
                ctx.reply(explain(t, err))
                return
            data["cadence_months"] = months
            await FORM.advance(ctx, Step.CONFIRM, data)
            ctx.edit_or_reply(*_summary(ctx, data))
    elif pressed.action == "u" and conv.step is Step.UNIT:
        unit = next((u for u in await formable_units(ctx.uow, ctx.profile, ctx.me.id)
                     if u.id == pressed.unit_id), None)
        if unit is None:
            ctx.answer(t("This button is not valid any more."), alert=True)
            return
        await FORM.advance(ctx, Step.NAME, {"unit_id": unit.id, "unit": unit.name})
        ctx.edit_or_reply(t("New team for {unit}. What is the team's name? Regulations name teams after "
                            "their sub-activity (sub kegiatan).", unit=unit.name))
    elif pressed.action == "ok" and conv.step is Step.CONFIRM:
        await _create(ctx, data)
    elif pressed.action == "x":
        await cancel_by_button(ctx)


def _own_cadence(ctx: Ctx, data: dict) -> int | None:
    """None follows the profile (and a later deployment setting); only a different choice is the team's own."""
    months = data.get("cadence_months")
    return months if months and months != ctx.profile.reporting.cadence_months else None


async def _create(ctx: Ctx, data: dict) -> None:
    unit = present(await ctx.uow.org.unit(data["unit_id"]), "the new team's unit")
    allowed = await check_new_team(ctx.uow, ctx.profile, unit)
    if not allowed.ok:
        await close(ctx)
        ctx.edit_or_reply(Html("\n".join([ctx.t("No team can be formed here:")]
                                         + ["✗ " + cited_finding(ctx, f) for f in allowed.failures])))
        return
    team = Team(None, data["unit_id"], data["name"], TeamKind(data["kind"]), goal=data["goal"],
                starts_on=dt.date.fromisoformat(data["starts_on"]), ends_on=dt.date.fromisoformat(data["ends_on"]),
                created_by_id=ctx.me.id, cadence_months=_own_cadence(ctx, data))
    ctx.uow.teams.add(team)
    await ctx.uow.flush()
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "formed", ctx.now,
                                   details={"name": team.name, "unit_id": team.unit_id}))
    await close(ctx)
    if unit.head_id == ctx.me.id or await heads_team_unit(ctx, team):
        ctx.edit_or_reply(ctx.t("Team <b>{name}</b> is formed. Next: appoint its ketua.", name=team.name),
                          keyboard([button(ctx.t("Appoint the ketua"), AppointKetua(id_of(team)))]))
        return
    # Formed by the Penilai (Ps 14(2)): the unit head proposes the ketua (Ps 15(3)).
    ctx.edit_or_reply(ctx.t("Team <b>{name}</b> is formed. The head of {unit} has been asked to appoint its ketua.",
                            name=team.name, unit=unit.name))
    if unit.head_id is not None:
        await ctx.notify(unit.head_id, f"team:{team.id}:formed", lambda tr: (
            tr("{former} formed team <b>{name}</b> in {unit}. Please appoint its ketua.", former=ctx.me.name,
               name=team.name, unit=unit.name),
            keyboard([button(tr("Appoint the ketua"), AppointKetua(id_of(team)))])))


@router.command("tim")
async def my_teams(ctx: Ctx) -> None:
    if not await _team_page(ctx, 0):
        ctx.reply(ctx.t("You are not in any team yet. Send /ajukan to apply to one."))


class TeamPage(PageTurn, prefix="pg:tim"):
    pass


@router.callback(TeamPage)
async def on_team_page(ctx: Ctx, pressed: TeamPage) -> None:
    ctx.answer()
    await _team_page(ctx, pressed.page)


async def _team_page(ctx: Ctx, page: int) -> bool:
    """One message however many teams (a Kepala Dinas may see the whole Dinas): one team's
    card with its buttons per page, ◀ ▶ to the others. The teams are the ones I lead or belong
    to and those of the units I head, the newest first; only the shown one is loaded (paged in
    SQL). False when there are none."""
    units, index = [u.id for u in await headed_units(ctx)], max(page, 0)
    team, count = await ctx.uow.teams.nth_mine_or_below(ctx.me.id, units, index)
    if team is None or count is None:  # past the last (a team ended since the button was sent): the last
        count = await ctx.uow.teams.count_mine_or_below(ctx.me.id, units)
        if not count:
            return False
        index = count - 1
        team, _ = await ctx.uow.teams.nth_mine_or_below(ctx.me.id, units, index)
        if team is None:
            return False
    text, rows = _view(ctx, team, await _load_cards(ctx, [team]))
    if count > 1:
        text = Html(text + "\n\n" + ctx.t("Team {number} of {count}", number=index + 1, count=count))
        rows = (*rows, nav_row(ctx.t, index, count, TeamPage))
    ctx.edit_or_reply(text, rows)
    return True


async def show_team(ctx: Ctx, team: Team, edit: bool = True) -> None:
    text, rows = _view(ctx, team, await _load_cards(ctx, [team]))
    (ctx.edit_or_reply if edit else ctx.reply)(text, rows)


@dataclass
class _Cards:
    """What the team cards read, each kind in one batched load however many teams are shown."""

    members: dict[int, list[Membership]]
    people: dict[int, Employee]
    org: OrgSnapshot
    tambahan: set[int]
    decrees: dict[int, TeamDecree]


async def _load_cards(ctx: Ctx, teams: list[Team]) -> _Cards:
    team_ids = [id_of(team) for team in teams]
    members = await ctx.uow.teams.members_of(team_ids)
    every = [m for found in members.values() for m in found]
    return _Cards(members, await ctx.uow.org.employees(m.employee_id for m in every),
                  await ctx.uow.org.snapshot({team.unit_id for team in teams}),
                  await ctx.uow.assignments.tugas_tambahan(m.assignment_id for m in every),
                  await ctx.uow.decrees.latest_of(team_ids))


def _view(ctx: Ctx, team: Team, loaded: _Cards) -> tuple[str, Keyboard]:
    """The team's card and the buttons of what I may do with it."""
    team_id = id_of(team)
    members = loaded.members.get(team_id, [])
    mine = next((m for m in members if m.employee_id == ctx.me.id), None)
    text = team_card(ctx.t, team, loaded.org.unit(team.unit_id), members, loaded.people, loaded.tambahan)
    rows = []
    t = ctx.t
    if team.status is not TeamStatus.ENDED and heads_unit_of(loaded.org, ctx.profile, ctx.me.id, team.unit_id):
        rows.append([button(t("Appoint the ketua") if team.ketua_id is None else t("Change the ketua"),
                            AppointKetua(team_id)),
                     button(t("Add a member"), AddMember(team_id))])
        extra = []
        if ctx.profile.teams.has_pengendali:
            extra.append(button(t("Appoint the pengendali"), AppointPengendali(team_id)))
        if ctx.profile.teams.penanggung_jawab:
            extra.append(button(t("Penanggung jawab"), TeamRole(team_id, "pj")))
        if ctx.profile.teams.sekretariat:
            extra.append(button(t("Secretariat"), TeamRole(team_id, "sk")))
        if extra:
            rows.append(extra)
        rows.append([button(t("Renew"), RenewTeam(team_id)), button(t("End the team"), EndTeam(team_id))])
    if team.status is not TeamStatus.ENDED and team.ketua_id == ctx.me.id:
        rows.append([button(t("Link the team's group chat"), LinkGroup(team_id))])
    decree = loaded.decrees.get(team_id)
    if decree is not None and decree.status is DecreeStatus.ISSUED and may_read_as(decree, ctx.me.id, mine):
        rows.append([button(t("Decree (Keputusan)"), DecreeLetter(id_of(decree)))])
    if team.status is not TeamStatus.ENDED and pk_missing(ctx.profile, as_post(mine)):
        rows.extend(list(row) for row in pk_keyboard(t, team))
    return text, keyboard(*rows)


@router.callback(OpenTeam)
async def on_open(ctx: Ctx, pressed: OpenTeam) -> None:
    """From a notice: the team's card with what I may do there."""
    team = await ctx.uow.teams.get(pressed.team_id)
    mine = team is not None and (await ctx.uow.teams.membership(id_of(team), ctx.me.id) is not None
                                 or await heads_team_unit(ctx, team))
    if team is None or not mine:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    await show_team(ctx, team, edit=False)


@router.callback(EndTeam)
async def on_end(ctx: Ctx, pressed: EndTeam) -> None:
    team = await ctx.uow.teams.get(pressed.team_id)
    if team is None or not await heads_team_unit(ctx, team):
        ctx.answer(ctx.t("Only the head of the team's unit can do that."), alert=True)
        return
    if team.status is TeamStatus.ENDED:
        ctx.answer(ctx.t("This can no longer be done: it has already been processed."), alert=True)
        return
    if pressed.confirm != "yes":
        ctx.answer()
        ctx.reply(ctx.t("End team {name}? Its history is kept.", name=team.name),
                  keyboard([button(ctx.t("Yes, end it"), EndTeam(id_of(team), "yes")),
                            button(ctx.t("Cancel"), Dismiss())]))
        return
    team.end()
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "ended", ctx.now))
    await refresh_menu(ctx, team.ketua_id)
    for m in await ctx.uow.teams.members(id_of(team)):
        await ctx.notify(m.employee_id, f"team:{team.id}:ended:{m.employee_id}",
                         lambda tr: (tr("Team {name} has ended. Thank you for your work.", name=team.name), None))
    ctx.answer()
    ctx.edit_or_reply(ctx.t("Team {name} has ended. Its history is kept.", name=team.name))


@router.callback(Dismiss)
async def on_dismiss(ctx: Ctx, pressed: Dismiss) -> None:
    ctx.answer()
    ctx.edit_or_reply(ctx.t("Cancelled. Nothing was sent."))


@router.callback(RenewTeam)
async def on_renew(ctx: Ctx, pressed: RenewTeam) -> None:
    """Renew a team for a new term from today (history kept); without a term, ask for it."""
    team = await ctx.uow.teams.get(pressed.team_id)
    if team is None or not await heads_team_unit(ctx, team) or team.status is TeamStatus.ENDED:
        ctx.answer(ctx.t("Only the head of the team's unit can do that."), alert=True)
        return
    t, start = ctx.t, ctx.today
    ctx.answer()
    if pressed.term is None:
        ctx.reply(t("Renew {name} from today until when?", name=team.name),
                  _term_buttons(t, lambda term: RenewTeam(id_of(team), term)))
        return
    end = term_end(start, pressed.term)
    try:
        check_term(ctx.profile, start, end).raise_failure()
    except DomainError as err:
        ctx.reply(explain(t, err))
        return
    previous = (team.starts_on, team.ends_on)
    team.starts_on, team.ends_on = start, end
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "renewed", ctx.now,
                                   details={"previous": [d.isoformat() if d else None for d in previous],
                                            "until": team.ends_on.isoformat()}))
    ended = await _end_posts_with_term(ctx, team)
    if not ended:
        ctx.edit_or_reply(t("{name} renewed until {end}.", name=team.name, end=day(t, team.ends_on)))
        return
    term_article = cited(ctx, ctx.profile.teams.ketua.source_of("term_months"))
    ctx.edit_or_reply(t("{name} renewed until {end}. The terms of its ketua and pengendali ended with the old "
                        "term ({article}): propose them to the Sekda again.", name=team.name,
                        end=day(t, team.ends_on), article=term_article),
                      keyboard([button(t("Appoint the ketua"), AppointKetua(id_of(team)))]))


def _post_ended_notice(team: str, post: str) -> Callable[[Translator], tuple[str, None]]:
    return lambda tr: (tr("Team {name} was renewed; your term as {post} ended with the old term. A new appointment "
                          "goes through the Sekda again.", name=team, post=post), None)


async def _end_posts_with_term(ctx: Ctx, team: Team) -> list[int]:
    """Rule 30 (Surakarta Ps 1(26), 14(5)(c), 24(3)(d)): the Ketua and Pengendali are appointed for at
    most a year by the Sekda, so renewing the team does not renew them; each is told."""
    ended = []
    for post, role in ((Post.KETUA, MemberRole.KETUA), (Post.PENGENDALI, MemberRole.PENGENDALI)):
        if not post_ends_with_term(ctx.profile, post):
            continue
        holder = await end_post(ctx.uow, team, role, ctx.me.id, ctx.now)
        if holder is None:
            continue
        ended.append(holder)
        await refresh_menu(ctx, holder)
        key = f"team:{team.id}:{post.value}_ended:{holder}:{ctx.now.isoformat()}"
        await ctx.notify(holder, key, _post_ended_notice(team.name, post.value))
    return ended
