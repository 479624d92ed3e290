"""a counter invites the citizen it served to the survey at the kiosk ("Mohon isi survei")

Revision ID: 0007_survey_invite
Revises: 0006_queue
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_survey_invite'
down_revision = '0006_queue'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): the replicated table keeps its change-log triggers and its rows.
    op.add_column("tickets", sa.Column("survey_invited_at", sa.DateTime()))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("survey_invited_at")
