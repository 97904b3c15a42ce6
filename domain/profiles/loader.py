"""Read a profile TOML into the frozen model, refusing anything the model does not know.

Rules of the file format: every section has a non-empty `source`; a knob may carry its own
`<knob>_source`; every knob is present (write "none" where the regulation is silent and the
knob is optional); only an optional section (e.g. [pengendali]) may be left out."""
from __future__ import annotations

import tomllib
import types
from collections.abc import Mapping
from dataclasses import fields, replace
from enum import Enum
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from domain.errors import DomainError
from domain.org import Golongan
from domain.profiles.model import (
    TIMEZONES,
    CrossAgencyFlow,
    Profile,
    Role,
    Scope,
    ScopeRoles,
    Section,
)

DEFAULT_PROFILE = "nasional"
_META = ("source", "sources")


S = TypeVar("S", bound=Section)


class UnknownProfile(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__("unknown_profile", name=name, valid=profile_names())


class InvalidProfile(DomainError):
    """A profile file the model refuses; `code` says why, `key` says where."""


def _data_dir() -> Traversable:
    return resources.files("domain.profiles").joinpath("data")


def profile_names() -> list[str]:
    return sorted(p.name[:-5] for p in _data_dir().iterdir() if p.name.endswith(".toml"))


@cache
def load_profile(name: str) -> Profile:
    if name not in profile_names():
        raise UnknownProfile(name)
    return loads_profile(_data_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8"), name)


def loads_profile(text: str, name: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidProfile("profile_syntax_error", profile=name, detail=str(exc)) from None
    return parse_profile(data, name)


def parse_profile(data: dict[str, Any], name: str) -> Profile:
    profile = _build(Profile, data, "", name)
    _check_consistency(profile, name)
    return profile


def with_overrides(profile: Profile, overrides: Mapping[str, Any], source: str = "deployment setting") -> Profile:
    """A deployment's settings on top of a profile, e.g. {"authorized_official.role": "personnel_authority"}
    (PyB, product decision 4). Values are checked as in a file; the knob then cites `source`."""
    for path, raw in overrides.items():
        profile = _override(profile, path.split("."), raw, source, path, profile.name)
    _check_consistency(profile, profile.name)
    return profile


def _override(section: S, keys: list[str], raw: Any, source: str, path: str, name: str) -> S:
    head, *rest = keys
    child = getattr(section, head, None) if head in knob_fields(type(section)) else None
    if rest and isinstance(child, Section):
        nested: dict[str, Any] = {head: _override(child, rest, raw, source, path, name)}
        return replace(section, **nested)
    if rest or isinstance(child, Section) or head not in knob_fields(type(section)):
        raise InvalidProfile("profile_unknown_key", profile=name, key=path)
    value = _convert(get_type_hints(type(section))[head], raw, path, name)
    return replace(section, **{head: value}, sources=types.MappingProxyType({**section.sources, head: source}))


def knob_fields(cls: type[Section]) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in _META]


def _is_optional(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp)


def _is_section(tp: Any) -> bool:
    """A nested table (`Teams`) or an optional one (`Pengendali | None`)."""
    return any(isinstance(a, type) and issubclass(a, Section) for a in (tp, *get_args(tp)))


def _build(cls: type[S], table: Any, path: str, name: str) -> S:
    if not isinstance(table, dict):
        raise InvalidProfile("profile_bad_type", profile=name, key=path, expected="table")
    hints = get_type_hints(cls)
    knobs = knob_fields(cls)
    # a required section cites its own `source`; an optional one may be cited where it is absent
    overridable = [k for k in knobs if not _is_section(hints[k]) or _is_optional(hints[k])]
    allowed = {"source", *knobs, *(f"{k}_source" for k in overridable)}
    for key in table:
        if key not in allowed:
            raise InvalidProfile("profile_unknown_key", profile=name, key=_join(path, key))
    sources = {k[: -len("_source")]: v for k, v in table.items() if k.endswith("_source")}
    for key, text in [("source", table.get("source")), *((f"{k}_source", v) for k, v in sources.items())]:
        if not isinstance(text, str) or not text.strip():
            raise InvalidProfile("profile_missing_source", profile=name, key=_join(path, key))
    values = {}
    for knob in knobs:
        key = _join(path, knob)
        if knob not in table:
            if _is_section(hints[knob]) and _is_optional(hints[knob]):
                continue
            raise InvalidProfile("profile_missing_knob", profile=name, key=key)
        values[knob] = _convert(hints[knob], table[knob], key, name)
    return cls(source=table["source"], sources=types.MappingProxyType(sources), **values)


def _convert(tp: Any, raw: Any, key: str, name: str) -> Any:
    if _is_optional(tp):
        if raw == "none":
            return None
        tp = next(a for a in get_args(tp) if a is not type(None))
    if get_origin(tp) is tuple:
        if not isinstance(raw, list):
            raise InvalidProfile("profile_bad_type", profile=name, key=key, expected="list")
        return tuple(_convert(get_args(tp)[0], item, key, name) for item in raw)
    if tp is ScopeRoles:
        return _scope_roles(raw, key, name)
    if isinstance(tp, type) and issubclass(tp, Section):
        return _build(tp, raw, key, name)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(raw)
        except ValueError:
            raise InvalidProfile("profile_bad_value", profile=name, key=key, value=raw,
                                 allowed=[m.value for m in tp]) from None
    if tp is Golongan:
        try:
            return Golongan.parse(raw if isinstance(raw, str) else "")
        except DomainError:
            raise InvalidProfile("profile_bad_value", profile=name, key=key, value=raw) from None
    expected = {bool: (bool,), int: (int,), float: (int, float), str: (str,)}[tp]
    if not isinstance(raw, expected) or (tp is not bool and isinstance(raw, bool)):
        raise InvalidProfile("profile_bad_type", profile=name, key=key, expected=tp.__name__)
    return tp(raw)


def _scope_roles(raw: Any, key: str, name: str) -> ScopeRoles:
    """A list names the same officials for every scope; a table names them per scope."""
    roles = tuple[Role, ...]
    if isinstance(raw, list):
        same = _convert(roles, raw, key, name)
        return ScopeRoles(**{s.value: same for s in Scope})
    if not isinstance(raw, dict):
        raise InvalidProfile("profile_bad_type", profile=name, key=key, expected="list or table")
    for scope in raw:
        if scope not in Scope._value2member_map_:
            raise InvalidProfile("profile_unknown_key", profile=name, key=_join(key, scope))
    return ScopeRoles(**{s: _convert(roles, v, _join(key, s), name) for s, v in raw.items()})


def _check_consistency(p: Profile, name: str) -> None:
    def refuse(code: str, key: str, **params: object) -> None:
        raise InvalidProfile(code, profile=name, key=key, **params)

    if p.name != name:
        refuse("profile_name_mismatch", "name", file=name, value=p.name)
    if p.timezone not in TIMEZONES:
        refuse("profile_bad_value", "timezone", value=p.timezone, allowed=list(TIMEZONES))
    if p.teams.has_pengendali != (p.pengendali is not None):
        refuse("profile_inconsistent", "teams.has_pengendali")
    separate = p.appointment.cross_agency_flow is CrossAgencyFlow.SEPARATE
    if separate != (p.appointment.cross_agency is not None):
        refuse("profile_inconsistent", "appointment.cross_agency_flow")
    if any(not 1 <= m <= 12 for m in p.teams.vacancy_deadline_months):
        refuse("profile_bad_value", "teams.vacancy_deadline_months", value=list(p.teams.vacancy_deadline_months))
    if p.reporting.cadence_months not in (1, 2, 3, 4, 6, 12):  # periods tile the year
        refuse("profile_bad_value", "reporting.cadence_months", value=p.reporting.cadence_months)
    if not p.teams.ketua.allowed_kinds:
        refuse("profile_bad_value", "teams.ketua.allowed_kinds", value=[])


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
