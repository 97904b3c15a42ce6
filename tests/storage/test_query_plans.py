"""The lookups every command makes read an index, whatever the size of the Pemda (issue 14):
SQLite's plan for each names an index and sorts nothing in a temporary B-tree."""
import pytest
from sqlalchemy import text

QUERIES = {  # the SQL of the repositories' queries, as SQLite sees them
    "pending_for": ("SELECT id FROM applications WHERE decider_id = 1 AND status = 'submitted' "
                    "ORDER BY submitted_at LIMIT 20", "ix_applications_pending"),
    "waiting_for": ("SELECT id FROM reports WHERE current_reviewer_id = 1 AND status = 'submitted' "
                    "ORDER BY submitted_at, id", "ix_reports_current_reviewer"),
    "units_headed_by": ("SELECT id FROM units WHERE head_id = 1", "ix_units_head_id"),
    "led_by": ("SELECT id FROM teams WHERE ketua_id = 1 AND status != 'ended'", "ix_teams_ketua_id"),
}


@pytest.mark.parametrize("backend", ["sqlite"])  # reads SQLite's EXPLAIN QUERY PLAN
@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_the_lookup_reads_its_index(app, name):
    query, index = QUERIES[name]
    async with app.uow() as uow:
        plan = " | ".join(row[-1] for row in await uow.session.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    assert index in plan and "TEMP B-TREE" not in plan, plan
