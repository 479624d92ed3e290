"""queue as people live it: counter state (open / paused / closed), a ticket sent to one counter, the SKM
respondent's profile and suggestion

Revision ID: 0006_queue
Revises: 0005_hub
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_queue'
down_revision = '0005_hub'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): the replicated tables keep their change-log triggers and their rows.
    op.add_column("counters", sa.Column("state", sa.String(8), nullable=False, server_default="open"))
    op.add_column("counters", sa.Column("state_reason", sa.String(120)))
    op.add_column("counters", sa.Column("state_at", sa.DateTime()))
    op.add_column("tickets", sa.Column("assigned_counter", sa.Integer()))
    for name, kind in (("age", sa.Integer()), ("sex", sa.String(1)), ("education", sa.String(4)),
                       ("job", sa.String(60)), ("suggestion", sa.Text())):
        op.add_column("surveys", sa.Column(name, kind))


def downgrade() -> None:
    for table, columns in (("surveys", ("suggestion", "job", "education", "sex", "age")),
                           ("tickets", ("assigned_counter",)), ("counters", ("state_at", "state_reason", "state"))):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
