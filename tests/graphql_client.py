"""A small GraphQL-over-HTTP client for tests: real sockets, real JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class GraphQLResponse:
    status: int
    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        assert self.status == 200, self.body
        assert "errors" not in self.body, self.body["errors"]
        data: dict[str, Any] = self.body["data"]
        return data

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors", []))

    @property
    def error_codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code", "") for e in self.errors]


class GraphQLClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        request_id: str | None = None,
    ) -> GraphQLResponse:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if request_id is not None:
            headers["X-Request-Id"] = request_id
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code != 500, response.text
        try:
            body = response.json()
        except ValueError:
            body = {"text": response.text}
        return GraphQLResponse(response.status_code, body)

    async def close(self) -> None:
        await self.http.aclose()
