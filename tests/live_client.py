"""A GraphQL subscriptions client over a real WebSocket, speaking graphql-transport-ws (and the
legacy graphql-ws protocol) with the `websockets` library."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"
WAIT = 10.0


class Closed(Exception):
    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed with {code}: {reason}")
        self.code = code
        self.reason = reason


class LiveClient:
    def __init__(self, connection: ClientConnection, protocol: str) -> None:
        self.connection = connection
        self.protocol = protocol
        self.ack: dict[str, Any] = {}
        self._ids = itertools.count(1)

    async def send(self, message: dict[str, Any]) -> None:
        await self.connection.send(json.dumps(message))

    async def receive(self, within: float = WAIT) -> dict[str, Any]:
        """The next protocol message other than keep-alives and pings; Closed when the server
        closed the connection."""
        while True:
            try:
                raw = await asyncio.wait_for(self.connection.recv(), within)
            except ConnectionClosed as closed:
                received = closed.rcvd
                raise Closed(
                    received.code if received else None, received.reason if received else ""
                ) from closed
            message: dict[str, Any] = json.loads(raw)
            if message["type"] == "ping":
                await self.send({"type": "pong"})
            elif message["type"] not in ("ka", "pong"):
                return message

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        operation_id = str(next(self._ids))
        kind = "subscribe" if self.protocol == TRANSPORT_WS else "start"
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": operation_id, "type": kind, "payload": payload})
        return operation_id

    async def next_data(self, within: float = WAIT) -> dict[str, Any]:
        """The data of the next result; fails on an error message."""
        message = await self.receive(within)
        assert message["type"] in ("next", "data"), message
        assert "errors" not in message["payload"], message
        data: dict[str, Any] = message["payload"]["data"]
        return data

    async def errors(self, within: float = WAIT) -> list[dict[str, Any]]:
        """The errors the server answered a subscription with."""
        message = await self.receive(within)
        if message["type"] == "error":
            errors: list[dict[str, Any]] = message["payload"]
            return errors if isinstance(errors, list) else [errors]
        assert message["type"] in ("next", "data") and message["payload"].get("errors"), message
        # and the subscription is over
        assert (await self.receive(within))["type"] == "complete"
        return list(message["payload"]["errors"])

    async def nothing_within(self, seconds: float) -> bool:
        """True when no result arrives for `seconds`."""
        try:
            message = await self.receive(seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"unexpected message: {message}")

    async def closed_with(self, within: float = WAIT) -> int | None:
        """Read until the server closes the connection; its close code."""
        try:
            while True:
                await self.receive(within)
        except Closed as closed:
            return closed.code


def websocket_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://", 1) + "/graphql"


@asynccontextmanager
async def live_client(
    base_url: str,
    token: str | None = None,
    *,
    protocol: str = TRANSPORT_WS,
    acknowledged: bool = True,
    **options: Any,
) -> AsyncIterator[LiveClient]:
    """A connected client, initialised with the token; with `acknowledged=False` the caller
    reads the server's answer to `connection_init` itself."""
    async with websockets.connect(
        websocket_url(base_url), subprotocols=[protocol], open_timeout=WAIT, **options
    ) as connection:
        client = LiveClient(connection, protocol)
        payload = {} if token is None else {"authorization": f"Bearer {token}"}
        await client.send({"type": "connection_init", "payload": payload})
        if acknowledged:
            ack = await client.receive()
            assert ack["type"] == "connection_ack", ack
            client.ack = ack.get("payload") or {}
        yield client


async def first_result(
    base_url: str,
    query: str,
    variables: dict[str, Any],
    token: str | None,
    *,
    quiet: float = 0.3,
) -> dict[str, Any]:
    """A subscription's first answer as an HTTP-style body: its data, its errors, or (when
    nothing arrives for `quiet` seconds, an accepted subscription with nothing yet to say)
    `{"data": {}}`."""
    # Unbounded client queue: a replay keeps arriving, and the close must not wait behind it.
    async with live_client(base_url, token, max_queue=None) as client:
        await client.subscribe(query, variables)
        try:
            message = await client.receive(quiet)
        except TimeoutError:
            return {"data": {}}
    if message["type"] == "error":
        return {"errors": message["payload"]}
    assert message["type"] == "next", message
    body: dict[str, Any] = message["payload"]
    return body
