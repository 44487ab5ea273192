"""The Starlette application: /graphql, /healthz, /readyz, and bearer-token authentication."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

import orjson
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
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api.core.context import Context
from api.core.live import live_updates
from api.http import direct, persisted, protocol, wellformed
from api.http.body_limit import BodyLimit
from api.http.console import console_routes
from api.http.downloads import download
from api.http.metrics import DEPENDENCY_UP, MetricsSource, RequestContext, metrics_endpoint
from api.http.origins import allowed_origins, refuse_websocket, with_cors
from api.http.persisted import PersistedQueryNotFound
from api.http.protocol import negotiate
from api.http.reports import satisfaction_report_csv, sla_report_csv
from api.http.unavailable import UnavailableMiddleware
from api.http.uploads import UploadGate, UploadRequestAdapter, discard_uploads
from api.schema import build_schema
from domain import db
from domain.catalog import cache as catalogue_cache
from domain.config import get_settings
from domain.errors import Unauthenticated
from domain.identity import auth
from domain.identity.viewer import Viewer
from domain.messages import in_language, preferred_language

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
        # One request: catalogue lookups go by the stamp read with its token, or on first use.
        with catalogue_cache.request_scope():
            header = dict(scope["headers"]).get(b"authorization")
            viewer: Viewer | None = None
            if header is not None:
                try:
                    viewer = await _viewer_from_header(header.decode("latin-1"))
                except Unauthenticated as error:
                    await _refused_token(scope, error)(scope, receive, send)
                    return
            scope.setdefault("state", {})["viewer"] = viewer
            await self.app(scope, receive, send)


def _refused_token(scope: Scope, error: Unauthenticated) -> Response:
    """A bad or expired token. On /graphql, a GraphQL response clients read as one: 200 with
    `data: null` in application/json (what Apollo and urql surface as a GraphQL error with
    code UNAUTHENTICATED), 401 in application/graphql-response+json; elsewhere a 401."""
    headers = Request(scope).headers
    message = in_language(error.message, preferred_language(headers.get("accept-language")))
    body: dict[str, object] = {"errors": [{"message": message, "extensions": error.extensions}]}
    media_type, status = protocol.JSON, 401
    if scope["path"] == "/graphql":
        accept = headers.get("accept")
        media_type = negotiate(accept) or protocol.JSON
        if media_type == protocol.JSON:
            body, status = {"data": None, **body}, 200
    return JSONResponse(
        body,
        status_code=status,
        media_type=media_type,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


async def _viewer_from_header(header: str) -> Viewer:
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Send the token as `Authorization: Bearer <token>`.")
    return await auth.authenticate(token.strip())


# The JSON body of the request being parsed, with its value, once checked (MesaGraphQL).
_checked_body: ContextVar[tuple[bytes, Any] | None] = ContextVar("mesa_checked_body", default=None)


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

    async def reject_websocket(self, request: WebSocket) -> WebSocket:
        # A page on an origin not allowed: a close code and reason instead of a bare 403.
        return await refuse_websocket(request, await self.pick_websocket_subprotocol(request))

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
                answered = await direct.answer(self, request) if direct.takes(request) else None
                response = answered or await self.run(request)
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

    def parse_json(self, data: str | bytes) -> Any:
        checked = _checked_body.get()
        if checked is not None and checked[0] is data:
            return checked[1]  # the body parse_http_body has just parsed and checked
        return wellformed.parse(data)

    def encode_json(self, data: object) -> str:
        """orjson, several times faster than the standard library on a page of results; a
        value it cannot encode (an integer beyond 64 bits) goes through the standard one."""
        try:
            return orjson.dumps(data).decode()
        except TypeError:
            return json.dumps(data, separators=(",", ":"))

    async def parse_http_body(self, request: Any) -> Any:
        checked = None
        if request.method == "POST" and "application/json" in (request.content_type or ""):
            raw = await request.get_body()
            body = self.parse_json(raw)
            if isinstance(body, list) and not all(isinstance(item, dict) for item in body or [0]):
                raise HTTPException(400, "A batch is a non-empty list of GraphQL requests.")
            if not isinstance(body, list | dict):
                raise HTTPException(400, "The body must be a JSON object (a GraphQL request).")
            # Strawberry reads the same body again (the request keeps it): parsed once.
            checked = _checked_body.set((raw, body))
        try:
            data = await super().parse_http_body(request)
        finally:
            if checked is not None:
                _checked_body.reset(checked)
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


class Readiness:
    """The process's dependencies: `required` ones decide whether it can serve (the
    database: every request reads or writes it); `optional` ones only degrade it (Redis:
    while it is away, writes still succeed, jobs wait in the outbox, limits count in process).
    Each probe also sets `mesa_dependency_up`."""

    def __init__(
        self,
        required: Mapping[str, ReadinessCheck],
        optional: Mapping[str, ReadinessCheck],
        metrics_sources: Sequence[MetricsSource] = (),
    ) -> None:
        self.checks = {**required, **optional}
        self.required = set(required)
        self.metrics_sources = metrics_sources

    async def probe(self) -> dict[str, str]:
        names = list(self.checks)
        results = await asyncio.gather(*(_check(name, self.checks[name]) for name in names))
        for name, result in zip(names, results, strict=True):
            DEPENDENCY_UP.labels(dependency=name).set(1 if result == "ok" else 0)
        return dict(zip(names, results, strict=True))

    async def readyz(self, _: Request) -> Response:
        """200 while the process can serve (503 names the failing required check); a failing
        optional dependency is reported under `degraded`, still 200."""
        report = await self.probe()
        failing = [name for name, result in report.items() if result != "ok"]
        ready = not any(name in self.required for name in failing)
        status = "unavailable" if not ready else "degraded" if failing else "ready"
        return JSONResponse(
            {"status": status, "checks": report, "degraded": sorted(failing) if ready else []},
            status_code=200 if ready else 503,
        )

    async def metrics(self, request: Request) -> Response:
        await self.probe()
        return await metrics_endpoint(request, self.metrics_sources)


def create_app(
    *,
    extra_lifespans: Sequence[Lifespan] = (),
    readiness_checks: Mapping[str, ReadinessCheck] | None = None,
    extra_metrics: Sequence[MetricsSource] = (),
) -> Starlette:
    """The ASGI app; `extra_lifespans` start with it (workers, scheduler) after the DB,
    /readyz requires the database and reports `readiness_checks` (the broker) as degraded,
    and /metrics adds what `extra_metrics` read at each scrape (the broker's queues)."""
    settings = get_settings()
    origins = allowed_origins()
    graphql = MesaGraphQL(
        build_schema(),
        graphql_ide=None if settings.is_production else "graphiql",
        connection_init_wait_timeout=timedelta(seconds=10),
        max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
        multipart_uploads_enabled=True,
        allowed_origins=origins,
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

    readiness = Readiness({"database": db.ping}, readiness_checks or {}, extra_metrics)
    routes: list[Any] = [
        Route("/graphql", BodyLimit(UploadGate(graphql)), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/attachments/{attachment_id}", download, methods=["GET", "HEAD"]),
        Route("/reports/sla.csv", sla_report_csv, methods=["GET"]),
        Route("/reports/satisfaction.csv", satisfaction_report_csv, methods=["GET"]),
        Route("/healthz", healthz),
        Route("/metrics", readiness.metrics),
        Route("/readyz", readiness.readyz),
        *console_routes(),  # last: the Mesa Console at / and its deep links
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(BearerAuthMiddleware)
    app.add_middleware(UnavailableMiddleware)  # authentication reads the database
    # Outside authentication and faults, so a browser can read their refusals too.
    app.add_middleware(with_cors, origins=origins)
    app.add_middleware(RequestContext)  # the request id reaches every log line
    if settings.trusted_proxy_list:
        # Outermost: every limit, log line and metric sees the client behind the proxy. The
        # server runs without uvicorn's own proxy handling (it trusts loopback by default).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    return app
