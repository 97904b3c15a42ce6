"""Typed callback data (handlers/core/buttons.py) and typed forms (handlers/core/forms.py):
packing and unpacking, the checks made when a button is built, routing by class, and the
wire formats and stored form steps that must not change under buttons already sent and
forms already open."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

import pytest

from domain.acting import ActingKind
from domain.team import TeamKind
from handlers.admin.buttons import (
    ActingAction,
    ActingKindChoice,
    AdminAction,
    UnlinkedPeople,
    UnlinkedUnits,
)
from handlers.applications.buttons import ApplicationAction, ApplicationDecision
from handlers.appointments.buttons import (
    AcceptAppointment,
    AppointForm,
    AppointmentLetter,
    AppointStep,
    ReplyOutcome,
)
from handlers.core.buttons import MAX_BYTES, CallbackData, button
from handlers.core.context import Ctx
from handlers.core.forms import Form, close
from handlers.core.i18n import translator
from handlers.core.types import Sender, Update
from handlers.delivery.buttons import Requeue, RequeueAll
from handlers.features import registry
from handlers.reports.buttons import ReportAction, ReportPeriod, RequestDue, Review
from handlers.teams.buttons import (
    Dismiss,
    EndTeam,
    NewTeamKind,
    NewTeamTerm,
    PickKetua,
    PickPengendali,
    TeamRole,
    Term,
)
from storage.records import Conversation
from tests.handlers.chat import alerts, texts
from tests.handlers.test_voluntary_application import linked


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Sample(CallbackData, prefix="zz:s"):
    action: Literal["go", "stop"]
    item_id: int
    colour: Colour | None = None
    label: str | None = None


def test_round_trip():
    for data in (Sample("go", 7), Sample("stop", -3, Colour.BLUE), Sample("go", 0, None, "x y"),
                 Sample("go", 12, Colour.RED, "ok"), Sample("go", 2**31 - 1), Sample("go", -(2**31))):
        assert Sample.unpack(data.pack()) == data
    assert Sample("go", 7).pack() == "zz:s:go:7"  # trailing Nones are left off
    assert Sample("go", 7, None, "x").pack() == "zz:s:go:7::x"


def test_too_long_is_refused_when_the_button_is_built():
    with pytest.raises(ValueError, match="64 bytes"):
        button("Go", Sample("go", 1, label="é" * 30))  # 60 characters, more than 64 bytes
    longest = Sample("go", 1, label="x" * (MAX_BYTES - len("zz:s:go:1::")))
    assert len(button("Go", longest).data) == MAX_BYTES


@pytest.mark.parametrize("label", ["a:b", ":", ""])
def test_separator_or_empty_str_is_refused(label):
    with pytest.raises(ValueError):
        Sample("go", 1, label=label)


@pytest.mark.parametrize("args", [("jump", 1), ("go", "1"), ("go", True), ("go", 1, "red"), ("go", None),
                                  ("go", 2**31), ("go", -(2**31) - 1)])
def test_wrong_values_are_refused(args):
    with pytest.raises(ValueError):
        Sample(*args)


@pytest.mark.parametrize("raw", [None, "", "zz", "zz:s", "zz:s:go", "zz:s:jump:1", "zz:s:go:x", "zz:s:go:01",
                                 "zz:s:go:+1", "zz:s:go: 1", "zz:s:go:1_0", "zz:s:go:1:green", "zz:s:go:1:red:a:b",
                                 "zz:t:go:1", "zz:go:1", "ap:ok:1", "zz:s:go:1::" + "x" * 60,
                                 "zz:s:go:2147483648", "zz:s:go:-2147483649", "zz:s:go:" + "9" * 40])
def test_forged_or_garbled_data_unpacks_to_none(raw):
    assert Sample.unpack(raw) is None


def test_unsupported_declarations_fail_at_import():
    with pytest.raises(TypeError):
        class Floaty(CallbackData, prefix="zz:f"):
            x: float
    with pytest.raises(TypeError):
        class Mixed(CallbackData, prefix="zz:m"):
            x: int | str
    with pytest.raises(TypeError):
        class Defaulted(CallbackData, prefix="zz:d"):
            page: int = 0
    with pytest.raises(TypeError):
        class BadPrefix(CallbackData, prefix="zz::x"):
            x: int
    with pytest.raises(TypeError):
        class BadLiteral(CallbackData, prefix="zz:l"):
            x: Literal["a:b"]


def test_wire_formats_of_buttons_already_sent_are_unchanged():
    assert {data.pack() for data in (
        ApplicationDecision("ok", 7), ApplicationDecision("ok", 7, 1),
        ApplicationAction("send"), ApplicationAction("t", 3), Review("f", 5, 2),
        ReportAction("fix", 9), ReportPeriod("c"), RequestDue(7), PickKetua(1, 2, "force"), PickPengendali(1, 2),
        TeamRole(4, "pj"), TeamRole(4, "sk", 8), EndTeam(4, "yes"), Dismiss(), NewTeamKind(TeamKind.RUTIN),
        NewTeamTerm(Term.TWELVE_MONTHS), AdminAction("menu"), UnlinkedUnits(0), UnlinkedPeople(3, 1),
        ActingAction("end", 6), ActingKindChoice(ActingKind.PLH), Requeue(11), RequeueAll(),
        AppointForm("send"), AppointStep("pick", 1, 0, 6), AcceptAppointment(3), AppointmentLetter("req", 3),
        ReplyOutcome("yes", 3),
    )} == {"pj:send", "pjs:pick:1:0:6", "pjt:3", "pjl:req:3", "pjr:yes:3",
           "ap:ok:7", "ap:ok:7:1",
           "aj:send", "aj:t:3", "rv:f:5:2", "rp:fix:9", "rp:p:c", "rq:d:7", "kc:1:2:force", "pc:1:2",
           "tr:4:pj", "tr:4:sk:8", "te:4:yes", "tx", "tn:k:rutin", "tn:p:12", "adm:menu", "adn:u:0", "adn:l:3:1",
           "apl:end:6", "apl:kind:plh", "oq:11", "oq:all"}


def _kinds(cls: type[CallbackData]):
    for sub in cls.__subclasses__():
        yield sub
        yield from _kinds(sub)


def test_every_button_kind_is_routed_and_the_longest_prefix_wins():
    kinds = [k for k in _kinds(CallbackData) if k.__prefix__ and k.__module__.startswith("handlers.")]
    assert len(kinds) > 30
    for kind in kinds:
        assert registry.callbacks[kind.__prefix__].kind is kind, kind
    assert registry.callback_route("rp:p:c").kind is ReportPeriod
    assert registry.callback_route("rp:send").kind is ReportAction
    assert registry.callback_route("oq:all").kind is RequeueAll
    assert registry.callback_route("oq:12").kind is Requeue
    assert registry.callback_route("zz:1") is None


# Conversation names and step values as the database holds them: forms open across an
# upgrade must carry on.
STORED_FORMS = {
    "admin_find": {"query"}, "admin_acting": {"acting", "kind", "period", "confirm"},
    "admin_import": {"file", "confirm"},
    "team_new": {"unit", "name", "kind", "goal", "period", "confirm"}, "candidacy_reject": {"reason"},
    "decree_reject": {"reason"},
    "report": {"choose", "period", "text", "files", "credit", "confirm"},
    "report_request": {"target", "due", "note", "confirm"},
    "report_note": {"text"}, "report_return": {"text"}, "apply": {"target", "motivation", "confirm"},
    "reject": {"reason"}, "kendala": {"team", "desc", "alts", "confirm"}, "kendala_decision": {"text"},
    "ketua_experience": {"text"},
    "ketua_consideration": {"text"},
    "member_input": {"member", "rating", "note"},
    "dialog_kinerja": {"expectations", "revision"},
    "appoint": {"assignee", "target", "institution", "work", "purpose", "competence", "expectation", "duration",
                "candidates", "confirm"},
    "appoint_reason": {"reason"}, "appoint_release": {"pick"},
    "appoint_reply": {"letter", "outcome", "names", "reason"},
    "pick_search": {"query"},
}


def test_stored_form_names_and_steps_are_unchanged():
    assert {name: {s.value for s in route.form.steps} for name, route in registry.conversations.items()} \
        == STORED_FORMS


class Step(StrEnum):
    FIRST = "first"
    LAST = "last"


FORM = Form("sample", Step)


def _conv(name: str, step: str) -> Conversation:
    return Conversation(1, 1, name, step, {"x": 1}, dt.datetime(2026, 1, 1))


def test_form_state_is_typed_and_ignores_other_forms_and_unknown_steps():
    state = FORM.state(_conv("sample", "last"))
    assert state is not None and state.step is Step.LAST and state.data == {"x": 1} and state.name == "sample"
    assert FORM.state(_conv("other", "last")) is None
    assert FORM.state(_conv("sample", "gone")) is None
    assert FORM.state(None) is None


async def test_form_open_advance_read_close(app):
    async with app.uow() as uow:
        ctx = Ctx(app, uow, Update(1, Sender(77), chat_id=77), app.clock(), translator("en"))
        assert await FORM.read(ctx) is None
        assert not await close(ctx)
        await FORM.open(ctx, Step.FIRST, {"a": 1})
        with pytest.raises(TypeError):
            await FORM.advance(ctx, "last", {})  # a step of this form, typed
        await FORM.advance(ctx, Step.LAST, {"a": 1, "b": 2})
        state = await FORM.read(ctx)
        assert state is not None and state.step is Step.LAST and state.data == {"a": 1, "b": 2}
        assert await Form("another", Step).read(ctx) is None
        assert await close(ctx)
        assert await FORM.read(ctx) is None


async def test_dispatch_refuses_what_does_not_unpack_and_forgets_unknown_steps(app, demo):
    budi = await linked(app, demo, "budi", 1001, lang="en")
    # found by the fuzzer: an id too large for the database reached a query (and the catch-all)
    huge = ("tm:1:99999999999999999999", "ap:ok:2147483648", "rq:d:-9223372036854775809")
    for raw in ("rp:p:zz", "tn:k:x", "oq:all:1", "kc:1", "adn:u:x", "aj:t:1:2", "rv:a:1", *huge):
        assert alerts(await budi.presses(raw)) == ["This button is not valid any more."], raw
    async with app.uow() as uow:  # a step this version does not know: no form is open
        await uow.conversations.set(1001, 1001, "apply", "gone", {}, app.clock())
        await uow.commit()
    assert texts(await budi.says("hello")) == ["I did not understand that. Send /help to see what I can do."]


def test_a_page_of_persetujuan_keeps_the_step_and_the_page_within_64_bytes():
    """ApplicationDecision carries the cross-unit step and the /persetujuan page at once."""
    widest = ApplicationDecision("no", 2**31 - 1, 2**31 - 1, 2**31 - 1)
    assert len(widest.pack().encode()) <= 64 and ApplicationDecision.unpack(widest.pack()) == widest
    assert ApplicationDecision("ok", 7, None, 2).pack() == "ap:ok:7::2"
