"""Fuzzing the conversation layer: the demo Pemda's people (and an HR admin, and a stranger)
send random text, files, commands with odd arguments and button data — genuine buttons from
earlier replies and notices, other people's buttons, valid prefixes with forged or garbage
fields — into every form of every feature, and no update may end in dispatch's catch-all.
Every reply must also be sendable: text ≤ 4096 chars, valid UTF-8, valid Telegram HTML,
button data ≤ 64 bytes.

Everything comes from `handlers.features.registry` (commands, button kinds, forms), so a
new feature is fuzzed without touching this file. Deterministic: derandomized, a bounded
number of examples, each at most STEPS updates long; each example starts from the same
snapshot of the linked demo Pemda with two staffed teams (so a failure replays exactly)."""
from __future__ import annotations

import dataclasses
import logging
import os
import shutil
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from bot.fake_api.html import EntityParseError, parse_html
from handlers.core import dispatch
from handlers.core.app import AppConfig
from handlers.core.buttons import MAX_BYTES, SEP, CallbackData
from handlers.core.context import keyboard_from_json
from handlers.core.types import AnswerCallback, Button, EditMessage, SendDocument, SendFile, SendMessage
from handlers.features import registry
from tests.handlers.chat import Person, buttons
from tests.handlers.test_reports import make_team

PEOPLE = ("kadis", "sekretaris", "kasubbag", "kabid_apt", "kabid_ikp", "budi", "dewi", "siti", "yoga", "andi")
ADMIN = 900_001  # an HR admin from SIKERJA_ADMINS, no employee
STRANGER = 900_002  # neither linked nor admin
LINKED_ADMIN_ID = 2000 + PEOPLE.index("sekretaris")  # also an HR admin
STEPS = 30
# The suite's fixed budget; raise it for a deeper hunt, e.g. SIKERJA_FUZZ_EXAMPLES=1000.
EXAMPLES = int(os.environ.get("SIKERJA_FUZZ_EXAMPLES", "50"))

# Commands that open forms (and the other commands) come straight from the registry.
COMMANDS = sorted(registry.commands)
KINDS: list[type[CallbackData]] = sorted({r.kind for r in registry.callbacks.values()},
                                         key=lambda k: k.__prefix__ or "")
FIELDS = {kind: list(kind._CallbackData__fields) for kind in KINDS}  # type: ignore[attr-defined]

# Who can open which form in the demo Pemda (after the snapshot's teams): examples mostly begin
# with one of these so that they get deep into a form; any command by anyone is fuzzed too.
HEADS = ("kadis", "sekretaris", "kabid_apt", "kabid_ikp")
OPENERS = [("ajukan", ("budi", "dewi", "siti", "yoga", "andi")), ("timbaru", HEADS),
           ("lapor", ("budi", "dewi", "andi", "yoga")), ("kendala", ("budi", "andi")),
           ("mintalaporan", (*HEADS, "budi", "andi")), ("admin", ("admin", "sekretaris")),
           ("tim", HEADS), ("persetujuan", HEADS), ("saya", ("sekretaris", "kadis"))]

# -- text ----------------------------------------------------------------------------------

NASTY = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\u202eevil\u202c", "\u200f\u200e", "\ufeff",
    "<b>bold</b>", "<script>alert(1)</script>", "</b>", "a & b", "&amp;", "&#0;", "<a href='x'>", "<",
    "💩" * 50, "é" * 4000, "x" * 4001, "y" * 10_000, "🏳️‍🌈", "\n\n\n", "\t", "-1", "0", "99999999999999999999",
    "1e309", "NaN", "2026-02-30", "31/12/2026", "'; DROP TABLE employees; --", "%s %d {0} {name}", "::::",
    "/", "//", "/ajukan@OtherBot", "@SikerjaBot",
]
SENSIBLE = [
    "Saya ingin berkontribusi pada tim ini karena pengalaman saya di bidang keamanan informasi.",
    "Tim Keamanan Siber", "Meningkatkan layanan publik", "Kegiatan berjalan sesuai rencana.",
    "Server down", "Pindah ke cloud", "Ganti vendor", "ok", "ya", "3", "7", "14", "1", "budi", "Dewi", "199",
    "2026-12-01", "01-12-2026", "Alasan: belum memenuhi syarat kompetensi.",
]
SURROGATE_FREE = st.characters(codec="utf-8")
ANY_CHAR = st.characters()  # includes lone surrogates: every Update is made valid UTF-8
def texts_strategy() -> st.SearchStrategy[str]:
    return _any_text()


