"""Alembic environment: runs on the engine handed over by kiosk.db (no ini file)."""

from __future__ import annotations

from alembic import context

from kiosk.models import Base

config = context.config
engine = config.attributes.get("engine")
target_metadata = Base.metadata

if engine is None:
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///kiosk.sqlite3"
    from kiosk.db import make_engine

    engine = make_engine(url.removeprefix("sqlite:///"))

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
