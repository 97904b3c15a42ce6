"""The Perjanjian Kinerja of a ketua or pengendali (rule 32; Surakarta Ps 21(1), 25(1): "Pejabat
yang ditunjuk sebagai Ketua Tim Kerja diwajibkan membuat Perjanjian Kinerja"). The appointee
makes the PK, so the appointee confirms it in the bot; until then they are appointed but not
active in the post (docs/DECISIONS.md, decision 14)."""
from __future__ import annotations

from domain.eligibility import Post
from domain.ids import id_of
from domain.posts import check_activation
from domain.profiles import Profile
from domain.rules import RuleFinding
from domain.team import MemberRole, Membership, Team
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.findings import finding_text
from handlers.core.i18n import Translator
from handlers.core.registry import Router
from handlers.core.types import Keyboard
from handlers.teams.buttons import ConfirmPk
from storage.records import Decision
from storage.uow import UnitOfWork

router = Router()
POSTS = {MemberRole.KETUA: Post.KETUA, MemberRole.PENGENDALI: Post.PENGENDALI}


def pk_missing(profile: Profile, membership: Membership | None) -> RuleFinding | None:
    """Why this ketua/pengendali is not active yet, or None (active, or no PK required)."""
    if membership is None or membership.role not in POSTS or not membership.active:
        return None
    verdict = check_activation(profile, POSTS[membership.role], pk_recorded=membership.pk_signed_at is not None)
    return None if verdict.ok else verdict.failures[0]


async def post_membership(uow: UnitOfWork, team: Team, employee_id: int) -> Membership | None:
    return as_post(await uow.teams.membership(id_of(team), employee_id))


def as_post(membership: Membership | None) -> Membership | None:
    """The membership if it holds a post (ketua, pengendali)."""
    return membership if membership is not None and membership.role in POSTS else None


def pk_keyboard(t: Translator, team: Team) -> Keyboard:
    return keyboard([button(t("I have signed my Perjanjian Kinerja"), ConfirmPk(id_of(team)))])


def pk_prompt(t: Translator, finding: RuleFinding, regulation: str) -> str:
    return t("Before you act in the post: {rule}. Once it is signed, confirm it here.",
             rule=finding_text(t, finding, regulation))


@router.callback(ConfirmPk)
async def on_confirm_pk(ctx: Ctx, pressed: ConfirmPk) -> None:
    team = await ctx.uow.teams.get(pressed.team_id)
    membership = await post_membership(ctx.uow, team, ctx.me.id) if team is not None else None
    if team is None or membership is None or not membership.active:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    if membership.pk_signed_at is None:
        membership.record_pk(ctx.now)
        ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, f"{membership.role.value}_pk_recorded",
                                       ctx.now, details={"source": pk_source(ctx.profile, membership.role)}))
    ctx.edit_or_reply(ctx.t("Thank you: your Perjanjian Kinerja is recorded. You are now active as {post} of "
                            "{team}.", post=membership.role.value, team=team.name))


def pk_source(profile: Profile, role: MemberRole) -> str:
    section = profile.teams.ketua if role is MemberRole.KETUA else profile.pengendali
    return section.source_of("pk_required") if section is not None else ""
