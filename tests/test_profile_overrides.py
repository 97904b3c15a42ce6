"""SIKERJA_PROFILE_OVERRIDES: the settings the regulations leave to the Pemda, applied at start and shown by
`profile show` as "deployment setting"; a knob the regulation fixes is refused in one line, exit non-zero."""
from __future__ import annotations

import pytest

from bot.cli import main
from bot.profile_settings import deployment_profile, parse_overrides
from bot.settings import Settings
from domain.profiles import InvalidProfile, Role, load_profile, settable_keys, with_deployment_settings


def test_the_pemda_may_set_only_what_the_regulation_leaves_to_it():
    # Nasional: PyB (product decision 4), the within-unit decider ("PPK dan/atau Pimpinan UO", decision 3),
    # the period of "berkala" monitoring.
    assert settable_keys(load_profile("nasional")) == [
        "authorized_official.role", "voluntary.within_unit.decider", "reporting.cadence_months"]
    # Banten names the within-unit decider itself; Ps 14(2) "secara berkala" leaves the period open.
    assert settable_keys(load_profile("banten")) == ["authorized_official.role", "reporting.cadence_months"]
    # Surakarta Ps 26(3) sets no period ("triwulanan" is the monitoring's: rule 43 as corrected).
    assert "reporting.cadence_months" in settable_keys(load_profile("surakarta"))


def test_a_fixed_knob_is_refused_by_name():
    with pytest.raises(InvalidProfile) as info:
        with_deployment_settings(load_profile("banten"), {"voluntary.within_unit.decider": "rater"})
    assert info.value.code == "profile_not_settable" and info.value.params["key"] == "voluntary.within_unit.decider"


@pytest.mark.parametrize("raw", [
    'authorized_official.role = "personnel_authority"\nreporting.cadence_months = 6',
    '{"authorized_official": {"role": "personnel_authority"}, "reporting.cadence_months": 6}',
])
def test_toml_or_json_text(raw):
    assert parse_overrides(raw) == {"authorized_official.role": "personnel_authority", "reporting.cadence_months": 6}


def test_a_file_path(tmp_path):
    path = tmp_path / "pemda.toml"
    path.write_text('[authorized_official]\nrole = "personnel_authority"\n', encoding="utf-8")
    profile = deployment_profile(Settings(SIKERJA_PROFILE="banten", SIKERJA_PROFILE_OVERRIDES=str(path)))
    assert profile.authorized_official.role is Role.PERSONNEL_AUTHORITY
    assert profile.authorized_official.source_of("role") == "deployment setting"


def test_profile_show_cites_the_deployment_setting(monkeypatch, capsys):
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.setenv("SIKERJA_LANGUAGE", "en")
    monkeypatch.setenv("SIKERJA_PROFILE_OVERRIDES", "reporting.cadence_months = 6")
    assert main(["profile", "show"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "cadence_months" in x)
    assert "6" in line and "deployment setting" in line


@pytest.mark.parametrize("raw, words", [
    ("teams.has_pengendali = false", ["teams.has_pengendali", "authorized_official.role"]),
    ("reporting.cadence_months = 0", ["reporting.cadence_months"]),
    ("authorized_official.role = 'bupati'", ["authorized_official.role"]),
    ("not toml at all", ["deployment settings cannot be read"]),
])
def test_a_refused_setting_stops_the_start_in_one_line(monkeypatch, capsys, raw, words):
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.setenv("SIKERJA_LANGUAGE", "en")
    monkeypatch.setenv("SIKERJA_PROFILE_OVERRIDES", raw)
    assert main(["profile", "show"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and all(w in err for w in words), err


def test_another_profile_is_shown_as_its_regulation_has_it(monkeypatch, capsys):
    monkeypatch.setenv("SIKERJA_PROFILE", "nasional")
    monkeypatch.setenv("SIKERJA_LANGUAGE", "en")
    monkeypatch.setenv("SIKERJA_PROFILE_OVERRIDES", 'voluntary.within_unit.decider = "rater"')
    assert main(["profile", "show", "surakarta"]) == 0
    assert "deployment setting" not in capsys.readouterr().out
