"""One GraphQL request POSTed as a JSON object, answered without Strawberry's generic view.

Strawberry's HTTP view serves every framework, method and transport: per request it builds a
request adapter and a sub-response, asks whether to render the IDE, looks for a streaming
transport, checks the body against protocols and answers through a second response object.
For the request nearly every client sends (a POST of one JSON object), that machinery cost
about a quarter of the floor under every figure of `make bench` (an authenticated
`mutation { __typename }`, profiled with py-spy). Here that request is answered with the same
steps of MesaGraphQL, in the same order, and the same `schema.execute`; what this path does
not take (another method or content type, a batch, a streaming Accept, a field of the wrong
type, no document) goes to the view before anything has run, and the view then reads the
same body (the request keeps it).

MESA_DIRECT_HTTP=0 sends every request through the view. tests/test_direct_http.py sends the
same requests both ways and compares status, headers and body byte for byte.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from api.http import persisted


class View(Protocol):
    """What this path uses of the view (api.http.app.MesaGraphQL), the same hooks it runs."""

    schema: Any

    def parse_json(self, data: str | bytes) -> Any: ...

    async def get_context(self, request: Any, response: Any = None) -> Any: ...

    async def process_result(self, request: Any, result: Any) -> Any: ...

    def _handle_errors(self, errors: Any, response_data: Any) -> None: ...

    def encode_json(self, data: object) -> str: ...


enabled = os.environ.get("MESA_DIRECT_HTTP", "1") != "0"
answered = 0  # requests this path answered in this process (read by the tests)

_POST_OPERATIONS = frozenset(OperationType.from_http("POST"))
# Accept values asking for a streamed response (Strawberry's multipart and SSE transports).
_STREAMING = ("multipart/", "text/event-stream")


def takes(request: Request) -> bool:
    """Whether this path answers the request: a POST of JSON, not asking for a stream."""
    if not enabled or request.method != "POST":
        return False
    headers = request.headers
    content_type = headers.get("content-type", "")
    if content_type.partition(";")[0].strip().lower() != "application/json":
        return False
    accept = headers.get("accept", "").lower()
    return not any(kind in accept for kind in _STREAMING)


async def answer(view: View, request: Request) -> Response | None:
    """The view's response to a request `takes` said yes to, or None when the view must
    answer it (then nothing has run)."""
    data = _request_data(view.parse_json(await request.body()))
    if data is None:
        return None
    global answered
    answered += 1
    data = await persisted.resolve(data)
    context = await view.get_context(request)
    try:
        result = await view.schema.execute(
            data.query,
            root_value=None,  # MesaGraphQL has none (GraphQL[Context, None])
            variable_values=data.variables,
            context_value=context,
            operation_name=data.operation_name,
            allowed_operation_types=set(_POST_OPERATIONS),
            operation_extensions=data.extensions,
        )
    # As Strawberry's view turns them into HTTP errors (AsyncBaseHTTPView.execute_single).
    except CannotGetOperationTypeError as error:
        raise HTTPException(400, error.as_http_error_reason()) from error
    except InvalidOperationTypeError as error:
        raise HTTPException(400, error.as_http_error_reason("POST")) from error
    except MissingQueryError as error:
        raise HTTPException(400, "No GraphQL query found in the request") from error
    response_data = await view.process_result(request, result)
    if result.errors:
        view._handle_errors(result.errors, response_data)
    return Response(view.encode_json(response_data), media_type="application/json")


def _request_data(body: Any) -> GraphQLRequestData | None:
    """One operation's request, as the view reads it; None for what the view must refuse or
    handle itself."""
    if not isinstance(body, dict):
        return None
    query, variables, extensions = body.get("query"), body.get("variables"), body.get("extensions")
    if not isinstance(query, str | None) or not isinstance(variables, dict | None):
        return None
    if not isinstance(extensions, dict | None):
        return None
    if query is None and not (extensions or {}).get("persistedQuery"):
        return None
    return GraphQLRequestData(
        query=query,
        variables=variables,
        operation_name=body.get("operationName"),
        extensions=extensions,
        protocol="http",
    )
