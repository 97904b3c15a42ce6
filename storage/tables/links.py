"""Who reaches the bot as whom: Telegram links and the single-use codes that make them,
HR admins (by Telegram user id), and the codes that bind a team's group chat."""
import sqlalchemy as sa

from storage.tables.base import metadata
from storage.types import UTCDateTime

telegram_links = sa.Table(
    "telegram_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, unique=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False, unique=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("language", sa.String(5), nullable=False),
    sa.Column("linked_at", UTCDateTime, nullable=False),
)

link_codes = sa.Table(
    "link_codes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(32), nullable=False, unique=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime),
    sa.Column("revoked_at", UTCDateTime),
)

admins = sa.Table(
    "admins", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False, unique=True),
    sa.Column("note", sa.String(200)),
    sa.Column("added_at", UTCDateTime, nullable=False),
)

group_bind_codes = sa.Table(
    "group_bind_codes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("created_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime),
)

# Failed `/start CODE` attempts, one row each, kept only while they count (a sliding
# window): in the database so the limit holds across restarts and several workers.
link_attempts = sa.Table(
    "link_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("attempted_at", UTCDateTime, nullable=False),
)
