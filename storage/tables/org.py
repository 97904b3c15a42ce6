"""The organisation: units, employees, acting officials (Plt/Plh), and unit heads named by
a units import before their employee record exists."""
import sqlalchemy as sa

from domain.acting import ActingKind
from domain.org import Education, JabatanKind, Jenjang, UnitKind
from storage.tables.base import metadata
from storage.types import GolonganType, UTCDateTime, enum_column

units = sa.Table(
    "units", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(40), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", enum_column(UnitKind), nullable=False),
    sa.Column("parent_id", sa.ForeignKey("units.id"), index=True),
    sa.Column("head_id", sa.ForeignKey("employees.id", use_alter=True, name="fk_units_head_id_employees")),
    sa.Index("ix_units_head_id", "head_id"),  # "which units do I head", on every unit head's command
)

employees = sa.Table(
    "employees", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("jabatan_name", sa.String(200), nullable=False),
    sa.Column("jabatan_kind", enum_column(JabatanKind), nullable=False),
    sa.Column("jenjang", enum_column(Jenjang)),
    sa.Column("golongan", GolonganType()),
    sa.Column("education", enum_column(Education, 4)),
    sa.Column("unit_id", sa.ForeignKey("units.id"), nullable=False, index=True),
    sa.Column("rater_id", sa.ForeignKey("employees.id"), index=True),
    sa.Column("phone", sa.String(30)),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("extra", sa.JSON, nullable=False, default=dict),
)

acting_officials = sa.Table(
    "acting_officials", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("official_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("acting_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("kind", enum_column(ActingKind, 8), nullable=False),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ends_on", sa.Date, nullable=False),
    sa.Column("created_by", sa.BigInteger),  # the admin's Telegram user id (admins need not be employees)
    sa.Column("created_at", UTCDateTime),
)

pending_unit_heads = sa.Table(
    "pending_unit_heads", metadata,
    sa.Column("unit_id", sa.ForeignKey("units.id"), primary_key=True),
    sa.Column("head_nip", sa.String(18), nullable=False),
)
