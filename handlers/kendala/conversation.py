"""/kendala: a team raises a problem with alternative recommendations (rule 39; §2.9.4) to
the official the profile names (within the unit: the unit head; Surakarta: the unit head
or the Penilai), who decides in writing. The ketua and the members are told privately; the
team's group only learns that it was decided, by whom — names and statuses, nothing else.

Across units (a team holding members from other units, §2.9.4): the owning unit's official the
profile names decides, and where solving it needs the leaders to work together the team also
sends it to each such member's home unit head, for follow-up within their remit (Dharmasraya
Lamp. 3.B.4), 3.C.5); Badung Lamp. I §3 b.4), c.5); Banten Lamp. B.3 b.4, c.5; Surakarta Lamp. V.b 4,
V.c 5) — where the profile says so (`kendala_escalate_home_heads`).

Steps: team -> description -> alternatives (one per message, [Done]) -> confirm."""
from __future__ import annotations

from enum import StrEnum

from domain.deciders import agency_of, official_for
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.profiles import Role, Scope
from domain.report import NOTE_MAX, NOTE_MIN, TEXT_MIN, Kendala, KendalaStatus
from domain.rules import check_kendala, kendala_deciders
from domain.team import Team
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.cards import decided_line, settle_card
from handlers.core.citation import citation, cited
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, cancel_by_button, close
from handlers.core.i18n import Html, translator
from handlers.core.lookups import present
from handlers.core.registry import Router
from handlers.core.role_names import role_name
from handlers.kendala.buttons import DecideKendala, KendalaAction
from handlers.reports.cards import kendala_card
from storage.records import Decision

router = Router()

DESC_MAX, ALT_MAX, ALTS_MAX = 1200, 300, 5


class Step(StrEnum):
    TEAM = "team"
    DESC = "desc"
    ALTS = "alts"
    CONFIRM = "confirm"


class DecideStep(StrEnum):
    TEXT = "text"


FORM, DECIDE = Form("kendala", Step), Form("kendala_decision", DecideStep)


@router.command("kendala")
async def begin(ctx: Ctx) -> None:
    t = ctx.t
    teams = [team for team, _ in await ctx.uow.teams.teams_of(ctx.me.id)]
    if not teams:
        ctx.reply(t("A kendala is raised by a team, and you are in no team. Send /tim to see teams."))
        return
    await FORM.open(ctx, Step.TEAM)
    ctx.reply(t("For which team do you raise a kendala (a problem that needs a decision)?"),
              keyboard(*[[button(shorten(team.name, 60), KendalaAction("t", team.id))] for team in teams[:20]]))


async def _outsiders(ctx: Ctx, team: Team) -> list[Employee]:
    """The team's members whose own unit lies outside the unit that owns the team."""
    inside = set(await ctx.uow.org.subunit_ids(team.unit_id))
    members = await ctx.uow.teams.members(id_of(team))
    people = await ctx.uow.org.employees(m.employee_id for m in members)
    return [p for p in people.values() if p.unit_id not in inside]


async def scope_of(ctx: Ctx, team: Team) -> Scope:
    """Within the unit, across units, or across Perangkat Daerah (members from another PD)."""
    outsiders = await _outsiders(ctx, team)
    if not outsiders:
        return Scope.WITHIN_UNIT
    org = await ctx.uow.org.view_for(ctx.me, unit_ids=[team.unit_id, *(p.unit_id for p in outsiders)])
    home = agency_of(org, team.unit_id)
    return Scope.CROSS_AGENCY if any(agency_of(org, p.unit_id) != home for p in outsiders) else Scope.CROSS_UNIT


def _decider_roles(ctx: Ctx, scope: Scope) -> tuple[Role, ...]:
    """The profile's officials for the scope; where it names none (HSU covers only the unit,
    Lamp. II A.2.2.c), the owning unit's, so no kendala hangs (product decision 5)."""
    return kendala_deciders(ctx.profile, scope) or kendala_deciders(ctx.profile, Scope.WITHIN_UNIT)


async def home_heads(ctx: Ctx, team: Team, skip: set[int]) -> list[Employee]:
    """The home unit heads of members from other units, where the profile escalates to them."""
    if not ctx.profile.reporting.kendala_escalate_home_heads:
        return []
    found: dict[int, Employee] = {}
    for member in await _outsiders(ctx, team):
        org = await ctx.uow.org.view_for(member, on=ctx.today)
        head = official_for(org, Role.UNIT_HEAD, member.unit_id, exclude=ctx.me.id, profile=ctx.profile)
        if head is not None and head.person.id not in skip:
            found.setdefault(head.person.id, head.person)
    return list(found.values())


