"""Profiles as data: every file loads, every knob cites its article, bad files are refused."""
from __future__ import annotations

import ast
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from domain.errors import DomainError
from domain.profiles import (
    DEFAULT_PROFILE,
    InvalidProfile,
    Profile,
    Role,
    UnknownProfile,
    load_profile,
    parse_profile,
    profile_names,
    with_overrides,
)
from domain.profiles.describe import describe, format_value, iter_knobs
from domain.profiles.loader import loads_profile
from domain.profiles.model import TIMEZONES, Level, Scope, ScopeRoles

NAMES = ["badung", "banten", "dharmasraya", "hulu-sungai-utara", "nasional", "surakarta"]


def raw(name: str = "nasional") -> dict:
    text = resources.files("domain.profiles").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def refused(data: dict, name: str = "nasional") -> InvalidProfile:
    with pytest.raises(InvalidProfile) as info:
        parse_profile(data, name)
    return info.value


def test_profile_names_are_the_six_sorted():
    assert profile_names() == NAMES
    assert DEFAULT_PROFILE == "nasional" and DEFAULT_PROFILE in profile_names()


@pytest.mark.parametrize("name", NAMES)
def test_every_profile_loads_and_is_cached(name):
    p = load_profile(name)
    assert isinstance(p, Profile) and p.name == name
    assert p.timezone in TIMEZONES and p.title.startswith("Peraturan ")
    assert load_profile(name) is p


@pytest.mark.parametrize("name", NAMES)
def test_every_knob_has_a_source(name):
    knobs = list(iter_knobs(load_profile(name)))
    assert len(knobs) > 80
    for path, _value, source in knobs:
        assert isinstance(source, str) and source.strip(), path


@pytest.mark.parametrize("name", NAMES)
def test_describe_mentions_each_knob_with_value_and_article(name):
    p = load_profile(name)
    lines = describe(p)
    assert p.title in lines[0]
    by_path = {line.split(" = ", 1)[0]: line for line in lines[1:]}
    for path, value, source in iter_knobs(p):
        assert format_value(value) in by_path[path] and source in by_path[path]


def test_identity_per_region():
    expected = {
        "dharmasraya": (Level.KABUPATEN, "Asia/Jakarta"), "badung": (Level.KABUPATEN, "Asia/Makassar"),
        "banten": (Level.PROVINSI, "Asia/Jakarta"), "hulu-sungai-utara": (Level.KABUPATEN, "Asia/Makassar"),
        "surakarta": (Level.KOTA, "Asia/Jakarta"), "nasional": (Level.NASIONAL, "Asia/Jakarta"),
    }
    for name, (level, tz) in expected.items():
        p = load_profile(name)
        assert (p.level, p.timezone) == (level, tz), name
    assert load_profile("surakarta").title == "Peraturan Wali Kota Surakarta Nomor 32 Tahun 2023"


@pytest.mark.parametrize("name, decider, cc, article", [
    pytest.param("dharmasraya", Role.RATER, (), "Lamp. 2.B.1", id="dharmasraya-Lamp.2.B.1"),
    pytest.param("badung", Role.UNIT_HEAD, (), "Lamp. I §2 b.1", id="badung-Lamp.Isec2b.1"),
    pytest.param("banten", Role.UNIT_HEAD, (), "Lamp. B.2 b.a", id="banten-Lamp.B.2b.a"),
    pytest.param("hulu-sungai-utara", Role.UNIT_HEAD, (Role.RATER,), "Lamp. II B.1", id="hsu-Lamp.IIB.1"),
    pytest.param("surakarta", Role.UNIT_HEAD, (Role.RATER,), "Ps 18(2)", id="surakarta-Ps18(2)"),
    pytest.param("nasional", Role.UNIT_HEAD, (), "product decision 3", id="nasional-pd3"),
])
def test_within_unit_voluntary_decider(name, decider, cc, article):
    w = load_profile(name).voluntary.within_unit
    assert (w.decider, w.tembusan) == (decider, cc)
    assert article in w.source_of("decider")
    assert w.reason_required  # product decision 1, everywhere


