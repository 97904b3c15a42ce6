"""Rule 29 with its correction (Surakarta Ps 15(3)): "Calon Ketua Tim Kerja ... diusulkan oleh
Pimpinan Unit Organisasi berdasarkan pertimbangan Pejabat Penilai Kinerja". The unit head is
the proposer, so the unit head writes the candidate's Penilai's consideration into the
proposal; the Sekda reads it with the proposal (docs/DECISIONS.md, decision 15)."""
from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError
from domain.org import Employee
from domain.team import Team
from domain.text import REASON_MIN_LENGTH, validate_reason
from handlers.core.citation import cited
from handlers.core.context import Ctx
from handlers.core.forms import Form, FormState, close
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.core.roles import heads_team_unit
from handlers.teams.proposal import propose

router = Router()


class Step(StrEnum):
    TEXT = "text"


FORM = Form("ketua_consideration", Step)


async def ask_consideration(ctx: Ctx, team: Team, candidate: Employee) -> None:
    rater = await ctx.uow.org.employee(candidate.rater_id) if candidate.rater_id is not None else None
    await FORM.open(ctx, Step.TEXT, {"team_id": team.id, "candidate_id": candidate.id})
    ctx.edit_or_reply(ctx.t("The ketua is proposed on the consideration of the candidate's Penilai ({article}). "
                            "Write {rater}'s consideration of {name} (at least {min} characters).",
                            article=cited(ctx, ctx.profile.teams.ketua.source_of("rater_consideration")),
                            rater=rater.name if rater else ctx.t("the Penilai"), name=candidate.name,
                            min=REASON_MIN_LENGTH))


@router.conversation(FORM)
async def on_consideration(ctx: Ctx, conv: FormState[Step]) -> None:
    team = await ctx.uow.teams.get(conv.data.get("team_id", 0))
    candidate = await ctx.uow.org.employee(conv.data.get("candidate_id", 0))
    if team is None or candidate is None or not team.accepts_members or not await heads_team_unit(ctx, team):
        await close(ctx)
        ctx.reply(ctx.t("This form is no longer open."))
        return
    try:
        text = validate_reason(ctx.update.text, "consideration")
    except DomainError as err:
        ctx.reply(explain(ctx.t, err))
        return
    await close(ctx)
    await propose(ctx, team, candidate, "ketua", consideration=text)