async def deciders(ctx: Ctx, team: Team) -> list[tuple[Role, Employee]]:
    """Who may decide, in the profile's order (§2.9.4): within the unit the head of the team's
    owning unit, or the ketua's Penilai; across units the owning unit head (Badung, across PD:
    its Pimpinan PD) — or whoever stands in for them (Plt/Plh). Nobody decides a kendala they raise."""
    basis = present(await ctx.uow.org.employee(team.ketua_id or ctx.me.id), "the team's ketua")
    org = await ctx.uow.org.view_for(basis, unit_ids=[team.unit_id], on=ctx.today)
    found: list[tuple[Role, Employee]] = []
    for role in _decider_roles(ctx, await scope_of(ctx, team)):
        resolved = official_for(org, role, team.unit_id, exclude=ctx.me.id, subject=basis, profile=ctx.profile)
        if resolved is not None and all(p.id != resolved.person.id for _, p in found):
            found.append((role, resolved.person))
    return found


@router.callback(KendalaAction)
async def on_button(ctx: Ctx, pressed: KendalaAction) -> None:
    t, action = ctx.t, pressed.action
    conv = await ctx.open_form(FORM, t("This kendala form is no longer open. Send /kendala to start again."))
    if conv is None:
        return
    data = dict(conv.data)
    if action == "t" and conv.step is Step.TEAM:
        team = await ctx.uow.teams.get(pressed.target_id or 0)
        if team is None or await ctx.uow.teams.membership(id_of(team), ctx.me.id) is None:
            ctx.answer(t("Only the team's members can raise its kendala."), alert=True)
            return
        await FORM.advance(ctx, Step.DESC, {"team_id": team.id, "alternatives": [],
                                            "scope": (await scope_of(ctx, team)).value})
        ctx.answer()
        ctx.edit_or_reply(t("Kendala of {team}.", team=team.name))
        ctx.reply(t("Describe the problem ({min}–{max} characters).", min=TEXT_MIN, max=DESC_MAX),
                  force_reply=True, placeholder=t("The problem"))
    elif action == "done" and conv.step is Step.ALTS:
        if not check_kendala(ctx.profile, data.get("scope", Scope.WITHIN_UNIT), data.get("description"),
                             data["alternatives"]).ok:
            ctx.answer(t("Give at least one alternative recommendation (rule 39)."), alert=True)
            return
        await _confirm(ctx, data)
    elif action in ("send", "sendx") and conv.step is Step.CONFIRM:
        await _send(ctx, data, pressed.target_id, escalate=action == "sendx")
    elif action == "cancel":
        await cancel_by_button(ctx)
    else:
        ctx.answer(t("This button is not valid any more."), alert=True)


@router.conversation(FORM)
async def on_input(ctx: Ctx, conv: FormState[Step]) -> None:
    t, text, data = ctx.t, (ctx.update.text or "").strip(), dict(conv.data)
    if conv.step is Step.DESC:
        if not (TEXT_MIN <= len(text) <= DESC_MAX):
            ctx.reply(t("Please describe the problem in {min}–{max} characters.", min=TEXT_MIN, max=DESC_MAX),
                      force_reply=True)
            return
        data["description"] = text
        await FORM.advance(ctx, Step.ALTS, data)
        ctx.reply(t("Now the alternative recommendations (rule 39): send each one as its own message "
                    "(at most {count}, {max} characters each), then press “Done”.", count=ALTS_MAX, max=ALT_MAX))
    elif conv.step is Step.ALTS:
        if not (3 <= len(text) <= ALT_MAX) or len(data["alternatives"]) >= ALTS_MAX:
            ctx.reply(t("Each alternative is one message of 3–{max} characters, at most {count} in all.",
                        max=ALT_MAX, count=ALTS_MAX), keyboard([button(t("✅ Done"), KendalaAction("done"))]))
            return
        data["alternatives"] = [*data["alternatives"], text]  # a new list, so the JSON change is saved
        await FORM.advance(ctx, Step.ALTS, data)
        ctx.reply(t("Alternative {n} noted. Send another, or press “Done”.", n=len(data["alternatives"])),
                  keyboard([button(t("✅ Done"), KendalaAction("done"))]))
    else:
        ctx.reply(t("Please choose with the buttons above, or send /batal."))


