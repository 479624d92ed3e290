"""hub fence: the newest site-hub epoch each device identity pushed with (an older hub is refused)

Revision ID: 0004_hub_fence
Revises: 0003_web
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_hub_fence"
down_revision = "0003_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("hub_epoch", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("hub_epoch")
