"""Prometheus /metrics and JSON logs carrying the request id."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest

from domain.logs import JsonFormatter
from tests.graphql_client import GraphQLClient


def _sample(text: str, name: str, **labels: str) -> float:
    """The value of one series in the Prometheus text format (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        match = re.match(r"^(\w+)\{(.*)\} (\S+)$", line)
        if match and match[1] == name:
            found = ",".join(sorted(match[2].split(",")))
            if found == wanted:
                return float(match[3])
    return 0.0


async def test_metrics_count_operations_by_name(gql: GraphQLClient) -> None:
    # `mesa serve` loads the workers' metrics with the workers; the embedded fixture serves
    # the API alone, in this process.
    import workers.metrics  # noqa: F401

    before = (await gql.http.get("/metrics")).text
    for _ in range(3):
        await gql.execute("query DepartmentsForMetrics { departments { code } }")
    await gql.execute("query BrokenForMetrics { departments { nope } }")

    response = await gql.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    ok = {"operation": "DepartmentsForMetrics", "type": "query", "outcome": "ok"}
    failed = {"operation": "BrokenForMetrics", "type": "query", "outcome": "error"}
    total = "mesa_graphql_operations_total"
    assert _sample(text, total, **ok) - _sample(before, total, **ok) == 3
    assert _sample(text, total, **failed) - _sample(before, total, **failed) == 1
    count = "mesa_graphql_operation_duration_seconds_count"
    latency = {"operation": "DepartmentsForMetrics", "type": "query"}
    assert _sample(text, count, **latency) - _sample(before, count, **latency) == 3
    http = {"route": "/graphql", "method": "POST", "status": "200"}
    assert _sample(text, "mesa_http_requests_total", **http) >= 4
    # Background work and SLA series are exported too
    assert "mesa_sla_alerts_total" in text
    assert "# TYPE mesa_jobs_total counter" in text


@pytest.fixture
def json_lines() -> Iterator[list[dict[str, object]]]:
    lines: list[dict[str, object]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(JsonFormatter().format(record)))

    handler = Collect()
    access = logging.getLogger("mesa.access")
    previous = access.level
    access.setLevel(logging.INFO)
    access.addHandler(handler)
    yield lines
    access.removeHandler(handler)
    access.setLevel(previous)


async def test_each_request_logs_one_json_line_with_its_request_id(
    gql: GraphQLClient, in_process_server: str, json_lines: list[dict[str, object]]
) -> None:
    # A client's request id is echoed and logged
    given = await gql.http.get("/healthz", headers={"X-Request-ID": "trace-4711"})
    assert given.headers["x-request-id"] == "trace-4711"

    # Without one (or with an unsafe one), the server makes one
    made = await gql.http.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    made_id = made.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made_id)

    logged = {line["request_id"]: line for line in json_lines}
    assert logged["trace-4711"]["path"] == "/healthz"
    assert logged["trace-4711"]["status"] == 200
    assert logged["trace-4711"]["level"] == "info"
    assert isinstance(logged["trace-4711"]["duration_ms"], float)
    assert made_id in logged


async def test_a_jobs_log_lines_name_the_request_that_recorded_it(
    gql: GraphQLClient, customer_token: str, mail_delivery: object
) -> None:
    import asyncio
    import uuid

    from domain.models import OutboxJob
    from tests.factories import CREATE_TICKET, category_id, own_service_id

    lines: list[dict[str, object]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(JsonFormatter().format(record)))

    handler, outbox_logger = Collect(), logging.getLogger("workers.outbox")
    previous = outbox_logger.level
    outbox_logger.setLevel(logging.INFO)
    outbox_logger.addHandler(handler)
    try:
        # Given a request with its id that opens a ticket (its acknowledgement is a job)
        trace = f"trace-{uuid.uuid4().hex}"
        payload = {
            "subject": "Registro de trazas",
            "message": "¿Quién causó este trabajo?",
            "categoryId": await category_id(gql, "dns_configuration"),
            "serviceId": await own_service_id(gql, customer_token),
        }
        response = await gql.http.post(
            "/graphql",
            json={"query": CREATE_TICKET, "variables": {"input": payload}},
            headers={"Authorization": f"Bearer {customer_token}", "X-Request-ID": trace},
        )
        assert response.status_code == 200, response.text

        # Then the job records the request, and the worker's log lines name both
        jobs = await OutboxJob.filter(request_id=trace)
        assert jobs, "the job was recorded without its request id"
        for _ in range(200):
            if {line.get("job_id") for line in lines if line.get("request_id") == trace} >= {
                job.id for job in jobs
            }:
                break
            await asyncio.sleep(0.05)
        linked = {line.get("job_id") for line in lines if line.get("request_id") == trace}
        assert {job.id for job in jobs} <= linked, lines
    finally:
        outbox_logger.removeHandler(handler)
        outbox_logger.setLevel(previous)


async def test_a_method_no_client_should_send_is_counted_as_other() -> None:
    # Any token is a method to some HTTP parsers: each one must not become a series of its own.
    import httpx
    from prometheus_client import REGISTRY
    from starlette.responses import PlainTextResponse
    from starlette.types import Receive, Scope, Send

    from api.http.metrics import RequestContext

    async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
        await PlainTextResponse("no", status_code=405)(scope, receive, send)

    def count(method: str) -> float:
        labels = {"route": "/healthz", "method": method, "status": "405"}
        return REGISTRY.get_sample_value("mesa_http_requests_total", labels) or 0.0

    before = {method: count(method) for method in ("other", "GET", "FROBNICATE")}
    transport = httpx.ASGITransport(app=RequestContext(refuse))
    async with httpx.AsyncClient(transport=transport, base_url="http://mesa") as client:
        for method in ("FROBNICATE", "X-ANYTHING", "GET"):
            assert (await client.request(method, "/healthz")).status_code == 405
    assert count("other") - before["other"] == 2
    assert count("GET") - before["GET"] == 1
    assert count("FROBNICATE") == before["FROBNICATE"] == 0
