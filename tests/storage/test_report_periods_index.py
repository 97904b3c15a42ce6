"""/rekap and the reminder tick read the reports of many teams for two periods: SQLite finds
them through (team_id, period_key), never by reading every period a team has behind it."""
from __future__ import annotations

import pytest

from tests.sql import sql


@pytest.mark.parametrize("backend", ["sqlite"])  # reads SQLite's EXPLAIN QUERY PLAN
def test_reports_of_teams_for_periods_use_the_team_period_index(db_url) -> None:
    plan = sql(db_url, "EXPLAIN QUERY PLAN SELECT id FROM reports WHERE team_id IN (1, 2, 3) "
                       "AND period_key IN ('2026-Q3', '2026-Q4') AND request_id IS NULL")
    assert any("ix_reports_team_period (team_id=? AND period_key=?)" in row[-1] for row in plan), plan
