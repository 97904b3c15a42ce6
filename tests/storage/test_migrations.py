"""Upgrading a database that holds data. SQLite rebuilds a table to alter it: that must
work while other tables refer to it, and a broken key must stop the whole upgrade."""
import json

import pytest

from storage.migrate import upgrade
from tests.sql import sql

ROWS = """
INSERT INTO units (id, code, name, kind) VALUES (1, 'U', 'Unit', 'dinas');
INSERT INTO employees (id, nip, name, jabatan_name, jabatan_kind, unit_id, active, extra) VALUES
  (1, '1', 'Applicant', 'x', 'pelaksana', 1, true, '{}'), (2, '2', 'Plt', 'x', 'pelaksana', 1, true, '{}'),
  (3, '3', 'Head', 'x', 'pelaksana', 1, true, '{}'), (4, '4', 'Cc', 'x', 'pelaksana', 1, true, '{}');
INSERT INTO applications (id, applicant_id, unit_id, target_text, motivation, scope, status, decider_id, version)
  VALUES (1, 1, 1, 'Tim A', 'alasan panjang', 'within_unit', 'approved', 2, 2),
         (2, 1, 1, 'Tim B', 'alasan panjang', 'within_unit', 'submitted', 3, 1);
INSERT INTO assignments (id, employee_id, unit_id, application_id, mode, form, description, issued_by_id)
  VALUES (1, 1, 1, 1, 'sukarela', 'individu', 'Tim A', 2);
"""


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def test_routing_is_backfilled_from_the_submitted_decision(blank_db_url):
    """0006 moves an application's routing (acting-for, tembusan) out of the audit trail
    into columns; the rebuilt applications table is one assignments refer to."""
    url = blank_db_url
    upgrade(url, "0005")
    for statement in filter(str.strip, ROWS.split(";")):
        sql(url, statement)
    submitted = [(1, {"decider_id": 2, "acting_for_id": 3, "cc": [4]}), (2, {"decider_id": 3, "cc": []})]
    for app_id, details in submitted:
        sql(url, "INSERT INTO decisions (subject_type, subject_id, actor_id, action, details, at) "
            "VALUES ('application', :app_id, 1, 'submitted', :details, '2026-11-23 02:00:00')",
            app_id=app_id, details=json.dumps(details))

    upgrade(url)

    rows = sql(url, "SELECT id, acting_for_id, tembusan_ids FROM applications ORDER BY id")
    assert [(i, a, _json(t)) for i, a, t in rows] == [(1, 3, [4]), (2, None, [])]
    assert sql(url, "SELECT application_id FROM assignments") == [(1,)]


@pytest.mark.parametrize("backend", ["sqlite"])  # PostgreSQL refuses the broken key at once
def test_a_broken_foreign_key_rolls_the_whole_upgrade_back(blank_db_url):
    url = blank_db_url
    upgrade(url, "0005")
    sql(url, "INSERT INTO employees (id, nip, name, jabatan_name, jabatan_kind, unit_id, active, extra) "
        "VALUES (1, '1', 'A', 'x', 'pelaksana', 77, true, '{}')", foreign_keys=False)
    with pytest.raises(RuntimeError, match="broken foreign keys"):
        upgrade(url)
    assert sql(url, "SELECT version_num FROM alembic_version") == [("0005",)]
