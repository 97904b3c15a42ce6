"""What only ever grew is pruned (issue 14): handled-update keys after a week, delivered or dead
notices after `notices_kept_days`, reminder steps after SCHEDULE_KEPT; pending notices stay.
Each prune finds its rows through an index, and the read-only unit of work takes no write lock."""
import dataclasses
import datetime as dt

import pytest
from sqlalchemy import insert, select, text

from handlers.schedule.jobs import SCHEDULE_KEPT, prune_history
from storage.tables.messaging import outbox, processed_updates, schedule_sent

NOW = dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)


async def _fill(app, old: dt.datetime, new: dt.datetime) -> None:
    async with app.uow() as uow:
        await uow.session.execute(insert(processed_updates), [{"update_key": f"u{i}", "at": at}
                                                              for i, at in enumerate((old, old, new))])
        rows = [("sent-old", "sent", old), ("sent-new", "sent", new), ("dead-old", "dead", None),
                ("pending-old", "pending", None)]
        await uow.session.execute(insert(outbox), [
            {"key": key, "chat_id": 1, "payload": {}, "status": status, "attempts": 1, "created_at": old,
             "sent_at": sent_at} for key, status, sent_at in rows])
        await uow.session.execute(insert(schedule_sent), [
            {"identity": "ancient", "notice_key": "k", "at": NOW - SCHEDULE_KEPT - dt.timedelta(days=1)},
            {"identity": "recent", "notice_key": "k", "at": old}])
        await uow.commit()


async def test_prune_keeps_what_is_recent_or_pending(app):
    app = dataclasses.replace(app, config=dataclasses.replace(app.config, notices_kept_days=30))
    await _fill(app, old=NOW - dt.timedelta(days=40), new=NOW - dt.timedelta(days=1))
    assert await prune_history(app, NOW) == {"updates": 2, "outbox": 2, "schedule": 1}
    async with app.uow() as uow:
        assert list(await uow.session.scalars(select(processed_updates.c.update_key))) == ["u2"]
        assert sorted(await uow.session.scalars(select(outbox.c.key))) == ["pending-old", "sent-new"]
        assert list(await uow.session.scalars(select(schedule_sent.c.identity))) == ["recent"]
    assert await prune_history(app, NOW) == {"updates": 0, "outbox": 0, "schedule": 0}


@pytest.mark.parametrize("backend", ["sqlite"])  # reads SQLite's EXPLAIN QUERY PLAN
async def test_each_prune_reads_an_index(app):
    plans = {
        "processed_updates": "SELECT update_key FROM processed_updates WHERE at < '2026-01-01' ORDER BY at LIMIT 10",
        "outbox": "SELECT id FROM outbox WHERE status = 'sent' AND sent_at < '2026-01-01' LIMIT 10",
        "schedule_sent": "SELECT identity FROM schedule_sent WHERE at < '2026-01-01' LIMIT 10",
    }
    async with app.uow() as uow:
        for table, query in plans.items():
            plan = " ".join(row[-1] for row in await uow.session.execute(text(f"EXPLAIN QUERY PLAN {query}")))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (table, plan)


async def test_a_read_only_unit_of_work_leaves_the_write_lock_free(app):
    async with app.uow.read_only() as reader:
        await reader.session.execute(select(processed_updates.c.update_key))
        async with app.uow() as writer:  # would wait for the busy timeout behind BEGIN IMMEDIATE
            await writer.session.execute(insert(processed_updates).values(update_key="w", at=NOW))
            await writer.commit()
