"""The Mesa Console (web/, built into static/ here): the single-page app served at `/`.

- `/assets/…`: Vite's content-hashed files, cached for a year (`immutable`); a missing one is
  a 404, never the page.
- Any other GET (a deep link such as `/tickets/ABC-DEF-GHIJ` or `/confirm-ticket#token=…`):
  `index.html`, revalidated on every visit (`no-cache`), so a deploy is picked up at once.
  The API's own paths (/graphql, /attachments, /reports, /healthz, /metrics, /readyz) are
  routed before this and anything below them that no route takes stays a 404.
- Every console response carries a strict Content-Security-Policy: scripts, styles and fonts
  from this origin only (no inline script), API calls to this origin over HTTP and WebSocket.
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

STATIC = Path(__file__).parent / "static"
ASSETS = STATIC / "assets"
INDEX = STATIC / "index.html"

# Paths of the API: a typo below them is a 404 from the API, not the console's page.
API_PREFIXES = ("graphql", "attachments", "reports", "healthz", "metrics", "readyz", "assets")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# A Host header is a name and a port: anything else is not echoed into the policy.
HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def content_security_policy(host: str | None) -> str:
    """No inline script or style, no plugins, no framing; connections to this origin only
    (its WebSocket named too, for browsers whose 'self' does not cover ws:/wss:)."""
    connect = ["'self'"]
    if host and HOST.match(host):
        connect += [f"ws://{host}", f"wss://{host}"]
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            f"connect-src {' '.join(connect)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _secured(response: Response, request: Request) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(
        request.headers.get("host")
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _not_found(request: Request) -> Response:
    return _secured(PlainTextResponse("Not found / No encontrado", status_code=404), request)


async def asset(request: Request) -> Response:
    """A hashed build file: cached for good, since its name changes with its content."""
    name = request.path_params["name"]
    path = (ASSETS / name).resolve()
    if not path.is_relative_to(ASSETS.resolve()) or not path.is_file():
        return _not_found(request)
    response = FileResponse(path, headers={"Cache-Control": IMMUTABLE})
    return _secured(response, request)


async def page(request: Request) -> Response:
    """The app's page for `/` and every deep link; the client-side router takes it from there."""
    first = request.path_params.get("path", "").split("/", 1)[0]
    if first in API_PREFIXES or not INDEX.is_file():
        return _not_found(request)
    if "." in first and (STATIC / first).is_file():  # favicon.svg and the like
        response = FileResponse(STATIC / first, headers={"Cache-Control": REVALIDATE})
        return _secured(response, request)
    if "." in request.url.path.rsplit("/", 1)[-1]:
        return _not_found(request)  # a missing file is not a page
    response = FileResponse(INDEX, headers={"Cache-Control": REVALIDATE})
    return _secured(response, request)


def console_routes() -> list[Route]:
    """Last in the app's routes: they answer whatever the API's own routes did not."""
    return [
        Route("/assets/{name:path}", asset, methods=["GET", "HEAD"]),
        Route("/{path:path}", page, methods=["GET", "HEAD"]),
    ]
