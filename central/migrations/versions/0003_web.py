"""web: staff accounts, sessions, audit log, rate limits, notes, bookings, dashboard indexes

Revision ID: 0003_web
Revises: 0001
Create Date: 2026-12-02

`surveys.score_total` (the sum of a response's nine scores, computed by the database) and its
covering index let the dashboard add up a quarter of IKM without reading a JSON array per response.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_web'
down_revision = '0002_hardening'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table('staff_users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=40), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('disabled_at', sa.DateTime(), nullable=True),
        sa.Column('last_login_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('username'))
    op.create_table('staff_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('csrf_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('ip', sa.String(length=45), nullable=True),
        sa.Column('user_agent', sa.String(length=200), nullable=True),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('token_hash'))
    op.create_index('ix_staff_sessions_user_id', 'staff_sessions', ['user_id'])
    op.create_table('staff_audit',
        sa.Column('id', BigId, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=40), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('target_kind', sa.String(length=20), nullable=True),
        sa.Column('target', sa.String(length=80), nullable=True),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.Column('ip', sa.String(length=45), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_staff_audit_at', 'staff_audit', ['at'])
    op.create_table('rate_limits',
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('window', sa.BigInteger(), nullable=False),
        sa.Column('hits', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('key'))
    op.create_table('web_settings',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key'))
    op.create_table('application_notes',
        sa.Column('id', BigId, nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=False),
        sa.Column('author', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('to_site', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_application_notes_application_id', 'application_notes', ['application_id'])
    op.create_table('device_pulls',
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('cursor', sa.String(length=40), nullable=False),
        sa.Column('pulled_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('device_id'))
    op.create_table('booking_rules',
        sa.Column('site_code', sa.String(length=16), nullable=False),
        sa.Column('service_code', sa.String(length=16), nullable=False),
        sa.Column('weekdays', sa.String(length=7), nullable=False),
        sa.Column('opens', sa.String(length=5), nullable=False),
        sa.Column('closes', sa.String(length=5), nullable=False),
        sa.Column('slot_minutes', sa.Integer(), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('site_code', 'service_code'))
    op.create_table('bookings',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('site_code', sa.String(length=16), nullable=False),
        sa.Column('service_code', sa.String(length=16), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('slot_start', sa.DateTime(), nullable=False),
        sa.Column('slot_end', sa.DateTime(), nullable=False),
        sa.Column('until', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('checked_in_at', sa.DateTime(), nullable=True),
        sa.Column('ticket_id', sa.String(length=36), nullable=True),
        sa.Column('device_id', sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'))
    op.create_index('ix_bookings_site_day', 'bookings', ['site_code', 'day'])
    op.create_index('ix_bookings_open', 'bookings', ['status', 'until'])
    op.create_table('booking_slots',
        sa.Column('site_code', sa.String(length=16), nullable=False),
        sa.Column('service_code', sa.String(length=16), nullable=False),
        sa.Column('slot_start', sa.DateTime(), nullable=False),
        sa.Column('taken', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('site_code', 'service_code', 'slot_start'))

    # The worklist across all sites: open files by status, oldest first.
    op.create_index('ix_applications_status_received', 'applications', ['status', 'received_at'])
    # The dashboard's open files per site, SLA included, from a small index of the files still open.
    open_files = sa.text("status IN ('forwarded', 'in_process', 'ready')")
    op.create_index('ix_applications_open', 'applications', ['site_code', 'status', 'service_code', 'received_at'],
                    postgresql_where=open_files, sqlite_where=open_files)
    total = " + ".join(f"(scores->>{i})::int" for i in range(9))
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE surveys ADD COLUMN score_total integer GENERATED ALWAYS AS ({total}) STORED")
        op.execute("CREATE INDEX ix_surveys_site_at_total ON surveys (site_code, at) INCLUDE (score_total)")
    else:
        total = " + ".join(f"json_extract(scores, '$[{i}]')" for i in range(9))
        op.execute(f"ALTER TABLE surveys ADD COLUMN score_total INTEGER GENERATED ALWAYS AS ({total}) VIRTUAL")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_surveys_site_at_total")
    op.execute("ALTER TABLE surveys DROP COLUMN score_total")
    op.drop_index('ix_applications_open', table_name='applications')
    op.drop_index('ix_applications_status_received', table_name='applications')
    for table in ('booking_slots', 'bookings', 'booking_rules', 'device_pulls', 'application_notes',
                  'web_settings', 'rate_limits', 'staff_audit', 'staff_sessions', 'staff_users'):
        op.drop_table(table)
