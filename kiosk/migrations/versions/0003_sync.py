"""sync: an index of the outbox rows central has not acknowledged yet

Revision ID: 0003_sync
Revises: 0002_printing
Create Date: 2026-11-28

Sync reads "the oldest pending rows" every batch and `pending` on every status call; the outbox keeps
every row for ever, so without this partial index both scan the whole history.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_sync'
down_revision = '0002_printing'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['epoch', 'seq'], unique=False,
                              sqlite_where=sa.text('acked_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending', sqlite_where=sa.text('acked_at IS NULL'))