def test_authorized_official_defaults_to_sekda_everywhere():
    assert {load_profile(n).authorized_official.role for n in NAMES} == {Role.SEKDA}


def test_role_is_a_str_enum_with_the_agreed_members():
    for value in ["unit_head", "rater", "agency_head", "sekda", "authorized_official", "personnel_authority",
                  "regional_head", "kabag", "pengendali", "ketua", "admin"]:
        assert Role(value) == value


def test_unknown_profile_lists_the_valid_ones():
    with pytest.raises(UnknownProfile) as info:
        load_profile("jakarta")
    err = info.value
    assert isinstance(err, DomainError) and err.code == "unknown_profile"
    assert err.params == {"name": "jakarta", "valid": NAMES}


def _set(data: dict, path: str, value) -> dict:
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[key]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize("path, value, code, key", [
    pytest.param("colour", "red", "profile_unknown_key", "colour", id="unknown-top-key"),
    pytest.param("voluntary.within_unit.approver", "rater", "profile_unknown_key",
                 "voluntary.within_unit.approver", id="unknown-nested-key"),
    pytest.param("teams.ketua.appointer", {"galaxy": ["sekda"]}, "profile_unknown_key",
                 "teams.ketua.appointer.galaxy", id="unknown-scope"),
    pytest.param("voluntary.within_unit.decider", "bupati", "profile_bad_value",
                 "voluntary.within_unit.decider", id="bad-role"),
    pytest.param("reporting.cadence", "weekly", "profile_bad_value", "reporting.cadence", id="bad-cadence"),
    pytest.param("teams.ketua.allowed_kinds", ["eselon_ii"], "profile_bad_value",
                 "teams.ketua.allowed_kinds", id="bad-kind"),
    pytest.param("teams.ketua.min_golongan", "V/z", "profile_bad_value", "teams.ketua.min_golongan", id="bad-golongan"),
    pytest.param("timezone", "Europe/Paris", "profile_bad_value", "timezone", id="bad-timezone"),
    pytest.param("teams.vacancy_deadline_months", [13], "profile_bad_value",
                 "teams.vacancy_deadline_months", id="bad-month"),
    pytest.param("voluntary.within_unit.oral", "yes", "profile_bad_type", "voluntary.within_unit.oral",
                 id="bool-as-str"),
    pytest.param("reporting.cadence_months", True, "profile_bad_type", "reporting.cadence_months", id="bool-as-int"),
    pytest.param("voluntary.within_unit.tembusan", "rater", "profile_bad_type", "voluntary.within_unit.tembusan",
                 id="str-as-list"),
    pytest.param("voluntary.within_unit.source", _DELETE, "profile_missing_source",
                 "voluntary.within_unit.source", id="missing-source"),
    pytest.param("voluntary.within_unit.source", "  ", "profile_missing_source",
                 "voluntary.within_unit.source", id="blank-source"),
    pytest.param("voluntary.within_unit.decider_source", "", "profile_missing_source",
                 "voluntary.within_unit.decider_source", id="blank-knob-source"),
    pytest.param("voluntary.within_unit.oral", _DELETE, "profile_missing_knob",
                 "voluntary.within_unit.oral", id="missing-knob"),
    pytest.param("voluntary.within_unit", _DELETE, "profile_missing_knob", "voluntary.within_unit",
                 id="missing-section"),
    pytest.param("voluntary_source", "x", "profile_unknown_key", "voluntary_source",
                 id="source-override-on-required-section"),
    pytest.param("name", "banten", "profile_name_mismatch", "name", id="name-mismatch"),
    pytest.param("teams.has_pengendali", True, "profile_inconsistent", "teams.has_pengendali",
                 id="pengendali-flag-without-section"),
    pytest.param("appointment.cross_agency_flow", "separate", "profile_inconsistent",
                 "appointment.cross_agency_flow", id="separate-flow-without-section"),
])
def test_malformed_profile_is_refused_with_a_clear_code(path, value, code, key):
    err = refused(_set(raw(), path, value))
    assert err.code == code and err.params["key"] == key and err.params["profile"] == "nasional"


