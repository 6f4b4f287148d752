"""inspections: one answer row per checklist item (saved at once), submitted inspections
read-only (a correction is a new version pointing to the old one)

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

import kiosk.models.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SUBMITTED = "this inspection is submitted and read-only: make a correction (a new version)"

TRIGGERS = {
    "inspections_submitted_no_update": f"""
        CREATE TRIGGER inspections_submitted_no_update BEFORE UPDATE ON inspections
        FOR EACH ROW WHEN OLD.status = 'submitted'
        BEGIN SELECT RAISE(ABORT, '{SUBMITTED}'); END""",
    "inspections_submitted_no_delete": f"""
        CREATE TRIGGER inspections_submitted_no_delete BEFORE DELETE ON inspections
        FOR EACH ROW WHEN OLD.status = 'submitted'
        BEGIN SELECT RAISE(ABORT, '{SUBMITTED}'); END""",
    "inspection_answers_submitted_no_insert": f"""
        CREATE TRIGGER inspection_answers_submitted_no_insert BEFORE INSERT ON inspection_answers
        FOR EACH ROW WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'submitted'
        BEGIN SELECT RAISE(ABORT, '{SUBMITTED}'); END""",
    "inspection_answers_submitted_no_update": f"""
        CREATE TRIGGER inspection_answers_submitted_no_update BEFORE UPDATE ON inspection_answers
        FOR EACH ROW WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'submitted'
        BEGIN SELECT RAISE(ABORT, '{SUBMITTED}'); END""",
    "inspection_answers_submitted_no_delete": f"""
        CREATE TRIGGER inspection_answers_submitted_no_delete BEFORE DELETE ON inspection_answers
        FOR EACH ROW WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'submitted'
        BEGIN SELECT RAISE(ABORT, '{SUBMITTED}'); END""",
}


def upgrade() -> None:
    op.create_table(
        'inspection_answers',
        sa.Column('inspection_id', sa.String(length=64), nullable=False),
        sa.Column('item_id', sa.String(length=64), nullable=False),
        sa.Column('answer', sa.String(length=8), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('photos', sa.JSON(), nullable=False),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('updated_at', kiosk.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'],
                                name=op.f('fk_inspection_answers_inspection_id_inspections')),
        sa.PrimaryKeyConstraint('inspection_id', 'item_id', name=op.f('pk_inspection_answers')),
    )
    if op.get_bind().dialect.name == 'sqlite':
        for sql in TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('inspection_answers')
