"""hardening: dead-letter replay, device-bound re-enroll codes, privacy purge

Revision ID: 0002_hardening
Revises: 0001
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_hardening"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mutations") as batch:
        batch.add_column(sa.Column("replayed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("replayed_by", sa.String(length=64), nullable=True))
    with op.batch_alter_table("enrollment_codes") as batch:
        batch.add_column(sa.Column("for_device", sa.String(length=36), nullable=True))
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("purged_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("purged_at")
    with op.batch_alter_table("enrollment_codes") as batch:
        batch.drop_column("for_device")
    with op.batch_alter_table("mutations") as batch:
        batch.drop_column("replayed_by")
        batch.drop_column("replayed_at")
