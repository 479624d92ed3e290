"""site hub: the change log joined PCs replicate, their tokens, pairing codes, applied requests, the spool

Revision ID: 0005_hub
Revises: 0004_call_order
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_hub'
down_revision = '0004_call_order'
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        "site_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("tbl", sa.String(32), nullable=False),
        sa.Column("pk", sa.String(64), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "hub_clients",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("address", sa.String(200)),
        sa.Column("serve_url", sa.String(200)),
        sa.Column("cursor", sa.Integer()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime()),
        sa.Column("removed_at", sa.DateTime()),
    )
    op.create_table(
        "hub_pairings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime()),
        sa.Column("used_by", sa.String(64)),
    )
    op.create_table(
        "hub_requests",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("op", sa.String(40), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
    )
    op.create_table(
        "spool",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("op", sa.String(40), nullable=False),
        sa.Column("args", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime()),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("result", sa.Text()),
        sa.Column("error", sa.Text()),
    )
    # The triggers that fill site_changes are (re)made by kiosk.db at every start (a batch migration that
    # copies a table drops its triggers).


def downgrade() -> None:
    for (name,) in op.get_bind().exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger' "
                                                  "AND name LIKE 'trg_%_log'").fetchall():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("spool", "hub_requests", "hub_pairings", "hub_clients", "site_changes"):
        op.drop_table(table)
