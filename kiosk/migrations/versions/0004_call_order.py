"""tickets: an index in call order, so call-next stops at the first waiting ticket of the counter

Revision ID: 0004_call_order
Revises: 0003_sync
Create Date: 2026-11-28
"""
from alembic import op

revision = '0004_call_order'
down_revision = '0003_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_call_order',
                              ['status', 'business_day', 'priority_rank', 'arrival_at', 'issued_at', 'seq'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_call_order')
