"""Alembic environment of central: runs on the connection handed in by central.db.migrate."""

from alembic import context
from sqlalchemy import create_engine

from central.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a shell
        with create_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
