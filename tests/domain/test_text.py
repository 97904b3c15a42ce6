"""One rule for a written reason, whichever feature asks for it."""
import datetime as dt

import pytest

from domain.application import Application
from domain.candidacy import Candidacy
from domain.errors import DomainError
from domain.report import Kendala, Report, ReportKind
from domain.text import REASON_MAX_LENGTH, REASON_MIN_LENGTH, validate_reason

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
