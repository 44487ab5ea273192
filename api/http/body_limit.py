"""Caps GraphQL request bodies (multipart uploads have their own limits in api.uploads).

A declared Content-Length past the cap is refused before a byte is read; a chunked body is
counted as it arrives and refused the moment it passes the cap, so a 1 MB document never
reaches the parser.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.uploads import is_multipart
from domain.config import get_settings


class _TooLarge(Exception):
    pass


def too_large_response(limit: int) -> JSONResponse:
    message = (
        f"The request body is larger than {limit} bytes: send a smaller GraphQL document. / "
        f"El cuerpo de la petición supera {limit} bytes: envíe un documento GraphQL más pequeño."
    )
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "REQUEST_TOO_LARGE"}}]},
        status_code=413,
    )


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_multipart(scope):
            await self.app(scope, receive, send)
            return
        limit = get_settings().max_request_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await too_large_response(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await too_large_response(limit)(scope, receive, send)
