"""A rule finding as a line: what the rule says, and the article it comes from."""
from __future__ import annotations

from domain.rules import RuleFinding
from handlers.core.i18n import Html, Translator
from handlers.core.messages import clause


def finding_text(t: Translator, f: RuleFinding) -> str:
    # The article is the regulation's own citation; the rule's number is ours and stays out.
    return t("{text} ({article})", text=Html(clause(t, f.code, f.params)), article=f.article)
