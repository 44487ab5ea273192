"""The Mesa Console served: by `mesa serve` beside the API (routes, cache headers, CSP), and
from another origin the API allows."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn

from tests import console_support
from tests.conftest import DEMO_PASSWORD, EMBEDDED
from tests.console_support import (
    BUILT,
)
from tests.served_app import served_app
from tests.services import free_port

# The browser flows run against the embedded server only: the console is the same either way.
pytestmark = [pytest.mark.parametrize("server", [EMBEDDED], indirect=True), pytest.mark.slow]

browser = console_support.browser  # the fixture
axe = console_support.axe  # the fixture
tab = console_support.tab  # the fixture


async def test_mesa_serve_serves_the_console_beside_the_api(in_process_server: str) -> None:
    async with httpx.AsyncClient(base_url=in_process_server) as http:
        page = await http.get("/", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-cache"
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert f"ws://{in_process_server.removeprefix('http://')}" in policy
        assert "frame-ancestors 'none'" in policy
        script = re.search(r'src="(/assets/index-[\w-]+\.js)"', page.text)
        assert script is not None
        asset = await http.get(script.group(1))
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "javascript" in asset.headers["content-type"]

        deep = await http.get("/tickets/ABC-DEF-GHIJ")
        assert deep.status_code == 200 and deep.text == page.text
        for path in (
            "/assets/missing.js",
            "/graphql/extra",
            "/attachments",
            "/reports/x",
            "/healthz/x",
            "/metrics/x",
            "/readyz/x",
            "/robots.txt",
        ):
            assert (await http.get(path)).status_code == 404, path
        # The API's own routes are untouched.
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        answer = await http.post("/graphql", json={"query": "{ __typename }"})
        assert answer.json()["data"] == {"__typename": "Query"}


@asynccontextmanager
async def console_elsewhere(api: str, port: int) -> AsyncIterator[str]:
    """The built console served on an origin of its own (a port of loopback), its
    `mesa-api` meta naming the API at `api`, as an operator hosting it apart would."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    blank = '<meta name="mesa-api" content="" />'
    index = (BUILT / "index.html").read_text()
    assert blank in index
    index = index.replace(blank, f'<meta name="mesa-api" content="{api}" />')

    async def page(_: Request) -> HTMLResponse:
        return HTMLResponse(index)

    app = Starlette(
        routes=[
            Mount("/assets", StaticFiles(directory=BUILT / "assets")),
            Route("/{path:path}", page),
        ]
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
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


async def test_the_console_works_from_another_origin_the_api_allows(
    in_process_server: str, tab: Any
) -> None:
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    async with (
        served_app(allowed_origins=origin) as api,
        console_elsewhere(api, port) as console,
    ):
        screen = await tab("elsewhere")
        page = screen.page
        sockets: list[str] = []
        page.on("websocket", lambda socket: sockets.append(socket.url))
        await page.goto(console + "/login")
        await page.get_by_label("Número de cliente").fill("C-1003")
        await page.get_by_label("Clave").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Ingresar").click()
        await page.get_by_role("heading", name="Tickets").wait_for()
        await page.get_by_text("Northwind Traders").wait_for()
        await page.get_by_role("main").get_by_role("link", name="Abrir nuevo ticket").click()
        await page.get_by_label("Servicio").locator("option").nth(1).wait_for(state="attached")
        assert not screen.problems

    # The same console on an origin the API does not allow: the browser refuses the answers.
    async with console_elsewhere(in_process_server, free_port()) as stranger:
        screen = await tab("stranger")
        page = screen.page
        await page.goto(stranger + "/login")
        await page.get_by_label("Número de cliente").fill("C-1003")
        await page.get_by_label("Clave").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Ingresar").click()
        await page.get_by_role("alert").wait_for()
        assert page.url.endswith("/login")
