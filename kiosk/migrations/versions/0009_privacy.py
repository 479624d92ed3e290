"""personal data kept only as long as needed (UU 27/2022): intake drafts in the store (purged after 24 h)
instead of JSON files, and the backups `kiosk backup` made (aged out with the site's retention)

Revision ID: 0009_privacy
Revises: 0008_booking
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_privacy'
down_revision = '0008_booking'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_drafts",
        sa.Column("counter", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "backup_files",
        sa.Column("path", sa.String(1024), primary_key=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("backup_files")
    op.drop_table("intake_drafts")
