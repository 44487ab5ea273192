"""A lost database connection is a clear, retryable UNAVAILABLE error, never a bare 500.

Two places see it: this HTTP middleware (bearer authentication reads the database before
GraphQL runs) and the schema extension in api.core.unavailable (a resolver's query failed).
"""

from __future__ import annotations

import logging

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain import db
from domain.errors import SERVICE_UNAVAILABLE, Unavailable

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "2"


# "Try Again Later" (RFC 6455): the WebSocket counterpart of 503.
WEBSOCKET_TRY_AGAIN_LATER = 1013


class UnavailableMiddleware:
    """Answers 503 with an UNAVAILABLE error when a request fails on a lost database, and
    closes a WebSocket that fails on it (authenticating its `connection_init`, say) with
    1013, rather than leaving an uncaught exception to the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if started or not db.is_unavailable(error):
                raise
            logger.warning("request failed, database unavailable: %r", error)
            unavailable = Unavailable(SERVICE_UNAVAILABLE)
            response = JSONResponse(
                {
                    "errors": [
                        {"message": unavailable.message, "extensions": unavailable.extensions}
                    ]
                },
                status_code=503,
                headers={"Retry-After": RETRY_AFTER_SECONDS},
            )
            await response(scope, receive, send)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        closed = False

        async def tracking_send(message: Message) -> None:
            nonlocal closed
            closed = closed or message["type"] == "websocket.close"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if not db.is_unavailable(error):
                raise
            logger.warning("websocket closed, database unavailable: %r", error)
            if not closed:
                reason = "Service temporarily unavailable, try again later."
                await send(
                    {"type": "websocket.close", "code": WEBSOCKET_TRY_AGAIN_LATER, "reason": reason}
                )
