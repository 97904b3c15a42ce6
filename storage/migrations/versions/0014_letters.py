"""the letter register (naskah dinas): letters and letter_recipients

Assignment letters and issued team decrees already on record are entered with a fresh
verification code each, so /cek and /surat find them too.

Revision ID: 0014_letters
Revises: 0013
Create Date: 2026-12-05 18:20:00
"""
import json
import secrets

import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0014_letters'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'letters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.Enum('penugasan', 'keputusan_tim', 'permohonan_pelibatan', 'jawaban', name='letterkind',
                                  native_enum=False, length=32, create_constraint=False), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('issued_at', storage.types.UTCDateTime(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('issuer_id', sa.Integer(), nullable=True),
        sa.Column('issuer_name', sa.String(length=200), nullable=False),
        sa.Column('issuer_jabatan', sa.String(length=200), nullable=False),
        sa.Column('issuer_nip', sa.String(length=32), nullable=False),
        sa.Column('recipients', sa.JSON(), nullable=False),
        sa.Column('tembusan', sa.JSON(), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('body', sa.JSON(), nullable=True),
        sa.Column('source_kind', sa.String(length=32), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('berlaku', 'dicabut', 'diganti', name='letterstatus', native_enum=False,
                                    length=12, create_constraint=False), nullable=False),
        sa.Column('status_reason', sa.Text(), nullable=True),
        sa.Column('status_at', storage.types.UTCDateTime(), nullable=True),
        sa.Column('replaced_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['issuer_id'], ['employees.id'], name=op.f('fk_letters_issuer_id_employees')),
        sa.ForeignKeyConstraint(['replaced_by_id'], ['letters.id'], name=op.f('fk_letters_replaced_by_id_letters')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_letters_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
        sa.UniqueConstraint('code', name=op.f('uq_letters_code')),
        sa.UniqueConstraint('number', name=op.f('uq_letters_number')),
    )
    with op.batch_alter_table('letters') as batch:
        batch.create_index('ix_letters_source', ['source_kind', 'source_id'], unique=False)
        batch.create_index(batch.f('ix_letters_issuer_id'), ['issuer_id'], unique=False)
    op.create_table(
        'letter_recipients',
        sa.Column('letter_id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['employee_id'], ['employees.id'],
                                name=op.f('fk_letter_recipients_employee_id_employees')),
        sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_letter_recipients_letter_id_letters')),
        sa.PrimaryKeyConstraint('letter_id', 'employee_id', name=op.f('pk_letter_recipients')),
    )
    with op.batch_alter_table('letter_recipients') as batch:
        batch.create_index(batch.f('ix_letter_recipients_employee_id'), ['employee_id'], unique=False)
    _backfill()


def new_code() -> str:
    """A verification code as domain.letters.new_code makes it (a copy: a migration must not change later)."""
    return "".join("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32] for b in secrets.token_bytes(10))


def _person(bind, employee_id):
    row = bind.execute(sa.text("SELECT name, jabatan_name, nip FROM employees WHERE id = :i"),
                       {"i": employee_id}).first()
    return row or ("", "", "")


def _enter(bind, number, kind, issued_at, unit_id, issuer_id, recipient_ids, subject, source_kind, source_id):
    name, jabatan, nip = _person(bind, issuer_id)
    recipients = []
    for rid in recipient_ids:
        r_name, r_jabatan, r_nip = _person(bind, rid)
        recipients.append({"name": r_name, "jabatan": r_jabatan, "nip": r_nip, "employee_id": rid})
    letter_id = bind.execute(sa.text(
        "INSERT INTO letters (number, kind, code, issued_at, unit_id, issuer_id, issuer_name, issuer_jabatan, "
        "issuer_nip, recipients, tembusan, subject, source_kind, source_id, status) VALUES (:number, :kind, :code, "
        ":issued_at, :unit_id, :issuer_id, :name, :jabatan, :nip, :recipients, '[]', :subject, :source_kind, "
        ":source_id, 'berlaku') RETURNING id"),
        {"number": number, "kind": kind, "code": new_code(), "issued_at": issued_at, "unit_id": unit_id,
         "issuer_id": issuer_id, "name": name, "jabatan": jabatan, "nip": nip,
         "recipients": json.dumps(recipients), "subject": subject[:300], "source_kind": source_kind,
         "source_id": source_id}).scalar_one()
    for rid in sorted(set(recipient_ids)):
        bind.execute(sa.text("INSERT INTO letter_recipients (letter_id, employee_id) VALUES (:l, :e)"),
                     {"l": letter_id, "e": rid})


def _backfill() -> None:
    bind = op.get_bind()
    for aid, number, employee_id, unit_id, description, issuer_id, issued_at in bind.execute(sa.text(
            "SELECT id, number, employee_id, unit_id, description, issued_by_id, issued_at FROM assignments "
            "WHERE number IS NOT NULL AND issued_at IS NOT NULL ORDER BY id")).all():
        _enter(bind, number, 'penugasan', issued_at, unit_id, issuer_id, [employee_id], description,
               'assignment', aid)
    for did, number, team_id, issuer_id, decided_at in bind.execute(sa.text(
            "SELECT id, number, team_id, issuer_id, decided_at FROM team_decrees "
            "WHERE status = 'issued' AND number IS NOT NULL ORDER BY id")).all():
        team = bind.execute(sa.text("SELECT name, unit_id FROM teams WHERE id = :t"), {"t": team_id}).first()
        members = [r[0] for r in bind.execute(sa.text(
            "SELECT employee_id FROM memberships WHERE team_id = :t AND left_at IS NULL"), {"t": team_id})]
        _enter(bind, number, 'keputusan_tim', decided_at, team[1] if team else None, issuer_id, members,
               f"Pembentukan {team[0] if team else ''}", 'team_decree', did)


def downgrade() -> None:
    with op.batch_alter_table('letter_recipients') as batch:
        batch.drop_index(batch.f('ix_letter_recipients_employee_id'))
    op.drop_table('letter_recipients')
    with op.batch_alter_table('letters') as batch:
        batch.drop_index(batch.f('ix_letters_issuer_id'))
        batch.drop_index('ix_letters_source')
    op.drop_table('letters')
