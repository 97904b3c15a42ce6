"""An article as a unit head reads it: the profile's `source` shorthand turned into the regulation's
own citation ("Pasal 10 ayat (3) huruf a Pergub Banten 19/2023"); where the regulation is silent the
rule is Sikerja's own and is said so."""
from __future__ import annotations

from typing import Protocol

from domain.profiles.citation import cite
from domain.profiles.model import Profile
from handlers.core.i18n import Translator


class HasProfile(Protocol):
    """A Ctx, as far as citing needs it."""

    t: Translator

    @property
    def profile(self) -> Profile: ...


def citation(t: Translator, source: str, regulation: str = "") -> str:
    """`regulation`: the citation title of the profile, when the caller knows it."""
    return cite(source, regulation) or t("a Sikerja rule")


def cited(ctx: HasProfile, source: str) -> str:
    """The citation of `source` in the deployment's regulation."""
    return citation(ctx.t, source, ctx.profile.citation_title)


__all__ = ["citation", "cited"]
