"""Regulation profiles: one TOML per region in data/, loaded into frozen dataclasses."""
from domain.profiles.loader import (
    DEFAULT_PROFILE,
    InvalidProfile,
    UnknownProfile,
    load_profile,
    loads_profile,
    parse_profile,
    profile_names,
    with_overrides,
)
from domain.profiles.model import Profile, Role, Scope
from domain.profiles.settable import parse_settings, settable_keys, with_deployment_settings

__all__ = [
    "DEFAULT_PROFILE", "InvalidProfile", "Profile", "Role", "Scope", "UnknownProfile",
    "load_profile", "loads_profile", "parse_profile", "parse_settings", "profile_names", "settable_keys",
    "with_deployment_settings", "with_overrides",
]
