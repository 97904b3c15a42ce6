"""The Ketua's input on each member's performance, per team and period (rule 48)."""
import sqlalchemy as sa

from domain.member_input import MemberRating
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

member_inputs = sa.Table(
    "member_inputs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("ketua_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("member_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("period_key", sa.String(16), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("rating", enum_column(MemberRating)),
    sa.Column("recipient_ids", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime),
    # one input per member, team and period: a second send is refused, not doubled
    sa.UniqueConstraint("team_id", "member_id", "period_key", name="uq_member_inputs_team_member_period"),
)
