"""Readable lines for `profile show`: every knob with its value and the article it comes from."""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from domain.profiles.loader import knob_fields
from domain.profiles.model import Profile, Section


def iter_knobs(section: Section, prefix: str = "") -> Iterator[tuple[str, object, str]]:
    """(dotted path, value, source) for every knob, depth first in declaration order."""
    for name in knob_fields(type(section)):
        value = getattr(section, name)
        if isinstance(value, Section):
            yield from iter_knobs(value, f"{prefix}{name}.")
        else:  # an absent optional section (e.g. no Pengendali) reads as "not stated"
            yield f"{prefix}{name}", value, section.source_of(name)


def format_value(value: object) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(format_value(v) for v in value) or "none"
    return str(value)


def describe(profile: Profile) -> list[str]:
    lines = [f"{profile.name}: {profile.title} ({profile.source})"]
    lines += [f"{path} = {format_value(value)}  [{source}]" for path, value, source in iter_knobs(profile)]
    return lines


__all__ = ["describe", "format_value", "iter_knobs"]
