"""printing: the persistent print queue (print_jobs)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

from kiosk.models.base import UTCDateTime

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=128), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.Column("last_error_kind", sa.String(length=24), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_attempt_at", UTCDateTime(), nullable=True),
        sa.Column("printed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_print_jobs_dedupe_key")),
    )
    op.create_index("ix_print_jobs_status_created_at", "print_jobs", ["status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_status_created_at", table_name="print_jobs")
    op.drop_table("print_jobs")
