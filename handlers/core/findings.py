"""A rule finding as a line: what the rule says, and the article it comes from."""
from __future__ import annotations

from domain.rules import RuleFinding
from handlers.core.citation import HasProfile, citation
from handlers.core.i18n import Html, Translator
from handlers.core.messages import clause


def finding_text(t: Translator, f: RuleFinding, regulation: str = "") -> str:
    """`regulation`: the profile's citation title. The article is cited as the regulation's reader
    would; the rule's number is ours and stays out."""
    return t("{text} ({article})", text=Html(clause(t, f.code, f.params)), article=citation(t, f.article, regulation))


def cited_finding(ctx: HasProfile, f: RuleFinding) -> str:
    """A finding for the person at hand, citing the deployment's regulation."""
    return finding_text(ctx.t, f, ctx.profile.citation_title)
