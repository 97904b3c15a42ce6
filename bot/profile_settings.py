"""The deployment's profile: SIKERJA_PROFILE plus SIKERJA_PROFILE_OVERRIDES (a TOML or JSON text, or the path
of such a file), e.g. `authorized_official.role = "personnel_authority"`. Only Pemda-settable knobs pass
(domain/profiles/settable.py); anything else fails at start with a sentence naming the key."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.settings import Settings
from domain.profiles import InvalidProfile, Profile, load_profile, parse_settings, with_deployment_settings


def parse_overrides(raw: str | None) -> dict[str, Any]:
    """The settings from SIKERJA_PROFILE_OVERRIDES: the text itself, or the file it names."""
    if not raw or not raw.strip():
        return {}
    text = raw
    if not raw.lstrip().startswith(("{", "[")) and "=" not in raw:
        try:
            text = Path(raw).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidProfile("profile_overrides_unreadable", detail=f"{raw}: {exc.strerror}") from None
    return parse_settings(text)


def deployment_profile(settings: Settings) -> Profile:
    """The profile as this deployment runs it; raises InvalidProfile (a DomainError) when refused."""
    return with_deployment_settings(load_profile(settings.profile), parse_overrides(settings.profile_overrides))
