"""0014 enters the letters issued before the register (assignment letters, issued team decrees) so that
/cek and /surat find them too, each under its old number with a fresh verification code."""
import json

from domain.letters import looks_like_code
from storage.migrate import upgrade
from tests.sql import sql

ROWS = """
INSERT INTO units (id, code, name, kind) VALUES (1, 'U', 'Unit', 'dinas');
INSERT INTO employees (id, nip, name, jabatan_name, jabatan_kind, unit_id, active, extra) VALUES
  (1, '111', 'Ni Luh Putu Ayu Dewi Çandra', 'Analis', 'pelaksana', 1, true, '{}'),
  (2, '222', 'Kepala', 'Kepala Bidang', 'struktural', 1, true, '{}');
INSERT INTO teams (id, unit_id, name, kind, status, goal, target) VALUES (1, 1, 'Tim A', 'rutin', 'active', 'g', '');
INSERT INTO assignments (id, number, employee_id, unit_id, team_id, mode, form, description, issued_by_id, issued_at)
  VALUES (1, 'ST-2026-00001', 1, 1, 1, 'penunjukan', 'tim', 'Tim A', 2, '2026-11-23 02:00:00'),
         (2, NULL, 1, 1, NULL, 'penunjukan', 'individu', 'no number', 2, NULL);
INSERT INTO memberships (id, team_id, employee_id, role, joined_at, assignment_id)
  VALUES (1, 1, 1, 'anggota', '2026-11-23 02:00:00', 1);
INSERT INTO team_decrees (id, team_id, ketua_id, issuer_id, issuer_role, proposed_by_id, status, number, created_at,
  decided_at) VALUES (1, 1, 1, 2, 'unit_head', 2, 'issued', 'KT-2026-00001', '2026-11-23 02:00:00',
  '2026-11-23 02:00:00'), (2, 1, 1, 2, 'unit_head', 2, 'rejected', NULL, '2026-11-23 02:00:00', NULL);
"""


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def test_letters_already_issued_are_entered_in_the_register(blank_db_url):
    url = blank_db_url
    upgrade(url, "0013")
    for statement in filter(str.strip, ROWS.split(";")):
        sql(url, statement)

    upgrade(url)

    rows = sql(url, "SELECT number, kind, code, issuer_name, issuer_nip, recipients, subject, source_kind, "
                    "source_id, status FROM letters ORDER BY id")
    assert [(r[0], r[1], r[3], r[4], r[6], r[7], r[8], r[9]) for r in rows] == [
        ("ST-2026-00001", "penugasan", "Kepala", "222", "Tim A", "assignment", 1, "berlaku"),
        ("KT-2026-00001", "keputusan_tim", "Kepala", "222", "Pembentukan Tim A", "team_decree", 1, "berlaku")]
    assert all(looks_like_code(r[2]) for r in rows) and rows[0][2] != rows[1][2]
    assert _json(rows[0][5]) == [{"name": "Ni Luh Putu Ayu Dewi Çandra", "jabatan": "Analis", "nip": "111",
                                  "employee_id": 1}]
    assert sql(url, "SELECT letter_id, employee_id FROM letter_recipients ORDER BY letter_id") == [(1, 1), (2, 1)]
