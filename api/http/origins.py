"""Browser origins: CORS on every HTTP route, and the same list on the WebSocket handshake.

CORS is Starlette's CORSMiddleware over the `MESA_ALLOWED_ORIGINS` list: preflights for the
headers a GraphQL client sends (the bearer token, JSON, the idempotency key, the request id)
and the response headers a client reads exposed. Tokens travel in `Authorization`, never in
cookies, so credentials are not allowed. Multipart requests still need the bearer token (a
non-simple header, so a browser preflights them): an origin off the list cannot post files.

Browsers do not apply CORS to WebSockets, so a page on any origin could open one: Strawberry
checks the handshake's `Origin` against the same list (the API's own origin and clients
without an `Origin` always pass). A refused connection is accepted and closed at once with
4403 and the reason, which browser code can read (a refused handshake shows as 1006).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from domain.config import get_settings

ALLOWED_HEADERS = (
    "authorization",
    "content-type",
    "idempotency-key",
    "x-request-id",
    "accept-language",
    # Apollo Client's CSRF-prevention header and operation name header.
    "apollo-require-preflight",
    "x-apollo-operation-name",
)
EXPOSED_HEADERS = (
    "x-request-id",
    "retry-after",
    "www-authenticate",
    "content-disposition",
    "content-length",
    "content-range",
    "accept-ranges",
)
PREFLIGHT_MAX_AGE_SECONDS = 600
FORBIDDEN_ORIGIN = 4403
ORIGIN_NOT_ALLOWED = "Origin not allowed / Origen no permitido"


def allowed_origins() -> list[str]:
    return get_settings().allowed_origin_list


class _Cors(CORSMiddleware):
    """Starlette's CORS, with a request that names no origin (every client but a browser's
    cross-origin request) labelled without building its header objects: Starlette's answer
    to it is only `Vary: Origin` added to the response's headers (merged into a `Vary` the
    response has), and its objects for that cost some 300 Python opcodes a request.
    tests/test_cors_origins.py compares the two on every kind of request and response."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or b"origin" in dict(scope["headers"]):
            await super().__call__(scope, receive, send)
            return

        async def varied(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message["headers"] = list(message.get("headers", ()))
                if b"vary" in dict(headers):  # merged as Starlette merges it
                    await self.send(message, send, _NO_ORIGIN)
                    return
                headers.append(_VARY_ORIGIN)
            await send(message)

        await self.app(scope, receive, varied)


_NO_ORIGIN = Headers()
_VARY_ORIGIN = (b"vary", b"Origin")


def with_cors(app: ASGIApp, origins: list[str]) -> ASGIApp:
    """`app` answering preflights and labelling responses for the allowed origins."""
    return _Cors(
        app,
        allow_origins=origins,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE_SECONDS,
    )


async def refuse_websocket(websocket: WebSocket, subprotocol: str | None) -> WebSocket:
    """Accept (with the client's protocol: clients fail a handshake without one) and close
    at once with 4403 and the reason, which browser code can read."""
    await websocket.accept(subprotocol=subprotocol)
    await websocket.close(code=FORBIDDEN_ORIGIN, reason=ORIGIN_NOT_ALLOWED)
    return websocket
