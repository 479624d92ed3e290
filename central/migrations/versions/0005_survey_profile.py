"""survey profile: the SKM respondent's optional age, sex, education, occupation and suggestion (wire schema 2)

Revision ID: 0005_survey_profile
Revises: 0004_hub_fence
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_survey_profile'
down_revision = '0004_hub_fence'
branch_labels = None
depends_on = None

COLUMNS = (("age", sa.Integer()), ("sex", sa.String(length=1)), ("education", sa.String(length=4)),
           ("job", sa.String(length=60)), ("suggestion", sa.Text()))


def upgrade() -> None:
    # Nullable columns without a default: PostgreSQL adds them without rewriting the table.
    for name, kind in COLUMNS:
        op.add_column("surveys", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for name, _kind in reversed(COLUMNS):
        op.drop_column("surveys", name)
