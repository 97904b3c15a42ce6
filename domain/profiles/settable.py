"""Which knobs a deployment (the Pemda) may set: only where the regulation leaves the choice to the Pemda
("ditetapkan oleh" the Pemda) or is silent (docs/DECISIONS.md §17). Everything else the regulation fixes."""
from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from typing import Any

from domain.profiles.loader import InvalidProfile, with_overrides
from domain.profiles.model import CadenceRule, Profile


def _regulation_silent(section_path: str, knob: str) -> Callable[[Profile], bool]:
    """Settable where the profile cites no article: its source is a product decision or "NS"."""
    def check(profile: Profile) -> bool:
        section: Any = profile
        for part in section_path.split("."):
            section = getattr(section, part)
        return bool(section.source_of(knob).startswith(("product decision", "NS")))
    return check


# path -> whether this profile lets the Pemda set it.
SETTABLE: Mapping[str, Callable[[Profile], bool]] = {
    # The Pejabat yang Berwenang is designated by the Pemda (PP 11/2017 Ps 1; product decision 4).
    "authorized_official.role": lambda p: True,
    # Who decides within a unit: the national instrument says "PPK dan/atau Pimpinan UO" (product decision 3).
    "voluntary.within_unit.decider": _regulation_silent("voluntary.within_unit", "decider"),
    # "secara berkala" names no period (e.g. Banten Ps 14(2)); "triwulanan" (Surakarta) fixes it.
    "reporting.cadence_months": lambda p: p.reporting.cadence is CadenceRule.PERIODIC,
}


def settable_keys(profile: Profile) -> list[str]:
    return [path for path, allowed in SETTABLE.items() if allowed(profile)]


def with_deployment_settings(profile: Profile, overrides: Mapping[str, Any]) -> Profile:
    """The deployment's settings on top of `profile`; a knob the regulation fixes is refused by name."""
    allowed = settable_keys(profile)
    for path in overrides:
        if path not in allowed:
            raise InvalidProfile("profile_not_settable", profile=profile.name, key=path,
                                 keys=", ".join(allowed))
    return with_overrides(profile, overrides, source="deployment setting")


def parse_settings(text: str) -> dict[str, Any]:
    """A deployment's settings as TOML or JSON text -> dotted keys ({"a": {"b": 1}} -> {"a.b": 1})."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise InvalidProfile("profile_overrides_unreadable", detail=str(exc)) from None
    return _flatten(data)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        flat.update(_flatten(value, path + ".") if isinstance(value, dict) else {path: value})
    return flat
