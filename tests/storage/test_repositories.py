"""Repositories and the unit of work on a real SQLite database."""
import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from domain.org import Employee, JabatanKind, Unit, UnitKind
from storage.records import Decision

NOW = dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_sqlite_runs_in_wal_with_foreign_keys(app):
    async with app.uow() as uow:
        assert (await uow.session.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await uow.session.execute(text("PRAGMA foreign_keys"))).scalar() == 1


async def test_uncommitted_work_is_rolled_back(app):
    async with app.uow() as uow:
        uow.org.add(Unit(None, "X", "Unit X", UnitKind.DINAS))
    async with app.uow() as uow:
        assert await uow.org.unit_by_code("X") is None


async def test_foreign_keys_are_enforced(app):
    async with app.uow() as uow:
        uow.org.add(Employee(None, "199003212015031001", "A", "Pelaksana", JabatanKind.PELAKSANA, unit_id=424242))
        with pytest.raises(IntegrityError):
            await uow.commit()


async def test_domain_values_round_trip(app, demo):
    async with app.uow() as uow:
        budi = await uow.org.employee_by_nip("199003212015031001")
        assert str(budi.golongan) == "III/b" and budi.jabatan_kind is JabatanKind.FUNGSIONAL
        link_code = await uow.links.code(demo["budi"].code)
        assert link_code.expires_at.tzinfo is not None and link_code.usable(NOW)


async def test_counters_are_gap_free_per_name(app):
    async with app.uow() as uow:
        assert [await uow.counters.next("PS-2026") for _ in range(3)] == [1, 2, 3]
        assert await uow.counters.next("ST-2026") == 1
        await uow.commit()
    async with app.uow() as uow:
        assert await uow.counters.next("PS-2026") == 4


async def test_outbox_enqueue_is_idempotent_by_key(app):
    async with app.uow() as uow:
        assert await uow.outbox.enqueue("k1", 1, {"text": "a"}, NOW)
        await uow.flush()
        assert not await uow.outbox.enqueue("k1", 1, {"text": "a"}, NOW)
        await uow.commit()
    async with app.uow() as uow:
        assert [m.key for m in await uow.outbox.due(NOW)] == ["k1"]


async def test_audit_trail_in_order(app, demo):
    budi = demo["budi"].employee
    async with app.uow() as uow:
        for action in ("submitted", "rejected"):
            uow.decisions.add(Decision("application", 1, budi.id, action, NOW, reason="alasan yang cukup"))
        await uow.commit()
    async with app.uow() as uow:
        assert [d.action for d in await uow.decisions.for_subject("application", 1)] == ["submitted", "rejected"]


async def test_conversation_state_survives_sessions(app):
    async with app.uow() as uow:
        await uow.conversations.set(1, 1, "apply", "motivation", {"target": "Tim A"}, NOW)
        await uow.commit()
    async with app.uow() as uow:
        conv = await uow.conversations.get(1, 1)
        assert (conv.step, conv.data) == ("motivation", {"target": "Tim A"})


async def test_update_keys_are_recorded_once_and_pruned_by_age(app):
    async with app.uow() as uow:
        assert not await uow.updates.seen("41")
        await uow.updates.record("41", NOW - dt.timedelta(days=8))
        await uow.updates.record("42", NOW - dt.timedelta(days=1))
        await uow.commit()
    async with app.uow() as uow:
        assert await uow.updates.seen("41") and await uow.updates.seen("42")
        with pytest.raises(IntegrityError):
            await uow.updates.record("42", NOW)
    async with app.uow() as uow:
        assert await uow.updates.prune(NOW - dt.timedelta(days=7)) == 1
        await uow.commit()
    async with app.uow() as uow:
        assert not await uow.updates.seen("41") and await uow.updates.seen("42")