async def _form_team(ctx: Ctx, data: dict) -> Team | None:
    """The team the form was opened for, unless it is gone since (then the button is stale)."""
    team = await ctx.uow.teams.get(data["team_id"])
    if team is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
    return team


async def _confirm(ctx: Ctx, data: dict) -> None:
    t = ctx.t
    team = await _form_team(ctx, data)
    if team is None:
        return
    ctx.answer()
    found = await deciders(ctx, team)
    if not found:
        raise DomainError("no_decider")
    await FORM.advance(ctx, Step.CONFIRM, data)
    draft = Kendala(None, id_of(team), ctx.me.id, data["description"], data["alternatives"], found[0][1].id)
    people = {ctx.me.id: ctx.me, **{p.id: p for _, p in found}}
    rows = [[button(shorten(t("📨 Send to {name}", name=Html(p.name)), 40) + f" ({role_name(t, role)})",
                    KendalaAction("send", p.id))] for role, p in found]
    heads = await home_heads(ctx, team, {p.id for _, p in found})
    text = t("Send it to the official who decides ({article})?",
             article=cited(ctx, ctx.profile.reporting.source_of("kendala_deciders")))
    if heads:
        first = found[0][1]
        rows.append([button(shorten(t("📨 {name} and the home unit heads", name=Html(first.name)), 60),
                            KendalaAction("sendx", first.id))])
        text += "\n" + t("If solving it needs the leaders to work together, send it also to the home unit heads of "
                         "the members from other units ({names}; {article}).",
                         names=", ".join(p.name for p in heads),
                         article=cited(ctx, ctx.profile.reporting.source_of("kendala_escalate_home_heads")))
    rows.append([button(t("Cancel"), KendalaAction("cancel"))])
    ctx.reply(kendala_card(t, draft, team, people) + "\n\n" + text, keyboard(*rows))


async def _send(ctx: Ctx, data: dict, decider_id: int | None, escalate: bool = False) -> None:
    t, me = ctx.t, ctx.me
    team = await _form_team(ctx, data)
    if team is None:
        return
    found = {p.id: (role, p) for role, p in await deciders(ctx, team)}
    if decider_id not in found or await ctx.uow.teams.membership(id_of(team), me.id) is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    role, decider = found[decider_id]
    k = Kendala(None, id_of(team), me.id, data["description"], data["alternatives"], decider.id, created_at=ctx.now)
    ctx.uow.reports.add(k)
    await ctx.uow.flush()
    ctx.uow.decisions.add(Decision("kendala", id_of(k), me.id, "raised", ctx.now,
                                   details={"decider_id": decider.id, "role": role.value,
                                            "source": ctx.profile.reporting.source_of("kendala_deciders")}))
    await close(ctx)
    people = {me.id: me, decider.id: decider}
    await ctx.notify(decider.id, f"kendala:{k.id}:decide", lambda tr: (
        tr("A team asks for your decision on a kendala:") + "\n\n" + kendala_card(tr, k, team, people),
        keyboard([button(tr("⚖️ Decide"), DecideKendala(id_of(k)))])), card=f"kendala:{k.id}")
    if escalate:
        await _escalate(ctx, k, team, people)
    if team.ketua_id is not None and team.ketua_id != me.id:
        await ctx.notify(team.ketua_id, f"kendala:{k.id}:lead", lambda tr: (
            tr("{name} raised a kendala for your team; it went to {decider}.", name=me.name, decider=decider.name)
            + "\n\n" + kendala_card(tr, k, team, people), None))
    ctx.answer(t("Sent"))
    ctx.edit_or_reply(t("Kendala sent to {name}. The team will be told the decision.", name=decider.name))


async def _escalate(ctx: Ctx, k: Kendala, team: Team, people: dict[int, Employee]) -> None:
    """§2.9.4: to each member's home unit head, for follow-up within their remit; audited."""
    heads = await home_heads(ctx, team, {k.decider_id})
    article = ctx.profile.reporting.source_of("kendala_escalate_home_heads")
    ctx.uow.decisions.add(Decision("kendala", id_of(k), ctx.me.id, "escalated_home_heads", ctx.now,
                                   details={"home_heads": [p.id for p in heads], "source": article}))
    for head in heads:
        await ctx.notify(head.id, f"kendala:{k.id}:home:{head.id}", lambda tr: (
            tr("A team with a member of your unit asks the leaders to work together on a kendala; please follow it "
               "up within your remit ({article}). {decider} decides it for the owning unit.",
               article=citation(tr, article, ctx.profile.citation_title), decider=people[k.decider_id].name)
            + "\n\n" + kendala_card(tr, k, team, people), None))


