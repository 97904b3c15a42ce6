"""Tables of the scheduler and of delivery: which reminder steps were sent (so a restart
neither skips nor repeats one), and which chats cannot be reached (the user blocked the
bot), so their unit head is told once."""
from __future__ import annotations

import sqlalchemy as sa

from storage.tables import metadata
from storage.types import UTCDateTime

schedule_sent = sa.Table(
    "schedule_sent", metadata,
    sa.Column("identity", sa.String(160), primary_key=True),
    sa.Column("notice_key", sa.String(160), nullable=False),  # the outbox key that settled it
    sa.Column("at", UTCDateTime, nullable=False),
)

unreachable_chats = sa.Table(
    "unreachable_chats", metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id")),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("since", UTCDateTime, nullable=False),
)
