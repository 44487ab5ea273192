"""A browser app on its own origin: CORS on every HTTP route, the same list on WebSockets.

The test servers allow SPA_ORIGIN (MESA_ALLOWED_ORIGINS); any other origin is a stranger."""

from __future__ import annotations

import pytest
import websockets
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

from domain.config import Settings
from tests.conftest import SPA_ORIGIN
from tests.graphql_client import GraphQLClient
from tests.live_client import TRANSPORT_WS, live_client, websocket_url

STRANGER = Origin("https://evil.example")
PREFLIGHT_HEADERS = "authorization, content-type, idempotency-key, x-request-id"


def preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": PREFLIGHT_HEADERS,
    }


@pytest.mark.parametrize("path", ["/graphql", "/attachments/QXR0YWNobWVudDox", "/healthz"])
async def test_a_preflight_from_the_allowed_origin_is_answered(
    gql: GraphQLClient, path: str
) -> None:
    response = await gql.http.options(path, headers=preflight(SPA_ORIGIN))

    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == SPA_ORIGIN
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "idempotency-key", "x-request-id"} <= allowed
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers


async def test_a_preflight_from_another_origin_is_refused(gql: GraphQLClient) -> None:
    response = await gql.http.options("/graphql", headers=preflight(STRANGER))

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_a_cross_origin_answer_is_readable_with_its_exposed_headers(
    gql: GraphQLClient,
) -> None:
    response = await gql.http.post(
        "/graphql", json={"query": "{ departments { name } }"}, headers={"Origin": SPA_ORIGIN}
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SPA_ORIGIN
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-request-id" in exposed and "retry-after" in exposed
    assert "origin" in response.headers["vary"].lower()


async def test_a_refused_token_is_readable_cross_origin(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql",
        json={"query": "{ viewer { __typename } }"},
        headers={"Origin": SPA_ORIGIN, "Authorization": "Bearer nope"},
    )

    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.headers["access-control-allow-origin"] == SPA_ORIGIN


async def test_another_origin_gets_no_cors_headers(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql", json={"query": "{ departments { name } }"}, headers={"Origin": STRANGER}
    )

    assert "access-control-allow-origin" not in response.headers


async def test_a_multipart_post_from_another_origin_still_needs_the_bearer_token(
    gql: GraphQLClient,
) -> None:
    # multipart/form-data is a "simple" request a page may send without a preflight: the
    # bearer token it must carry is what keeps other origins out.
    operations = '{"query": "mutation { logout { __typename } }", "variables": {}}'
    response = await gql.http.post(
        "/graphql",
        files={"operations": (None, operations), "map": (None, "{}")},
        headers={"Origin": STRANGER},
    )

    assert response.status_code in (400, 401, 403), response.text
    assert "access-control-allow-origin" not in response.headers


async def test_a_websocket_from_the_allowed_origin_connects(server: str) -> None:
    async with live_client(server, origin=Origin(SPA_ORIGIN)) as client:
        assert client.ack == {}


async def test_a_websocket_from_the_api_s_own_origin_connects(server: str) -> None:
    async with live_client(server, origin=Origin(server)) as client:
        assert client.ack == {}


async def test_a_websocket_from_another_origin_is_closed_with_a_reason(server: str) -> None:
    async with websockets.connect(
        websocket_url(server), subprotocols=[TRANSPORT_WS], origin=STRANGER
    ) as connection:
        with pytest.raises(ConnectionClosed) as closed:
            await connection.recv()

    received = closed.value.rcvd
    assert received is not None
    assert (received.code, received.reason) == (4403, "Origin not allowed / Origen no permitido")
    assert connection.subprotocol == TRANSPORT_WS


def test_allowed_origins_default_to_dev_servers_in_development_only() -> None:
    development = Settings(env="development", allowed_origins=None)
    production = Settings(env="production", allowed_origins=None)
    listed = Settings(env="production", allowed_origins=" https://a.example/, https://b.example ")

    assert "http://localhost:5173" in development.allowed_origin_list
    assert "http://localhost:3000" in development.allowed_origin_list
    assert production.allowed_origin_list == []
    assert listed.allowed_origin_list == ["https://a.example", "https://b.example"]
