"""api.http.origins: Mesa's CORS layer answers every request as Starlette's CORSMiddleware
with the same options does (its shortcut for a request without an Origin included): the same
messages, byte for byte, for made requests and responses."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Message, Receive, Scope, Send

from api.http import origins
from api.http.origins import with_cors

ALLOWED = ["https://desk.example", "http://localhost:5173"]

request_headers = st.lists(
    st.sampled_from(
        [
            (b"origin", b"https://desk.example"),
            (b"origin", b"https://elsewhere.example"),
            (b"origin", b"null"),
            (b"access-control-request-method", b"POST"),
            (b"access-control-request-method", b"DELETE"),
            (b"access-control-request-headers", b"authorization, content-type"),
            (b"access-control-request-headers", b"x-other"),
            (b"authorization", b"Bearer abc"),
            (b"content-type", b"application/json"),
            (b"vary", b"Accept"),
        ]
    ),
    max_size=5,
)
response_headers = st.one_of(
    st.none(),  # a start message without headers
    st.lists(
        st.sampled_from(
            [
                (b"content-type", b"application/json"),
                (b"vary", b"Accept"),
                (b"vary", b"Accept-Language"),
                (b"x-request-id", b"r1"),
            ]
        ),
        max_size=4,
    ).map(tuple),  # ASGI allows any iterable
)


def _inner(headers: Any) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {"type": "http.response.start", "status": 200}
        if headers is not None:
            start["headers"] = headers
        await send(start)
        await send({"type": "http.response.body", "body": b"{}"})

    return app


async def _sent(layer: Any, method: str, headers: list[tuple[bytes, bytes]]) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/graphql", "headers": headers}
    await layer(scope, receive, send)
    return sent


def _starlette(app: Any) -> CORSMiddleware:
    """Starlette's own middleware, with the options `with_cors` gives it."""
    ours = with_cors(app, ALLOWED)
    assert isinstance(ours, CORSMiddleware) and type(ours) is not CORSMiddleware
    return CORSMiddleware(
        app,
        allow_origins=ALLOWED,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=list(origins.ALLOWED_HEADERS),
        expose_headers=list(origins.EXPOSED_HEADERS),
        allow_credentials=False,
        max_age=origins.PREFLIGHT_MAX_AGE_SECONDS,
    )


@settings(max_examples=400, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "OPTIONS", "HEAD"]),
    headers=request_headers,
    answer=response_headers,
)
async def test_every_request_is_answered_as_starlettes_cors_answers_it(
    method: str, headers: list[tuple[bytes, bytes]], answer: Any
) -> None:
    expected = await _sent(_starlette(_inner(answer)), method, list(headers))
    assert await _sent(with_cors(_inner(answer), ALLOWED), method, list(headers)) == expected


async def test_a_request_without_origin_gets_vary_origin_merged_once() -> None:
    app = _inner(((b"vary", b"Accept"), (b"vary", b"Accept-Language")))
    [start, _] = await _sent(with_cors(app, ALLOWED), "POST", [(b"content-type", b"x")])
    assert start["headers"] == [(b"vary", b"Accept, Accept-Language, Origin")]
    [start, _] = await _sent(with_cors(_inner(None), ALLOWED), "POST", [])
    assert start["headers"] == [(b"vary", b"Origin")]
