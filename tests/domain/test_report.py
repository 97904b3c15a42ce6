"""The report state machine (draft -> submitted at hop i -> forwarded ... -> accepted at the
last hop, or returned with a reason and resubmitted), report requests and kendala."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.errors import DomainError, IllegalTransition, NotAllowed
from domain.report import (
    MAX_FILE_BYTES,
    MAX_FILES,
    NOTE_MIN,
    TEXT_MAX,
    TEXT_MIN,
    Evidence,
    Kendala,
    KendalaStatus,
    Report,
    ReportKind,
    ReportRequest,
    RequestStatus,
    check_evidence,
)
from domain.report import ReportStatus as S

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
AUTHOR, RATER, HEAD, OTHER = 1, 2, 3, 9
TEXT = "Modul pelaporan selesai 100% dan sudah diuji."
REASON = "Lampirkan bukti uji coba dari pengguna."
PDF = {"file_id": "F1", "kind": "document", "name": "a.pdf", "mime": "application/pdf", "size": 10}


def report(kind=ReportKind.TEAM, text=TEXT, **kw) -> Report:
    return Report(None, kind, AUTHOR, "2026-Q4", text=text, team_id=5, **kw)


def submitted(route=(RATER, HEAD), kind=ReportKind.TEAM) -> Report:
    r = report(kind)
    r.submit(list(route), NOW)
    return r


def test_submit_starts_at_the_first_hop_as_version_1():
    r = submitted()
    assert (r.status, r.hop, r.current_reviewer, r.version, r.reviewed) == (S.SUBMITTED, 0, RATER, 1, False)


@pytest.mark.parametrize("text", ["", "   ", "x" * (TEXT_MIN - 1), "x" * (TEXT_MAX + 1)])
def test_submit_needs_a_text_of_sensible_length(text):
    r = report(text=text)
    with pytest.raises(DomainError) as err:
        r.submit([HEAD], NOW)
    assert err.value.code in ("text_too_short", "text_too_long") and r.status is S.DRAFT


def test_evidence_required_refuses_a_report_without_files():
    """Surakarta Ps 26(1), rule 44."""
    r = report()
    with pytest.raises(DomainError) as err:
        r.submit([HEAD], NOW, evidence_required=True)
    assert err.value.code == "report_evidence_missing" and r.status is S.DRAFT
    r.files = [PDF]
    r.submit([HEAD], NOW, evidence_required=True)
    assert r.status is S.SUBMITTED


@pytest.mark.parametrize("route", [[], [AUTHOR], [RATER, AUTHOR]])
def test_no_route_or_a_route_through_the_author_is_refused(route):
    with pytest.raises(DomainError) as err:
        report().submit(route, NOW)
    assert err.value.code == "no_report_route"


def test_forward_then_accept_at_the_last_hop_only():
    r = submitted()
    with pytest.raises(IllegalTransition):
        r.accept(RATER, NOW, meets_target=True)  # not the last hop
    assert r.forward(RATER, "  Sudah saya periksa.  ", NOW) == HEAD
    assert (r.hop, r.reviewed, r.last_note) == (1, True, "Sudah saya periksa.")
    with pytest.raises(IllegalTransition):
        r.forward(HEAD, None, NOW)  # nobody after the last hop
    r.accept(HEAD, NOW, meets_target=True)
    assert r.status is S.ACCEPTED and r.decided_at == NOW


def test_rule_50_done_only_as_meeting_the_target():
    r = submitted(route=[HEAD])
    with pytest.raises(DomainError) as err:
        r.accept(HEAD, NOW)
    assert err.value.code == "done_requires_meets_target" and r.status is S.SUBMITTED
    member = submitted(route=[HEAD], kind=ReportKind.MEMBER)
    member.accept(HEAD, NOW)  # the ketua accepts a member report; nothing is declared done
    assert member.status is S.ACCEPTED and not member.declares_done


def test_an_answer_to_a_request_is_not_a_declaration_of_done():
    r = report(kind=ReportKind.INDIVIDUAL, request_id=4)
    r.submit([HEAD], NOW)
    r.accept(HEAD, NOW)
    assert r.status is S.ACCEPTED


@pytest.mark.parametrize("actor", [AUTHOR, HEAD, OTHER])
def test_only_the_current_reviewer_acts(actor):
    r = submitted()
    for act in (lambda: r.forward(actor, None, NOW), lambda: r.return_(actor, REASON, NOW)):
        with pytest.raises(NotAllowed):
            act()
    assert (r.status, r.hop) == (S.SUBMITTED, 0)


@pytest.mark.parametrize("reason", [None, "", "  ", "x" * (NOTE_MIN - 1)])
def test_return_needs_a_written_reason(reason):
    r = submitted()
    with pytest.raises(DomainError) as err:
        r.return_(RATER, reason, NOW)
    assert err.value.code == "text_too_short" and r.status is S.SUBMITTED


def test_returned_report_is_resubmitted_along_the_route_again():
    r = submitted()
    r.forward(RATER, None, NOW)
    r.return_(HEAD, REASON, NOW)
    assert (r.status, r.last_note) == (S.RETURNED, REASON)
    r.text = TEXT + " Bukti terlampir."
    r.submit([RATER, HEAD], NOW)
    assert (r.status, r.hop, r.version, r.reviewed, r.last_note) == (S.SUBMITTED, 0, 2, False, None)


def test_correction_only_before_anyone_reviewed():
    r = submitted()
    r.correct(AUTHOR, TEXT + " (diperbaiki)", NOW, files=[PDF])
    assert (r.version, r.files, r.hop) == (2, [PDF], 0)
    with pytest.raises(NotAllowed):
        r.correct(OTHER, TEXT, NOW)
    r.forward(RATER, None, NOW)
    with pytest.raises(IllegalTransition):
        r.correct(AUTHOR, TEXT + " lagi", NOW)
    assert r.version == 2


def test_correction_keeps_rule_44():
    r = report(files=[PDF])
    r.submit([HEAD], NOW, evidence_required=True)
    with pytest.raises(DomainError) as err:
        r.correct(AUTHOR, TEXT, NOW, files=[], evidence_required=True)
    assert err.value.code == "report_evidence_missing" and r.files == [PDF] and r.version == 1


@pytest.mark.parametrize("evidence, already, code", [
    (Evidence("f", "document", "a.pdf", "application/pdf", 100), MAX_FILES, "too_many_files"),
    (Evidence("f", "document", "a.pdf", "application/pdf", MAX_FILE_BYTES + 1), 0, "file_too_large"),
    (Evidence("f", "document", "a.exe", "application/x-msdownload", 100), 0, "file_type_not_allowed"),
    (Evidence("f", "voice", None, "audio/ogg", 100), 0, "file_type_not_allowed"),
])
def test_evidence_limits(evidence, already, code):
    with pytest.raises(DomainError) as err:
        check_evidence(evidence, already)
    assert err.value.code == code


@pytest.mark.parametrize("evidence", [
    Evidence("p", "photo", None, "image/jpeg", 5000),
    Evidence("d", "document", "x.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 9),
    Evidence("d", "document", "x.pdf", "application/pdf", MAX_FILE_BYTES),
])
def test_evidence_accepted(evidence):
    check_evidence(evidence, MAX_FILES - 1)


class ReportMachine(RuleBasedStateMachine):
    """Random actors press random buttons; the report only moves the legal way."""

    ROUTE = (RATER, 4, HEAD)

    def __init__(self):
        super().__init__()
        self.r = Report(None, ReportKind.TEAM, AUTHOR, "2026-Q4", text=TEXT, team_id=5)
        self.versions = [0]
        self.accepted_by = None

    @rule(actor=st.sampled_from([AUTHOR, RATER, 4, HEAD, OTHER]), note=st.sampled_from([None, "", "cek ok"]))
    def forward(self, actor, note):
        before = (self.r.status, self.r.hop)
        legal = before[0] is S.SUBMITTED and actor == self.ROUTE[before[1]] and before[1] < len(self.ROUTE) - 1
        try:
            self.r.forward(actor, note, NOW)
        except DomainError:
            assert not legal and (self.r.status, self.r.hop) == before
        else:
            assert legal and self.r.hop == before[1] + 1 and self.r.reviewed

    @rule(actor=st.sampled_from([AUTHOR, RATER, 4, HEAD, OTHER]), meets=st.booleans())
    def accept(self, actor, meets):
        before = (self.r.status, self.r.hop)
        legal = before[0] is S.SUBMITTED and actor == HEAD and before[1] == len(self.ROUTE) - 1 and meets
        try:
            self.r.accept(actor, NOW, meets_target=meets)
        except DomainError:
            assert not legal and (self.r.status, self.r.hop) == before
        else:
            assert legal
            self.accepted_by = actor

    @rule(actor=st.sampled_from([AUTHOR, RATER, 4, HEAD]), reason=st.sampled_from(["", "kurang", REASON]))
    def return_(self, actor, reason):
        before = self.r.status, self.r.hop
        legal = before[0] is S.SUBMITTED and actor == self.ROUTE[before[1]] and len(reason) >= NOTE_MIN
        try:
            self.r.return_(actor, reason, NOW)
        except DomainError:
            assert not legal and (self.r.status, self.r.hop) == before
        else:
            assert legal and self.r.status is S.RETURNED and self.r.last_note == reason

    @rule()
    def submit(self):
        legal = self.r.status in (S.DRAFT, S.RETURNED)
        try:
            self.r.submit(list(self.ROUTE), NOW)
        except DomainError:
            assert not legal
        else:
            assert legal and self.r.hop == 0
            self.versions.append(self.r.version)

    @rule(actor=st.sampled_from([AUTHOR, OTHER]))
    def correct(self, actor):
        legal = actor == AUTHOR and self.r.status is S.SUBMITTED and not self.r.reviewed
        try:
            self.r.correct(actor, TEXT + f" v{self.r.version + 1}", NOW)
        except DomainError:
            assert not legal
        else:
            assert legal and self.r.hop == 0
            self.versions.append(self.r.version)

    @invariant()
    def versions_only_increase_one_by_one(self):
        assert self.versions == list(range(len(self.versions)))
        assert self.r.version == self.versions[-1]

    @invariant()
    def reviewer_is_on_the_route(self):
        if self.r.status is S.SUBMITTED:
            assert self.r.current_reviewer == self.ROUTE[self.r.hop]
        else:
            assert self.r.current_reviewer is None
        if self.r.status is S.ACCEPTED:
            assert self.accepted_by == HEAD and self.r.at_last_hop


TestReportMachine = ReportMachine.TestCase
TestReportMachine.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)


@given(st.text(min_size=0, max_size=40))
def test_kendala_needs_a_description(description):
    if len(description.strip()) >= TEXT_MIN:
        Kendala(None, 1, AUTHOR, description, ["Tambah satu anggota."], HEAD)
    else:
        with pytest.raises(DomainError) as err:
            Kendala(None, 1, AUTHOR, description, ["Tambah satu anggota."], HEAD)
        assert err.value.code == "kendala_description_missing"


@pytest.mark.parametrize("alternatives", [[], [""], ["  ", None]])
def test_kendala_needs_an_alternative_recommendation(alternatives):
    """Rule 39."""
    with pytest.raises(DomainError) as err:
        Kendala(None, 1, AUTHOR, "Server uji coba rusak sejak Senin.", alternatives, HEAD)
    assert err.value.code == "kendala_alternative_missing"


def test_kendala_is_decided_once_by_its_decider_in_writing():
    k = Kendala(None, 1, AUTHOR, "Server uji coba rusak sejak Senin.", ["Sewa server awan."], HEAD)
    with pytest.raises(NotAllowed):
        k.decide(RATER, "Sewa server awan untuk 3 bulan.", NOW)
    with pytest.raises(DomainError) as err:
        k.decide(HEAD, "ok", NOW)
    assert err.value.code == "text_too_short"
    k.decide(HEAD, "  Sewa server awan untuk 3 bulan.  ", NOW)
    assert (k.status, k.decision, k.decided_at) == (KendalaStatus.DECIDED, "Sewa server awan untuk 3 bulan.", NOW)
    with pytest.raises(IllegalTransition):
        k.decide(HEAD, "Berubah pikiran, beli server.", NOW)


def test_report_request_is_answered_once():
    req = ReportRequest(None, HEAD, AUTHOR, dt.date(2026, 12, 1), "Progres aplikasi.")
    req.answer(77)
    assert (req.status, req.report_id) == (RequestStatus.ANSWERED, 77)
    with pytest.raises(IllegalTransition):
        req.answer(78)