def _any_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SENSIBLE),
        st.sampled_from(SENSIBLE),
        st.sampled_from(NASTY),
        st.text(SURROGATE_FREE, max_size=60),
        st.text(ANY_CHAR, max_size=30),
        st.builds(lambda a, b: a + b, st.sampled_from(SENSIBLE + NASTY), st.sampled_from(NASTY)),
    )


# -- button data ---------------------------------------------------------------------------

def _field_values(f) -> st.SearchStrategy:
    if isinstance(f.kind, tuple):
        values: st.SearchStrategy = st.sampled_from(f.kind)
    elif f.kind is int:
        values = st.one_of(st.integers(0, 60), st.sampled_from([-1, 2**31, 2**63, 10**30]))
    elif f.kind is str:
        values = st.one_of(st.sampled_from(["id", "en", "xx", "0"]),
                           st.text(SURROGATE_FREE, min_size=1, max_size=8).filter(lambda s: SEP not in s))
    elif isinstance(f.kind, type) and issubclass(f.kind, Enum):
        values = st.sampled_from(list(f.kind))
    else:  # pragma: no cover - buttons.py refuses other field types
        raise TypeError(f.kind)
    return st.one_of(st.none(), values) if f.optional else values


def _packed(kind: type[CallbackData], values: list) -> str | None:
    try:
        return kind(*values).pack()
    except (ValueError, TypeError):
        return None


@st.composite
def forged_button(draw) -> str:
    """A well-formed button of a registered kind, with ids that may be anyone's or no one's."""
    kind = draw(st.sampled_from(KINDS))
    raw = _packed(kind, [draw(_field_values(f)) for f in FIELDS[kind]])
    return raw if raw is not None else kind.__prefix__  # type: ignore[return-value]


@st.composite
def garbled_button(draw) -> str:
    """A registered prefix followed by garbage: wrong field count, non-canonical ints, odd text."""
    prefix = draw(st.sampled_from(KINDS)).__prefix__
    junk = st.one_of(st.sampled_from(["", "01", "+1", " 1", "-0", "1_0", "x", "None", "ok", "🙂", "\x00", "\ud800"]),
                     st.text(ANY_CHAR, max_size=6))
    parts = draw(st.lists(junk, max_size=5))
    raw = SEP.join([prefix, *parts])
    return draw(st.sampled_from([raw, raw + SEP, raw * 3, raw + "x" * 64]))


def button_data_strategy(seen: list[str]) -> st.SearchStrategy[str]:
    options = [forged_button(), garbled_button(), st.text(ANY_CHAR, max_size=70)]
    if seen:
        options.append(st.sampled_from(seen))  # someone else's genuine button
    return st.one_of(*options)


# -- checks on what the bot says -----------------------------------------------------------

def _check_html(text: str, what: str) -> None:
    try:
        parse_html(text)
    except EntityParseError as err:
        raise AssertionError(f"{what} is not valid Telegram HTML ({err}): {text!r}") from None


def check_sendable(text: str | None, limit: int, what: str, html: bool = True) -> None:
    if text is None:
        return
    assert len(text) <= limit, f"{what} is {len(text)} chars (max {limit}): {text[:200]!r}…"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise AssertionError(f"{what} is not valid UTF-8: {text!r}") from None
    if html:
        _check_html(text, what)


def check_keyboard(kb, what: str) -> None:
    for row in kb or ():
        for b in row:
            check_sendable(b.text, 4096, f"{what} button text", html=False)
            assert len(b.data.encode()) <= MAX_BYTES, f"{what} button data over {MAX_BYTES} bytes: {b.data!r}"


def check_replies(replies) -> None:
    for r in replies:
        if isinstance(r, (SendMessage, EditMessage)):
            check_sendable(r.text, 4096, type(r).__name__)
            check_keyboard(r.keyboard, type(r).__name__)
        elif isinstance(r, AnswerCallback):
            check_sendable(r.text, 200, "callback answer", html=False)
        elif isinstance(r, (SendDocument, SendFile)):
            check_sendable(r.caption, 1024, "caption")


# -- the fuzzer ----------------------------------------------------------------------------

