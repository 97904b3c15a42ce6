"""Talking with users: the transactional outbox, conversation state, the reminder steps
already sent (so a restart neither skips nor repeats one), chats that cannot be reached
(the user blocked the bot; their unit head is told once), and the Telegram updates
already handled (each is handled once, even if delivered twice)."""
import sqlalchemy as sa

from storage.tables.base import metadata
from storage.types import UTCDateTime

outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(160), nullable=False, unique=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("message_id", sa.BigInteger),  # Telegram's id of the sent message
    sa.Column("card", sa.String(80)),  # the decision card it carries (handlers.core.cards)
    sa.Index("ix_outbox_due", "status", "next_attempt_at"),
    sa.Index("ix_outbox_card", "card"),
    sa.Index("ix_outbox_sent_at", "sent_at"),  # retention: sent and dead notices past the kept days
)

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("step", sa.String(40), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("telegram_user_id", "chat_id", name="uq_conversations_user_chat"),
)

schedule_sent = sa.Table(
    "schedule_sent", metadata,
    sa.Column("identity", sa.String(160), primary_key=True),
    sa.Column("notice_key", sa.String(160), nullable=False),  # the outbox key that settled it
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_schedule_sent_at", "at"),
)

unreachable_chats = sa.Table(
    "unreachable_chats", metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id")),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("since", UTCDateTime, nullable=False),
)

processed_updates = sa.Table(
    "processed_updates", metadata,
    sa.Column("update_key", sa.String(64), primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_processed_updates_at", "at"),
)

# Several workers on one database (bot/cluster.py): who leads (drains the outbox, runs the
# scheduler) and which worker is handling a chat right now. A lease is held until
# `expires_at` and renewed by a live holder; an expired one may be taken by anyone.
leases = sa.Table(
    "leases", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(64), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)
