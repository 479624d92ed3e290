"""online bookings of a visit, pulled from central (kind `bk`), checked in at the kiosk

Revision ID: 0008_booking
Revises: 0007_survey_invite
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_booking'
down_revision = '0007_survey_invite'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("code", sa.String(length=8), nullable=False, unique=True),
        sa.Column("service_code", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("slot_start", sa.DateTime(), nullable=False),
        sa.Column("slot_end", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime()),
        sa.Column("checked_in_at", sa.DateTime()),
        sa.Column("ticket_id", sa.String(length=36)),
        sa.Column("updated_at", sa.DateTime()),
    )
    op.create_index("ix_bookings_day", "bookings", ["day", "slot_start"])
    # The hub's change-log trigger for this replicated table is made by kiosk.db at start.


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS trg_bookings_insert_log")
    op.execute("DROP TRIGGER IF EXISTS trg_bookings_update_log")
    op.drop_index("ix_bookings_day", table_name="bookings")
    op.drop_table("bookings")
