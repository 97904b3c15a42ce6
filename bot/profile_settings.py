"""The deployment's profile: SIKERJA_PROFILE plus SIKERJA_PROFILE_OVERRIDES (a TOML or JSON text, or the path
of such a file), e.g. `authorized_official.role = "personnel_authority"`. Only Pemda-settable knobs pass
(domain/profiles/settable.py); anything else fails at start with a sentence naming the key."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from bot.settings import Settings
from domain.profiles import InvalidProfile, Profile, load_profile, with_deployment_settings


def parse_overrides(raw: str | None) -> dict[str, Any]:
    """Dotted keys -> values; nested tables are flattened ({"a": {"b": 1}} -> {"a.b": 1})."""
    if not raw or not raw.strip():
        return {}
    text = raw
    if not raw.lstrip().startswith(("{", "[")) and "=" not in raw:
        try:
            text = Path(raw).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidProfile("profile_overrides_unreadable", detail=f"{raw}: {exc.strerror}") from None
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise InvalidProfile("profile_overrides_unreadable", detail=str(exc)) from None
    if not isinstance(data, dict):
        raise InvalidProfile("profile_overrides_unreadable", detail="expected a table of settings")
    return _flatten(data)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        flat.update(_flatten(value, path + ".") if isinstance(value, dict) else {path: value})
    return flat


def deployment_profile(settings: Settings, name: str | None = None) -> Profile:
    """The profile as this deployment runs it; raises InvalidProfile (a DomainError) when refused."""
    return with_deployment_settings(load_profile(name or settings.profile), parse_overrides(settings.profile_overrides))
