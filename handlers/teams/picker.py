"""The person pickers of a team (ketua, pengendali, penanggung jawab, secretariat, member):
every candidate of the unit's tree, ten a page with ◀ ▶, and a typed name or NIP narrows
the list (a 500-person Dinas is not 500 buttons)."""
from __future__ import annotations

from enum import StrEnum
from typing import Literal

from domain.ids import id_of
from domain.org import Employee, matches_search
from domain.team import MemberRole, Team
from domain.text import shorten
from handlers.core.buttons import CallbackData, button
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.paging import Entry, PageTurn, page_view
from handlers.core.registry import Router
from handlers.core.roles import heads_team_unit
from handlers.teams.buttons import PickKetua, PickMember, PickPengendali, TeamRole
from handlers.teams.cards import role_label

router = Router()

Purpose = Literal["k", "p", "m", "pj", "sk"]  # ketua, pengendali, member, penanggung jawab, secretariat
ROLE_CODES = {"pj": MemberRole.PENANGGUNG_JAWAB, "sk": MemberRole.SEKRETARIAT}
PER_PAGE = 10
QUERY_MAX = 60
CANDIDATES_MAX = 20_000  # a whole Dinas; searched and paged here, never sent at once


class PickerPage(PageTurn, prefix="pg:pick"):
    """Page `page` of a picker; `searched`: of the names matching the query typed last."""

    purpose: Purpose
    team_id: int
    searched: Literal["q"] | None = None


class SearchStep(StrEnum):
    QUERY = "query"


SEARCH = Form("pick_search", SearchStep)


async def team_for_head(ctx: Ctx, team_id: int) -> Team | None:
    team = await ctx.uow.teams.get(team_id)
    if team is None or not team.accepts_members:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return None
    if not await heads_team_unit(ctx, team):
        ctx.answer(ctx.t("Only the head of the team's unit can do that."), alert=True)
        return None
    return team


async def candidates(ctx: Ctx, team: Team, purpose: Purpose) -> list[Employee]:
    """Everyone of the unit's tree who could take the post, by name; not me, not who holds it. For a
    post (ketua, pengendali), also the team's members from other units (a cross-unit application or
    appointment brought them)."""
    members = await ctx.uow.teams.members(id_of(team))
    if purpose == "k":
        exclude = {team.ketua_id}
    elif purpose == "p":
        exclude = {team.pengendali_id}
    elif purpose == "m":
        exclude = {m.employee_id for m in members}
    else:
        exclude = {m.employee_id for m in members if m.role is ROLE_CODES[purpose]}
    unit_ids = await ctx.uow.org.subunit_ids(team.unit_id)
    people = await ctx.uow.org.employees_in_units(unit_ids, limit=CANDIDATES_MAX)
    if purpose in ("k", "p"):  # a post: also the team's members from other units, whom the origin rule weighs
        found = await ctx.uow.org.employees(m.employee_id for m in members)
        people += [e for e in found.values() if e.unit_id not in unit_ids and e.active]
    return sorted((e for e in people if e.id not in exclude and e.id != ctx.me.id), key=lambda e: e.name)


def _pressed_for(team: Team, purpose: Purpose, person_id: int) -> CallbackData:
    if purpose == "k":
        return PickKetua(id_of(team), person_id)
    if purpose == "p":
        return PickPengendali(id_of(team), person_id)
    if purpose == "m":
        return PickMember(id_of(team), person_id)
    return TeamRole(id_of(team), purpose, person_id)


def _question(ctx: Ctx, team: Team, purpose: Purpose) -> str:
    t = ctx.t
    if purpose == "k":
        return t("Who should be ketua of {team}?", team=team.name)
    if purpose == "p":
        return t("Who should be pengendali of {team}?", team=team.name)
    if purpose == "m":
        return t("Who joins {team}? (appointment, penunjukan)", team=team.name)
    return t("Who is {role} of {team}?", role=role_label(t, ROLE_CODES[purpose]), team=team.name)


async def show_picker(ctx: Ctx, team: Team, purpose: Purpose, page: int = 0, query: str | None = None,
                      people: list[Employee] | None = None, edit: bool = False) -> None:
    """The picker as a new message (`edit`: the pressed page, edited in place); typing a name
    or NIP while it is open searches."""
    t = ctx.t
    people = people if people is not None else await candidates(ctx, team, purpose)
    if query:
        people = [e for e in people if matches_search(e, query)]
    await SEARCH.open(ctx, SearchStep.QUERY, {"team_id": id_of(team), "purpose": purpose, "query": query})
    head = _question(ctx, team, purpose)
    if query:
        head += "\n" + t.ngettext("{count} match “{query}”.", "{count} match “{query}”.", len(people), query=query)
    head += "\n" + t("Or type a name or NIP to search.")
    entries = [Entry("", keyboard([button(shorten(f"{e.name} · {e.jabatan_name}", 60),
                                          _pressed_for(team, purpose, e.id))])) for e in people]
    text, kb = page_view(t, head, entries, page,
                         lambda n: PickerPage(n, purpose, id_of(team), "q" if query else None), per_page=PER_PAGE)
    (ctx.edit_or_reply if edit else ctx.reply)(text, kb)


async def end_search(ctx: Ctx) -> None:
    """A person was picked: typed text is no longer a search."""
    if await SEARCH.read(ctx) is not None:
        await close(ctx)


@router.callback(PickerPage)
async def on_page(ctx: Ctx, pressed: PickerPage) -> None:
    team = await team_for_head(ctx, pressed.team_id)
    if team is None:
        return
    ctx.answer()
    query = None
    if pressed.searched:
        state = await SEARCH.read(ctx)
        query = state.data.get("query") if state is not None and state.data.get("team_id") == id_of(team) else None
    await show_picker(ctx, team, pressed.purpose, pressed.page, query, edit=True)


@router.conversation(SEARCH)
async def on_query(ctx: Ctx, conv: FormState[SearchStep]) -> None:
    t, text = ctx.t, " ".join((ctx.update.text or "").split())
    team = await ctx.uow.teams.get(conv.data.get("team_id", 0))
    purpose = conv.data.get("purpose")
    if team is None or purpose not in ("k", "p", "m", "pj", "sk") or not team.accepts_members \
            or not await heads_team_unit(ctx, team):
        await close(ctx)
        ctx.reply(t("I did not understand that. Send /help to see what I can do."))
        return
    if not text:
        ctx.reply(t("Type a name or NIP to search."))
        return
    query = text[:QUERY_MAX]
    people = await candidates(ctx, team, purpose)
    if not any(matches_search(e, query) for e in people):
        ctx.reply(t("Nobody found for “{query}”. Type another name or NIP.", query=query))
        return
    await show_picker(ctx, team, purpose, 0, query, people)
