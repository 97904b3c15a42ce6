"""No dead knob: every knob of every profile is read by a feature (an attribute access in domain/
or handlers/), or is listed in domain/profiles/informational.py with the reason it is kept."""
from __future__ import annotations

import ast
import typing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from domain.profiles import load_profile, profile_names
from domain.profiles.describe import iter_knobs
from domain.profiles.informational import INFORMATIONAL
from domain.profiles.loader import knob_fields
from domain.profiles.model import Profile, Section

ROOT = Path(__file__).resolve().parents[1]
# The model, its loader and `profile show` touch every knob; domain.pending is coded but called by nobody.
NOT_READERS = ("domain/profiles/model.py", "domain/profiles/loader.py", "domain/profiles/describe.py",
               "domain/profiles/informational.py", "domain/pending/")


def knob_paths(cls: type[Section] = Profile, prefix: str = "") -> Iterator[str]:
    """Every knob of the model as a dotted path, optional sections (e.g. [pengendali]) included."""
    hints = typing.get_type_hints(cls)
    for name in knob_fields(cls):
        section = next((a for a in (hints[name], *typing.get_args(hints[name]))
                        if isinstance(a, type) and issubclass(a, Section)), None)
        if section is None:
            yield f"{prefix}{name}"
        else:
            yield from knob_paths(section, f"{prefix}{name}.")


def read_attributes() -> set[str]:
    """Attribute names read anywhere in domain/ and handlers/, and names passed to getattr."""
    names: set[str] = set()
    for top in ("domain", "handlers"):
        for path in (ROOT / top).rglob("*.py"):
            if path.relative_to(ROOT).as_posix().startswith(NOT_READERS):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                    names.add(node.attr)
                elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                      and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
                    names.add(str(node.args[1].value))
    return names


def is_read(path: str, names: set[str]) -> bool:
    # every step of the path must be read ("reporting" and "rework_owner"), not only the leaf
    return all(part in names for part in path.split("."))


def test_the_scan_covers_every_knob_of_every_profile():
    paths = set(knob_paths())
    for name in profile_names():
        for path, _, _ in iter_knobs(load_profile(name)):
            # an absent optional section (Banten has no [pengendali]) shows as the section itself
            assert path in paths or any(p.startswith(f"{path}.") for p in paths), (name, path)


def test_every_knob_is_read_by_a_feature_or_listed_as_informational():
    names = read_attributes()
    dead = [p for p in knob_paths() if not is_read(p, names) and p not in INFORMATIONAL]
    assert dead == [], ("no feature reads these knobs: wire them, or list them in "
                        "domain/profiles/informational.py with the reason they are kept")


def test_the_informational_list_names_real_unread_knobs_with_a_reason():
    names, paths = read_attributes(), set(knob_paths())
    assert sorted(set(INFORMATIONAL) - paths) == [], "not a knob of the model"
    assert all(reason.strip() for reason in INFORMATIONAL.values())
    # once a feature reads a knob, its entry goes (a knob being wired right now may still be listed). A leaf
    # name several knobs share (proposer, reason_required) proves nothing about this one: the scan reads names.
    leaves = Counter(p.rsplit(".", 1)[-1] for p in paths)
    stale = [p for p, reason in INFORMATIONAL.items() if is_read(p, names) and leaves[p.rsplit(".", 1)[-1]] == 1
             and not reason.startswith("being wired")]
    assert stale == [], "read by a feature now: remove from domain/profiles/informational.py"


def test_the_scan_sees_a_knob_read_through_a_local_name():
    # `rep = profile.reporting; rep.cadence_months` counts: the scan works on names, not full chains
    assert is_read("reporting.cadence_months", read_attributes())
    assert not is_read("reporting.no_such_knob", read_attributes())
