"""orders.version: a row counter bumped on every change of an order or its lines

A confirm names the order the clerk saw (id + version); the service refuses it when the
order changed since (another scan, sync, a second kiosk). SQLite triggers bump the counter
whatever writes the row (ORM, bulk inbound sync, the CLI), so no writer can forget it.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TRIGGERS = {
    "trg_orders_version": """
        CREATE TRIGGER trg_orders_version AFTER UPDATE ON orders
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE orders SET version = OLD.version + 1 WHERE id = NEW.id; END""",
    "trg_order_lines_version_ins": """
        CREATE TRIGGER trg_order_lines_version_ins AFTER INSERT ON order_lines
        BEGIN UPDATE orders SET version = version + 1 WHERE id = NEW.order_id; END""",
    "trg_order_lines_version_upd": """
        CREATE TRIGGER trg_order_lines_version_upd AFTER UPDATE ON order_lines
        BEGIN UPDATE orders SET version = version + 1 WHERE id IN (NEW.order_id, OLD.order_id); END""",
    "trg_order_lines_version_del": """
        CREATE TRIGGER trg_order_lines_version_del AFTER DELETE ON order_lines
        BEGIN UPDATE orders SET version = version + 1 WHERE id = OLD.order_id; END""",
}


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    if op.get_bind().dialect.name == 'sqlite':
        for sql in TRIGGERS.values():
            op.execute(sql)
        # "when, by whom, on which device" of a pickup: the order's events without a scan
        op.execute("CREATE INDEX ix_outbox_order_id ON outbox (json_extract(payload, '$.order_id'))")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP INDEX IF EXISTS ix_outbox_order_id")
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('version')
