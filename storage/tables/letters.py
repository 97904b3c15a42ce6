"""The letter register (domain.letters): every letter the bot issues, its verification code and whether it
still stands; letter_recipients indexes who each letter is addressed to (for /surat)."""
import sqlalchemy as sa

from domain.letters import LetterKind, LetterStatus
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

letters = sa.Table(
    "letters", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(64), nullable=False, unique=True),
    sa.Column("kind", enum_column(LetterKind, length=32), nullable=False),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("issued_at", UTCDateTime, nullable=False),
    sa.Column("unit_id", sa.ForeignKey("units.id")),
    # the signer as they were on the day: the letter keeps its signature when the person moves on
    sa.Column("issuer_id", sa.ForeignKey("employees.id"), index=True),
    sa.Column("issuer_name", sa.String(200), nullable=False),
    sa.Column("issuer_jabatan", sa.String(200), nullable=False),
    sa.Column("issuer_nip", sa.String(32), nullable=False),
    sa.Column("recipients", sa.JSON, nullable=False),
    sa.Column("tembusan", sa.JSON, nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("body", sa.JSON),  # None: drawn again from the source record
    sa.Column("source_kind", sa.String(32), nullable=False),
    sa.Column("source_id", sa.Integer, nullable=False),
    sa.Column("status", enum_column(LetterStatus, length=12), nullable=False),
    sa.Column("status_reason", sa.Text),
    sa.Column("status_at", UTCDateTime),
    sa.Column("replaced_by_id", sa.ForeignKey("letters.id")),
    sa.Index("ix_letters_source", "source_kind", "source_id"),
)

letter_recipients = sa.Table(
    "letter_recipients", metadata,
    sa.Column("letter_id", sa.ForeignKey("letters.id"), primary_key=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), primary_key=True, index=True),
)
