"""sync: checklist templates pulled from the platform

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
import kiosk.models.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'checklist_templates',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('updated_at', kiosk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_templates')),
    )


def downgrade() -> None:
    op.drop_table('checklist_templates')
