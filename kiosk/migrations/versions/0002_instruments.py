"""instruments: the immutable `readings` table (weight, Brix, pesticide screen)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

import kiosk.models.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

IMMUTABLE = "readings are immutable: record a re-test instead"


def upgrade() -> None:
    op.create_table(
        'readings',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('value', sa.Double(), nullable=True),
        sa.Column('unit', sa.String(length=16), nullable=False),
        sa.Column('stable', sa.Boolean(), nullable=False),
        sa.Column('verdict', sa.String(length=24), nullable=True),
        sa.Column('verdict_label', sa.String(), nullable=True),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('raw_hex', sa.Text(), nullable=False),
        sa.Column('sample_id', sa.String(length=64), nullable=True),
        sa.Column('product', sa.String(), nullable=True),
        sa.Column('variety', sa.String(), nullable=True),
        sa.Column('batch_id', sa.String(length=64), nullable=True),
        sa.Column('lot', sa.String(), nullable=True),
        sa.Column('supplier_id', sa.String(length=64), nullable=True),
        sa.Column('origin', sa.String(), nullable=True),
        sa.Column('context', sa.String(length=16), nullable=False),
        sa.Column('session_id', sa.String(length=64), nullable=True),
        sa.Column('operator_id', sa.String(length=64), nullable=False),
        sa.Column('witness_id', sa.String(length=64), nullable=True),
        sa.Column('instrument_model', sa.String(), nullable=True),
        sa.Column('instrument_serial', sa.String(), nullable=True),
        sa.Column('protocol', sa.String(length=32), nullable=True),
        sa.Column('method_standard', sa.String(), nullable=True),
        sa.Column('threshold_pct', sa.Double(), nullable=True),
        sa.Column('control_valid', sa.Boolean(), nullable=True),
        sa.Column('needs_manager', sa.Boolean(), nullable=False),
        sa.Column('retest_of', sa.String(length=36), nullable=True),
        sa.Column('measured_at', kiosk.models.base.UTCDateTime(), nullable=False),
        sa.Column('measured_at_local', sa.String(length=40), nullable=False),
        sa.Column('photos', sa.JSON(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('created_at', kiosk.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['retest_of'], ['readings.id'],
                                name=op.f('fk_readings_retest_of_readings')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_readings')),
    )
    with op.batch_alter_table('readings', schema=None) as batch_op:
        for column in ('kind', 'verdict', 'sample_id', 'batch_id', 'supplier_id', 'session_id',
                       'needs_manager', 'retest_of', 'measured_at'):
            batch_op.create_index(batch_op.f(f'ix_readings_{column}'), [column], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        for verb in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER readings_no_{verb.lower()} BEFORE {verb} ON readings "
                       f"BEGIN SELECT RAISE(ABORT, '{IMMUTABLE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS readings_no_update")
        op.execute("DROP TRIGGER IF EXISTS readings_no_delete")
    with op.batch_alter_table('readings', schema=None) as batch_op:
        for column in ('kind', 'verdict', 'sample_id', 'batch_id', 'supplier_id', 'session_id',
                       'needs_manager', 'retest_of', 'measured_at'):
            batch_op.drop_index(batch_op.f(f'ix_readings_{column}'))
    op.drop_table('readings')