@router.callback(DecideKendala)
async def on_decide(ctx: Ctx, pressed: DecideKendala) -> None:
    t = ctx.t
    k = await ctx.uow.reports.kendala(pressed.kendala_id)
    if k is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    if k.decider_id != ctx.me.id:
        ctx.answer(t("Only the official this kendala was sent to can decide it."), alert=True)
        return
    if k.status is not KendalaStatus.OPEN:
        ctx.answer(t("Already decided. Nothing was changed."), alert=True)
        return
    if not await DECIDE.open_once(ctx, DecideStep.TEXT, {"kendala_id": k.id}):
        return
    ctx.reply(t("Write your decision and/or follow-up ({min}–{max} characters). The team will read it.",
                min=NOTE_MIN, max=NOTE_MAX), force_reply=True, placeholder=t("Decision"))


@router.conversation(DECIDE)
async def on_decision(ctx: Ctx, conv: FormState[DecideStep]) -> None:
    t, me = ctx.t, ctx.me
    k = await ctx.uow.reports.kendala(conv.data.get("kendala_id", 0))
    if k is None or k.status is not KendalaStatus.OPEN or k.decider_id != me.id:
        await close(ctx)
        ctx.reply(t("That kendala is no longer waiting for your decision. Nothing was changed."))
        return
    try:
        k.decide(me.id, ctx.update.text or "", ctx.now)
    except DomainError as err:
        if err.code not in ("text_too_short", "text_too_long"):
            raise
        ctx.reply(t("Please write the decision in {min}–{max} characters.", min=NOTE_MIN, max=NOTE_MAX),
                  force_reply=True)
        return
    ctx.uow.decisions.add(Decision("kendala", id_of(k), me.id, "decided", ctx.now, reason=k.decision))
    await close(ctx)
    await _tell_team(ctx, k)
    team = present(await ctx.uow.teams.get(k.team_id), "the kendala's team")
    people = await ctx.uow.org.employees({k.raised_by_id, me.id})
    await settle_card(ctx, f"kendala:{k.id}", lambda tr: Html(
        kendala_card(tr, k, team, people) + "\n" + decided_line(tr, me.name, ctx.now, ctx.profile.timezone)))
    ctx.reply(t("Decision recorded. The team has been told."))


async def _tell_team(ctx: Ctx, k: Kendala) -> None:
    """Privately to the ketua, whoever raised it, every member and the home unit heads it was
    escalated to; the group gets names and the status only (never a NIP, never the decision's text)."""
    me, team = ctx.me, present(await ctx.uow.teams.get(k.team_id), "the kendala's team")
    members = await ctx.uow.teams.members(id_of(team))
    ids = {k.raised_by_id, *(m.employee_id for m in members)} | ({team.ketua_id} if team.ketua_id else set())
    # the home unit heads it was escalated to follow it up, so they learn the decision too (§2.9.4)
    ids |= {head for d in await ctx.uow.decisions.for_subject("kendala", id_of(k))
            if d.action == "escalated_home_heads" for head in d.details.get("home_heads", [])}
    people = await ctx.uow.org.employees(ids | {me.id})
    for person_id in sorted(ids - {me.id}):
        await ctx.notify(person_id, f"kendala:{k.id}:decided:{person_id}", lambda tr: (
            tr("{name} decided the kendala of {team}:", name=me.name, team=team.name) + "\n\n"
            + kendala_card(tr, k, team, people), None))
    if team.group_chat_id is not None:
        tr = translator(ctx.app.config.default_language)
        text = tr("📌 The kendala of {team} raised by {raiser} has been decided by {decider}. The ketua and the "
                  "members have received the decision privately.", team=team.name,
                  raiser=people[k.raised_by_id].name, decider=me.name)
        if await ctx.uow.outbox.enqueue(f"kendala:{k.id}:group", team.group_chat_id,
                                        {"text": text, "keyboard": None, "thread_id": team.group_thread_id},
                                        ctx.now):
            ctx.queued_notices += 1
