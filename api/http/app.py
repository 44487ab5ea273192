"""The Starlette application: /graphql, /healthz, /readyz, and bearer-token authentication."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from datetime import timedelta
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry import UNSET
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.unset import UnsetType

from api.core.context import Context
from api.core.live import live_updates
from api.http import persisted, protocol
from api.http.body_limit import BodyLimit
from api.http.downloads import download
from api.http.metrics import RequestContext, metrics_endpoint
from api.http.persisted import PersistedQueryNotFound
from api.http.protocol import negotiate
from api.http.reports import sla_report_csv
from api.http.unavailable import UnavailableMiddleware
from api.http.uploads import UploadGate, UploadRequestAdapter, discard_uploads
from api.schema import build_schema
from domain import db
from domain.config import get_settings
from domain.errors import Unauthenticated
from domain.identity import auth
from domain.identity.viewer import Viewer

Lifespan = Callable[[], AbstractAsyncContextManager[None]]
# A dependency check for /readyz: returns when the dependency answers, raises otherwise.
ReadinessCheck = Callable[[], Awaitable[None]]

READINESS_TIMEOUT_SECONDS = 2.0
MAX_SUBSCRIPTIONS_PER_CONNECTION = 25

logger = logging.getLogger(__name__)


class BearerAuthMiddleware:
    """Resolves `Authorization: Bearer …` to a viewer; a bad token is a clear 401."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"authorization")
        viewer: Viewer | None = None
        if header is not None:
            try:
                viewer = await _viewer_from_header(header.decode("latin-1"))
            except Unauthenticated as error:
                response = JSONResponse(
                    {"errors": [{"message": error.message, "extensions": error.extensions}]},
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
                await response(scope, receive, send)
                return
        scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)


async def _viewer_from_header(header: str) -> Viewer:
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Send the token as `Authorization: Bearer <token>`.")
    return await auth.authenticate(token.strip())


class MesaGraphQL(GraphQL[Context, None]):
    """GraphQL over HTTP and over WebSocket (graphql-transport-ws and legacy graphql-ws); a
    WebSocket connection authenticates with `{"authorization": "Bearer …"}` in its
    `connection_init`, and a refused token closes it with 4403 (graphql-ws: connection_error).
    """

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        header = params.get("authorization", params.get("Authorization"))
        if header is None:
            return UNSET  # anonymous: each subscription says whether it needs a login
        try:
            if not isinstance(header, str):
                raise Unauthenticated("Send the token as `Bearer <token>`.")
            viewer = await _viewer_from_header(header)
        except Unauthenticated as error:
            raise ConnectionRejectionError(
                {"message": error.message, "code": error.code.value}
            ) from error
        context.token = header.strip().partition(" ")[2].strip()
        context.act_as(viewer)
        return UNSET

    # Multipart bodies are streamed into the quarantine by api.uploads, with size limits.
    request_adapter_class = UploadRequestAdapter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        media_type = negotiate(request.headers.get("accept"))
        response: Response
        if media_type is None and not protocol.wants_ide(request):
            response = protocol.error_response(406, protocol.NOT_ACCEPTABLE, "NOT_ACCEPTABLE")
        else:
            media_type = media_type or protocol.JSON
            scope.setdefault("state", {})[protocol.MEDIA_TYPE_KEY] = media_type
            try:
                response = await self.run(request)
                protocol.label(response, scope["state"], media_type)
            except HTTPException as error:
                response = protocol.http_error(error, media_type)
            except PersistedQueryNotFound:
                status = 200 if media_type == protocol.JSON else 400
                response = protocol.error_response(
                    status, persisted.NOT_FOUND_MESSAGE, "PERSISTED_QUERY_NOT_FOUND", media_type
                )
        await response(scope, receive, send)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        finally:
            # Before the response goes out: a client seeing it finds no leftover file.
            if isinstance(request, Request):
                await discard_uploads(request.scope)

    def should_render_graphql_ide(self, request: Any) -> bool:
        # Browsers only: a GET carrying a persisted query's hash is an operation.
        params = request.query_params
        return (
            request.method == "GET"
            and "query" not in params
            and "extensions" not in params
            and "text/html" in request.headers.get("accept", "")
        )

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "POST" and "application/json" in (request.content_type or ""):
            body = self.parse_json(await request.get_body())
            if isinstance(body, list) and not all(isinstance(item, dict) for item in body or [0]):
                raise HTTPException(400, "A batch is a non-empty list of GraphQL requests.")
            if not isinstance(body, list | dict):
                raise HTTPException(400, "The body must be a JSON object (a GraphQL request).")
        data = await super().parse_http_body(request)
        if isinstance(data, list):
            return [await persisted.resolve(item) for item in data]
        return await persisted.resolve(data)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        state = request.scope.get("state", {})
        if isinstance(result, PreExecutionError):
            state[protocol.REQUEST_ERROR_KEY] = True
            if state.get(protocol.MEDIA_TYPE_KEY) == protocol.GRAPHQL_RESPONSE:
                response.pop("data", None)
        return response

    async def parse_multipart(self, request: Any) -> dict[str, str]:
        try:
            return await super().parse_multipart(request)
        except (IndexError, TypeError, ValueError, AttributeError) as error:
            # The file map names a path the operations do not have.
            reason = "The multipart `map` does not match the operations."
            raise HTTPException(400, reason) from error

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        viewer = getattr(request.state, "viewer", None)
        context = Context(request=request, viewer=viewer)
        if isinstance(request, WebSocket):
            websocket = request

            async def close(code: int, reason: str) -> None:
                await websocket.close(code=code, reason=reason)

            context.close_connection = close
        return context


