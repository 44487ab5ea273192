"""Liveness and readiness, as a load balancer or an orchestrator probes them."""

from __future__ import annotations

import httpx


async def test_healthz_says_the_process_is_up(server: str) -> None:
    # When the process is probed for liveness
    async with httpx.AsyncClient(base_url=server) as http:
        response = await http.get("/healthz")
    # Then it answers without looking at its dependencies
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_checks_the_database_and_the_broker(server: str) -> None:
    # When the process is probed for readiness
    async with httpx.AsyncClient(base_url=server) as http:
        response = await http.get("/readyz")
    # Then every dependency it checked answered (distributed: the Redis broker too)
    body = response.json()
    assert response.status_code == 200, body
    assert (body["status"], body["degraded"]) == ("ready", [])
    assert body["checks"]["database"] == "ok"
    assert set(body["checks"].values()) == {"ok"}
