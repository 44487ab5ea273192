"""A second app of this process, built with other settings, served over real HTTP beside the
session's embedded server and sharing its database connection (no lifespan of its own)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn

from domain.config import get_settings
from tests.services import free_port


@asynccontextmanager
async def served_app(**settings: str) -> AsyncIterator[str]:
    """`create_app()` built with the `MESA_*` settings given (e.g. env="production")."""
    from api.http.app import create_app

    saved = {name: os.environ.get(f"MESA_{name.upper()}") for name in settings}
    os.environ.update({f"MESA_{name.upper()}": value for name, value in settings.items()})
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(f"MESA_{name.upper()}", None)
            else:
                os.environ[f"MESA_{name.upper()}"] = value
        get_settings.cache_clear()
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn stopped while starting"
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
