"""Upgrading a database that holds data. SQLite rebuilds a table to alter it: that must
work while other tables refer to it, and a broken key must stop the whole upgrade."""
import json
import sqlite3

import pytest

from storage.migrate import upgrade

ROWS = """
INSERT INTO units (id, code, name, kind) VALUES (1, 'U', 'Unit', 'dinas');
INSERT INTO employees (id, nip, name, jabatan_name, jabatan_kind, unit_id, active, extra) VALUES
  (1, '1', 'Applicant', 'x', 'pelaksana', 1, 1, '{}'), (2, '2', 'Plt', 'x', 'pelaksana', 1, 1, '{}'),
  (3, '3', 'Head', 'x', 'pelaksana', 1, 1, '{}'), (4, '4', 'Cc', 'x', 'pelaksana', 1, 1, '{}');
INSERT INTO applications (id, applicant_id, unit_id, target_text, motivation, scope, status, decider_id, version)
  VALUES (1, 1, 1, 'Tim A', 'alasan panjang', 'within_unit', 'approved', 2, 2),
         (2, 1, 1, 'Tim B', 'alasan panjang', 'within_unit', 'submitted', 3, 1);
INSERT INTO assignments (id, employee_id, unit_id, application_id, mode, form, description, issued_by_id)
  VALUES (1, 1, 1, 1, 'sukarela', 'individu', 'Tim A', 2);
"""


def test_routing_is_backfilled_from_the_submitted_decision(tmp_path):
    """0006 moves an application's routing (acting-for, tembusan) out of the audit trail
    into columns; the rebuilt applications table is one assignments refer to."""
    path = tmp_path / "old.db"
    upgrade(f"sqlite:///{path}", "0005")
    db = sqlite3.connect(path)
    db.executescript(ROWS)
    submitted = [(1, {"decider_id": 2, "acting_for_id": 3, "cc": [4]}), (2, {"decider_id": 3, "cc": []})]
    db.executemany("INSERT INTO decisions (subject_type, subject_id, actor_id, action, details, at) "
                   "VALUES ('application', ?, 1, 'submitted', ?, '2026-11-23 02:00:00')",
                   [(app_id, json.dumps(details)) for app_id, details in submitted])
    db.commit()
    db.close()

    upgrade(f"sqlite:///{path}")

    db = sqlite3.connect(path)
    rows = db.execute("SELECT id, acting_for_id, tembusan_ids FROM applications ORDER BY id").fetchall()
    assert [(i, a, json.loads(t)) for i, a, t in rows] == [(1, 3, [4]), (2, None, [])]
    assert db.execute("SELECT application_id FROM assignments").fetchall() == [(1,)]
    db.close()


def test_a_broken_foreign_key_rolls_the_whole_upgrade_back(tmp_path):
    path = tmp_path / "bad.db"
    upgrade(f"sqlite:///{path}", "0005")
    db = sqlite3.connect(path)  # keys are not enforced on this connection
    db.execute("INSERT INTO employees (id, nip, name, jabatan_name, jabatan_kind, unit_id, active, extra) "
               "VALUES (1, '1', 'A', 'x', 'pelaksana', 77, 1, '{}')")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="broken foreign keys"):
        upgrade(f"sqlite:///{path}")
    db = sqlite3.connect(path)
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("0005",)]
    db.close()