def test_bad_enum_lists_the_allowed_values():
    err = refused(_set(raw(), "reporting.team_route", "by_pigeon"))
    assert err.params["value"] == "by_pigeon" and "via_pengendali_or_rater" in err.params["allowed"]


def test_toml_syntax_error_is_refused():
    with pytest.raises(InvalidProfile) as info:
        loads_profile("name = \n", "nasional")
    assert info.value.code == "profile_syntax_error"


def test_none_means_not_stated_only_where_the_knob_is_optional():
    assert load_profile("surakarta").reporting.adhoc_requester is None
    err = refused(_set(raw(), "voluntary.within_unit.decider", "none"))
    assert err.code == "profile_bad_value"


def test_optional_section_may_be_absent_and_reads_as_not_stated():
    assert load_profile("banten").pengendali is None
    assert load_profile("badung").appointment.cross_agency is not None
    assert any(line.startswith("pengendali = not stated") for line in describe(load_profile("banten")))


def test_scope_roles_list_applies_to_every_scope_and_table_per_scope():
    assert load_profile("surakarta").teams.ketua.appointer == ScopeRoles(*[(Role.SEKDA,)] * 4)
    banten = load_profile("banten").teams.decree_issuer
    assert banten.for_scope(Scope.CROSS_INSTITUTION) == (Role.REGIONAL_HEAD,)
    assert str(load_profile("hulu-sungai-utara").teams.decree_issuer) == "not stated"


def test_contradictions_cite_both_articles():
    """Product decision 2: a ⚠ knob takes a default and its source names both articles."""
    sk = load_profile("surakarta")
    origin = sk.teams.ketua.source_of("origin_rule")
    assert "Ps 15(5)" in origin and "Ps 19(3)" in origin
    bt = load_profile("banten").reporting
    assert "Ps 14(2)" in bt.source_of("team_recipient") and "Lamp. B.4.b.2" in bt.source_of("team_recipient")
    assert "Ps 14(3)" in bt.source_of("individual_route") and "Lamp. B.4.a" in bt.source_of("individual_route")
    dh = load_profile("dharmasraya")
    assert "Ps 1(8)" in dh.source_of("unit_meaning") and "Ps 1(14)" in dh.source_of("unit_meaning")


@pytest.mark.parametrize("module", ["domain/profiles/__init__.py", "domain/profiles/model.py",
                                    "domain/profiles/loader.py", "domain/profiles/describe.py",
                                    "domain/eligibility.py", "domain/rules.py"])
def test_domain_modules_import_only_stdlib_and_domain(module):
    tree = ast.parse((Path(__file__).parents[2] / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        for name in names:
            top = name.split(".")[0]
            assert top == "domain" or top in sys.stdlib_module_names or top == "__future__", (module, name)


def test_deployment_overrides_are_validated_and_cited():
    """Product decisions 3-4: PyB and nasional's within-unit decider are deployment settings."""
    base = load_profile("nasional")
    p = with_overrides(base, {"authorized_official.role": "personnel_authority",
                              "voluntary.within_unit.decider": "rater"}, source="SIKERJA_PYB setting")
    assert p.authorized_official.role is Role.PERSONNEL_AUTHORITY
    assert p.voluntary.within_unit.decider is Role.RATER
    assert p.voluntary.within_unit.source_of("decider") == "SIKERJA_PYB setting"
    assert base.authorized_official.role is Role.SEKDA and load_profile("nasional") is base  # cache untouched


@pytest.mark.parametrize("path, value, code", [
    ("authorized_official.colour", "red", "profile_unknown_key"),
    ("voluntary.within_unit", "rater", "profile_unknown_key"),
    ("name.first", "x", "profile_unknown_key"),
    ("voluntary.within_unit.decider", "bupati", "profile_bad_value"),
    ("teams.has_pengendali", True, "profile_inconsistent"),
])
def test_bad_deployment_override_is_refused(path, value, code):
    with pytest.raises(InvalidProfile) as info:
        with_overrides(load_profile("nasional"), {path: value})
    assert info.value.code == code
