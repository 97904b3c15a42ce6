"""What every update costs (issue 14): an update is claimed as seen in one statement and
handled once however often it is delivered; a chat's conversation is read once per update;
/start of a linked person reads their roles once for the help and the menu."""
from __future__ import annotations

from sqlalchemy import event

from handlers.core.dispatch import handle
from handlers.core.types import SetCommands
from tests.handlers.chat import button_data, buttons
from tests.handlers.test_voluntary_application import MOTIVATION, linked


class Statements:
    def __init__(self, app) -> None:
        self.engine, self.seen = app.uow.sessions.kw["bind"].sync_engine, []

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self.seen

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, conn, cursor, statement, *rest) -> None:
        self.seen.append(" ".join(statement.split()))


async def test_a_redelivered_update_is_handled_once_and_claimed_in_one_statement(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    update = budi._update(text="/status", message_id=5)
    with Statements(app) as seen:
        assert await handle(app, update)
    assert [s for s in seen if "processed_updates" in s] == [
        s for s in seen if s.startswith("INSERT INTO processed_updates")]
    assert len([s for s in seen if "processed_updates" in s]) == 1
    assert await handle(app, update) == []  # Telegram delivered it again


async def test_a_form_step_reads_the_conversation_once(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    replies = await budi.says("/ajukan")
    replies = await budi.presses(button_data(replies, "Keamanan"))
    with Statements(app) as seen:  # free text: dispatch looks up the conversation, the form reads it
        replies = await budi.says(MOTIVATION)
    assert "Kirim" in str(buttons(replies))
    reads = [s for s in seen if s.startswith("SELECT") and ("FROM conversations" in s or "JOIN conversations" in s)]
    assert len(reads) == 1  # with the sender's link, in dispatch's first read
    assert "telegram_links" in reads[0]


async def test_start_when_linked_reads_the_roles_once(app, demo):
    budi = await linked(app, demo, "budi", 1001)
    with Statements(app) as seen:
        replies = await handle(app, budi._update(text="/start", message_id=9))
    assert any(isinstance(r, SetCommands) and r.chat_id == 1001 for r in replies)
    roles = [s for s in seen if "admins" in s]
    assert len(roles) == 1  # admin, ketua, head and Plt/Plh in one statement
    assert all(table in roles[0] for table in ("teams", "units", "acting_officials"))
