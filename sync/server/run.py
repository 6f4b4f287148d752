"""Starting the reference server: schema, optional demo snapshot, then uvicorn."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import uvicorn

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import ServerDatabase


def prepare(db_url: str, demo_from: Path | None = None) -> dict[str, object]:
    """Create the tables and load the demo directory; returns what was loaded."""
    db = ServerDatabase(db_url, pool_size=2)
    try:
        db.create_schema()
        if demo_from is None:
            return {}
        with db.session() as s:
            return admin.load_demo(s, demo_from)
    finally:
        db.close()


def serve(
    db_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    workers: int = 1,
    threads: int = 64,
    log_level: str = "warning",
) -> None:
    """Run until interrupted. With workers > 1 each worker process opens its own engine."""
    if not logging.getLogger().handlers:  # refusals and enrollments go to stderr, timestamped
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    if workers > 1:
        os.environ["LINLI_SERVER_DB"] = db_url
        config = uvicorn.Config(
            "sync.server.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            access_log=False,
        )
        uvicorn.Server(config).run()
        return
    db = ServerDatabase(db_url, pool_size=min(threads, 40))
    app = create_app(db, threads=threads)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
