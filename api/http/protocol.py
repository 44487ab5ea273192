"""GraphQL over HTTP: content negotiation, the spec's status codes, and errors as JSON.

- `Accept: application/graphql-response+json` gets that media type: a request error (the
  document does not parse or validate, or a limit refused it before execution) is a 4xx
  without `data`; a response with `data` is 200.
- `application/json`, `*/*` or no Accept gets the legacy `application/json`: always 200 for
  a well-formed request, `data: null` on a request error.
- An Accept with neither is 406; a POST body that is not JSON (nor a multipart upload) 415;
  a mutation over GET 405 with `Allow: POST`.
Every refusal of the HTTP layer is a JSON body `{"errors": [{"message", "extensions"}]}`.
"""

from __future__ import annotations

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.schema.exceptions import InvalidOperationTypeError

from api.core.schema import MAX_BATCHED_OPERATIONS

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MEDIA_TYPE_KEY = "graphql_media_type"
REQUEST_ERROR_KEY = "graphql_request_error"


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header; None when neither is acceptable."""
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for preference, media_type in enumerate((GRAPHQL_RESPONSE, JSON)):
        quality = _quality(accept, media_type)
        if quality > 0 and (best is None or (quality, -preference) > (best[0], best[1])):
            best = (quality, -preference, media_type)
    if best is not None:
        return best[2]
    return JSON if _quality(accept, "*/*") > 0 else None


def _quality(accept: str, media_type: str) -> float:
    for part in accept.split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        if name.lower() != media_type:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        return quality
    return 0.0


def label(response: Response, state: dict[str, object], media_type: str) -> None:
    """A single GraphQL response in the negotiated media type, 400 for a request error."""
    if response.media_type != JSON or media_type != GRAPHQL_RESPONSE:
        return
    response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
    if state.get(REQUEST_ERROR_KEY) and not bytes(response.body).startswith(b"["):
        response.status_code = 400


def wants_ide(request: Request) -> bool:
    return (
        request.method == "GET"
        and "query" not in request.query_params
        and "text/html" in request.headers.get("accept", "")
    )


def error_response(
    status: int,
    message: str,
    code: str,
    media_type: str = JSON,
    headers: dict[str, str] | None = None,
) -> Response:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        media_type=media_type,
        headers=headers,
    )


def http_error(error: HTTPException, media_type: str) -> Response:
    """Strawberry's refusals (plain text there) as GraphQL errors with the right status."""
    if isinstance(error.__cause__, InvalidOperationTypeError):
        return error_response(
            405, error.reason, "METHOD_NOT_ALLOWED", media_type, {"Allow": "POST"}
        )
    if error.reason == "Unsupported content type":
        message = "Send the GraphQL request as application/json (or multipart/form-data)."
        return error_response(415, message, "UNSUPPORTED_MEDIA_TYPE", media_type)
    if error.reason == "Too many operations":
        return error_response(400, BATCH_TOO_LARGE, "BAD_REQUEST", media_type)
    code = "NOT_FOUND" if error.status_code == 404 else "BAD_REQUEST"
    return error_response(error.status_code, error.reason, code, media_type)


BATCH_TOO_LARGE = f"Too many operations: a batch holds at most {MAX_BATCHED_OPERATIONS}."
NOT_ACCEPTABLE = (
    "Accept application/graphql-response+json or application/json: the API answers in JSON."
)
