"""Proposing a ketua or pengendali to the official who sets the post (Surakarta: the Sekda,
Ps 15(3)-(4), 24(4)-(5)), with the Penilai's consideration where the profile asks for it."""
from __future__ import annotations

from collections.abc import Callable

from domain.candidacy import Candidacy
from domain.ids import id_of
from domain.org import Employee
from domain.profiles import Role, Scope
from domain.team import Team
from handlers.core.acting import acting_note
from handlers.core.buttons import button
from handlers.core.cards import decided_line, settle_card
from handlers.core.citation import cited
from handlers.core.context import Ctx, keyboard
from handlers.core.i18n import Html, Translator
from handlers.core.lookups import present
from handlers.core.roles import require_official
from handlers.teams.buttons import CandidacyDecision
from storage.records import Decision


def appointers(ctx: Ctx, post: str) -> tuple[Role, ...]:
    if post == "pengendali":
        return ctx.profile.pengendali.appointer if ctx.profile.pengendali else ()
    return ctx.profile.teams.ketua.appointer.for_scope(Scope.WITHIN_UNIT) or (Role.UNIT_HEAD,)


def appointer_source(ctx: Ctx, post: str) -> str:
    if post == "pengendali":  # offered only where the profile has the post
        return present(ctx.profile.pengendali, "the profile's pengendali rules").source_of("appointer")
    return ctx.profile.teams.ketua.source_of("appointer")


async def propose(ctx: Ctx, team: Team, candidate: Employee, post: str, consideration: str | None = None) -> None:
    """Record the candidacy and ask the official who sets the post to decide."""
    t = ctx.t
    role, resolved = await require_official(ctx, appointers(ctx, post), team.unit_id)
    official = resolved.person
    absent = await ctx.uow.org.employee(resolved.acting_for_id) if resolved.acting_for_id else None
    candidacy = Candidacy(id_of(team), candidate.id, ctx.me.id, official.id, ctx.now, post=post,
                          consideration=consideration)
    ctx.uow.teams.add(candidacy)
    await ctx.uow.flush()
    article = appointer_source(ctx, post)
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, f"{post}_proposed", ctx.now,
                                   details={"candidate_id": candidate.id, "decider_id": official.id,
                                            "role": role.value, "source": article,
                                            "acting_for_id": resolved.acting_for_id}))
    await ctx.notify(official.id, f"candidacy:{candidacy.id}:decide", lambda tr: (
        acting_note(tr, absent) + proposal_text(tr, candidacy, team, ctx.me, candidate),
        keyboard([button(tr("✅ Appoint"), CandidacyDecision("ok", id_of(candidacy))),
                  button(tr("❌ Reject"), CandidacyDecision("no", id_of(candidacy)))])), card=card_key(candidacy))
    ctx.edit_or_reply(t("{name} has been proposed as {post} of {team}; {official} decides ({article}).",
                        name=candidate.name, post=post, team=team.name, official=official.name,
                        article=cited(ctx, article)))


def card_key(candidacy: Candidacy) -> str:
    return f"candidacy:{id_of(candidacy)}"


def proposal_text(tr: Translator, candidacy: Candidacy, team: Team, proposer: Employee, candidate: Employee) -> str:
    return Html(tr("Proposal for {post} of team {team} (from {unit_head}): {name}, {jabatan}. Please decide.",
                   post=candidacy.post, team=team.name, unit_head=proposer.name, name=candidate.name,
                   jabatan=candidate.jabatan_name)
                + ("\n" + tr("The Penilai's consideration: {text}", text=candidacy.consideration)
                   if candidacy.consideration else ""))


async def settle_proposal(ctx: Ctx, candidacy: Candidacy, team: Team, outcome: Callable[[Translator], str]) -> None:
    """Every copy of the proposal card shows the outcome, without its buttons."""
    people = await ctx.uow.org.employees([candidacy.proposed_by_id, candidacy.candidate_id])
    proposer = present(people.get(candidacy.proposed_by_id), "the proposer")
    candidate = present(people.get(candidacy.candidate_id), "the candidate")
    await settle_card(ctx, card_key(candidacy), lambda tr: Html(
        proposal_text(tr, candidacy, team, proposer, candidate) + "\n\n" + outcome(tr) + "\n"
        + decided_line(tr, ctx.me.name, ctx.now, ctx.profile.timezone)))