class Failures(logging.Handler):
    """Catches dispatch's catch-all ('Update … failed, reference …')."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class World:
    """The people, what each was last shown, and every button anyone was ever shown."""

    def __init__(self, app, demo) -> None:
        self.app = app = dataclasses.replace(app, on_outbox=self._queued)
        self.queued = False
        self.people = [Person(app, 2000 + i, key) for i, key in enumerate(PEOPLE)]
        self.people += [Person(app, ADMIN, "admin"), Person(app, STRANGER, "Asing", lang="en")]
        self.demo = demo
        self.last: dict[int, list[str]] = {}  # telegram id -> button data of their latest replies
        self.seen: list[str] = []
        self.outbox_seen = 0
        self.notified: list[Person] = []  # recipients of the notices the latest update queued

    async def link_everyone(self) -> None:
        for person, key in zip(self.people, PEOPLE, strict=False):
            await person.says(f"/start {self.demo[key].code}")

    def person(self, key: str) -> Person:
        return next(p for p in self.people if p.name == key)

    def shown(self, person: Person, replies) -> None:
        data = [raw for _, raw in buttons(replies)]
        if data:
            self.last[person.id] = data
            self.seen.extend(d for d in data if d not in self.seen)

    def _queued(self) -> None:
        self.queued = True

    async def harvest_outbox(self) -> None:
        """Notices queued for others are replies too: check them and let their recipient press them."""
        self.notified = []
        if not self.queued:
            return
        self.queued = False
        async with self.app.uow() as uow:
            messages = [m for m in await uow.outbox.all() if (m.id or 0) > self.outbox_seen]
        self.notified = [p for p in self.people if any(m.chat_id == p.id for m in messages)]
        for m in messages:
            self.outbox_seen = max(self.outbox_seen, m.id or 0)
            check_sendable(m.payload.get("text"), 4096, "notice")
            kb = keyboard_from_json(m.payload.get("keyboard"))
            check_keyboard(kb, "notice")
            data = [b.data for row in kb or () for b in row]
            if data:
                self.last[m.chat_id] = data
                self.seen.extend(d for d in data if d not in self.seen)


async def step(world: World, data, actor: Person) -> None:
    action = data.draw(st.sampled_from(["command", "text", "text", "text", "file", "press", "press", "press", "press",
                                        "forge"]), label="action")
    if action == "command":
        name = data.draw(st.sampled_from([*COMMANDS, "tidakada", "AJUKAN", ""]), label="command")
        suffix = data.draw(st.sampled_from(["", "@SikerjaBot", "@OtherBot"]))
        args = data.draw(st.one_of(st.just(""), texts_strategy(), st.integers(-5, 99).map(str)), label="args")
        chat = data.draw(st.sampled_from(["private"] * 5 + ["group"]), label="chat")
        replies = await actor.says(f"/{name}{suffix} {args}".rstrip(), chat_type=chat)
    elif action == "text":
        text = data.draw(texts_strategy(), label="text")
        replies = await actor.says(text)
    elif action == "file":
        if data.draw(st.booleans(), label="photo"):
            replies = await actor.sends_photo(size=data.draw(st.sampled_from([0, 1, 10**9])))
        else:
            replies = await actor.sends_file(
                name=data.draw(st.one_of(st.sampled_from(["laporan.pdf", "a.exe", "", "x" * 300, "<b>.pdf"]),
                                         st.text(ANY_CHAR, max_size=20)), label="file name"),
                mime=data.draw(st.sampled_from([None, "application/pdf", "image/png", "text/html", ""])),
                size=data.draw(st.sampled_from([0, 1, 1234, 20 * 2**20, 2**40, -1])),
                file_id=data.draw(st.sampled_from(["FILE1", "FILE2", "x" * 200])))
    elif action == "press" and world.last.get(actor.id):
        onward = [d for d in world.last[actor.id] if not d.endswith(("cancel", ":x"))]  # cancel less often
        raw = data.draw(st.sampled_from(onward if onward and data.draw(st.integers(0, 3)) else world.last[actor.id]),
                        label="genuine button")
        replies = await actor.presses(raw, message_id=data.draw(st.integers(1, 200)))
    else:
        raw = data.draw(button_data_strategy(world.seen), label="button data")
        replies = await actor.presses(raw)
    check_replies(replies)
    world.shown(actor, replies)
    await world.harvest_outbox()


class Snapshot:
    """The linked demo Pemda, restored before each example so that every example (and its
    replay when Hypothesis shrinks a failure) starts from the same database: a copy of the
    SQLite file, or a PostgreSQL database made from the saved one as template."""

    def __init__(self, engine, db_url: str, clock, pg) -> None:
        self.engine, self.clock, self.start, self.pg = engine, clock, clock.now, pg
        url = make_url(db_url)
        self.database = url.database or ""
        self.saved = f"{self.database}_snapshot" if pg else str(Path(self.database).with_suffix(".snapshot"))

    async def save(self) -> None:
        await self.engine.dispose()  # SQLite: checkpoints the WAL into the file; PostgreSQL: no one connected
        if self.pg:
            await self.pg.copy_async(self.database, self.saved)
        else:
            shutil.copy(self.database, self.saved)

    async def restore(self) -> None:
        await self.engine.dispose()
        if self.pg:
            await self.pg.copy_async(self.saved, self.database)
        else:
            _copy_database(Path(self.saved), Path(self.database))
        self.clock.now = self.start

    async def discard(self) -> None:
        if self.pg:
            await self.pg.drop_async(self.saved)


def _copy_database(source: Path, target: Path) -> None:
    for extra in ("-wal", "-shm"):  # a closed database's WAL is already in the file
        Path(f"{target}{extra}").unlink(missing_ok=True)
    shutil.copy(source, target)


@pytest.fixture
async def snapshot(app, demo, engine, db_url, clock, backend, request):
    admin_app = dataclasses.replace(app, config=AppConfig(admin_telegram_ids=frozenset({ADMIN, LINKED_ADMIN_ID})))
    await World(admin_app, demo).link_everyone()
    # Teams with a ketua, members and a pengendali, so /lapor, /kendala and reviews have something to do.
    await make_team(admin_app, demo, "kabid_apt", "budi", ["dewi"])
    await make_team(admin_app, demo, "sekretaris", "andi", ["yoga"], pengendali="dewi")
    snap = Snapshot(engine, db_url, clock, request.getfixturevalue("pg_server") if backend == "pg" else None)
    await snap.save()
    yield snap, admin_app, demo
    await snap.discard()


@pytest.fixture
def failures():
    handler = Failures()
    dispatch.log.addHandler(handler)
    yield handler
    dispatch.log.removeHandler(handler)


@pytest.mark.parametrize("profile_name", ["nasional", "surakarta"])
# No shrinking: a failure prints its draws at once instead of spending minutes minimising them.
@settings(derandomize=True, database=None, deadline=None, max_examples=EXAMPLES, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck), print_blob=False)
@given(data=st.data())
async def test_no_update_ends_in_the_catch_all(snapshot, failures, clock, profile_name, data) -> None:
    snap, app, demo = snapshot
    await snap.restore()
    failures.records.clear()
    world = World(app, demo)
    if data.draw(st.integers(0, 9)) < 7:
        opener, who = data.draw(st.sampled_from([o for o in OPENERS if o[0] in registry.commands]), label="opener")
        actor = world.person(data.draw(st.sampled_from(who), label="actor"))
    else:
        opener = data.draw(st.sampled_from(COMMANDS), label="opening command")
        actor = data.draw(st.sampled_from(world.people), label="actor")
    check_replies(replies := await actor.says(f"/{opener}"))
    world.shown(actor, replies)
    for _ in range(data.draw(st.integers(1, STEPS), label="steps")):
        if world.notified and data.draw(st.booleans()):  # the approver acts on the notice
            actor = data.draw(st.sampled_from(world.notified), label="notified actor")
            world.notified = []
        elif data.draw(st.integers(0, 9)) == 0:  # mostly one person fills in their form
            # often someone who was just shown buttons, e.g. the approver of a notice
            shown = [p for p in world.people if world.last.get(p.id)]
            actor = data.draw(st.sampled_from(shown if shown and data.draw(st.booleans()) else world.people),
                              label="actor")
        if data.draw(st.integers(0, 19)) == 0:
            clock.advance(hours=data.draw(st.sampled_from([1, 25, 24 * 8, 24 * 40])))
        await step(world, data, actor)
        if failures.records:
            record = failures.records[0]
            trace = logging.Formatter().formatException(record.exc_info) if record.exc_info else ""
            raise AssertionError(f"{record.getMessage()}\n{trace}")


def test_every_button_kind_and_command_is_fuzzed() -> None:
    """The fuzzer takes its targets from the registry: nothing registered is left out."""
    assert {k.__prefix__ for k in KINDS} == set(registry.callbacks)
    assert set(COMMANDS) == set(registry.commands) and registry.conversations


@pytest.mark.parametrize("reply", [
    SendMessage(1, "<x>1 < 2</x>"), SendMessage(1, "a & b"), SendMessage(1, "x" * 4097),
    AnswerCallback("1", "y" * 201), SendFile(1, "F", "photo", caption="<b>"),
    SendMessage(1, "ok", keyboard=((Button("b", "x" * 65),),)),
])
def test_the_checks_catch_an_unsendable_reply(reply) -> None:
    with pytest.raises(AssertionError):
        check_replies([reply])