async def healthz(_: Request) -> Response:
    """The process is up and serving HTTP (liveness); says nothing about its dependencies."""
    return JSONResponse({"status": "ok"})


async def _check(name: str, check: ReadinessCheck) -> str:
    try:
        await asyncio.wait_for(check(), READINESS_TIMEOUT_SECONDS)
    except Exception as error:
        logger.warning("readiness check %r failed: %r", name, error)
        return f"unreachable: {type(error).__name__}"
    return "ok"


def readyz(checks: Mapping[str, ReadinessCheck]) -> Callable[[Request], Awaitable[Response]]:
    """503 until every dependency (database, broker) answers, so a balancer skips the process."""

    async def endpoint(_: Request) -> Response:
        names = list(checks)
        results = await asyncio.gather(*(_check(name, checks[name]) for name in names))
        report = dict(zip(names, results, strict=True))
        ready = all(result == "ok" for result in results)
        return JSONResponse(
            {"status": "ready" if ready else "unavailable", "checks": report},
            status_code=200 if ready else 503,
        )

    return endpoint


def create_app(
    *,
    extra_lifespans: Sequence[Lifespan] = (),
    readiness_checks: Mapping[str, ReadinessCheck] | None = None,
) -> Starlette:
    """The ASGI app; `extra_lifespans` start with it (workers, scheduler) after the DB, and
    /readyz checks the database plus `readiness_checks` (the broker)."""
    settings = get_settings()
    graphql = MesaGraphQL(
        build_schema(),
        graphql_ide=None if settings.is_production else "graphiql",
        connection_init_wait_timeout=timedelta(seconds=10),
        max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
        multipart_uploads_enabled=True,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await db.connect()
        try:
            async with AsyncExitStack() as stack:
                await stack.enter_async_context(live_updates())
                for extra in extra_lifespans:
                    await stack.enter_async_context(extra())
                yield
        finally:
            await db.close()

    routes: list[Any] = [
        Route("/graphql", BodyLimit(UploadGate(graphql)), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/attachments/{attachment_id}", download, methods=["GET", "HEAD"]),
        Route("/reports/sla.csv", sla_report_csv, methods=["GET"]),
        Route("/healthz", healthz),
        Route("/metrics", metrics_endpoint),
        Route("/readyz", readyz({"database": db.ping, **(readiness_checks or {})})),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(BearerAuthMiddleware)
    app.add_middleware(UnavailableMiddleware)  # authentication reads the database
    app.add_middleware(RequestContext)  # outermost: the request id reaches every log line
    return app
