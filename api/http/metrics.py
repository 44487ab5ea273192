"""Observability over HTTP: Prometheus /metrics, and a request id on every log line.

- mesa_http_requests_total / mesa_http_request_duration_seconds per route, method, status;
- the backlog, read from the database at each scrape (the same for every API process):
  mesa_outbox_jobs and mesa_outbox_oldest_job_age_seconds per waiting status,
  mesa_inbound_mail_backlog and mesa_inbound_mail_oldest_age_seconds;
- what the app's builder adds (`extra_metrics`: the broker's queues, workers.queue_depth),
  read at each scrape too;
- GraphQL operations and open subscriptions are counted in api.core.metrics;
- `X-Request-ID` taken from the request (when sane) or made, echoed in the response, and
  carried by every log line the request writes; one access log line per request.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.backlog import Backlog, read_backlog
from domain.logs import request_id

logger = logging.getLogger("mesa.access")

HTTP_REQUESTS = Counter(
    "mesa_http_requests_total",
    "HTTP requests, per route, method and status.",
    ["route", "method", "status"],
)
HTTP_SECONDS = Histogram(
    "mesa_http_request_duration_seconds", "HTTP request latency, per route.", ["route", "method"]
)
DEPENDENCY_UP = Gauge(
    "mesa_dependency_up",
    "1 when the dependency answered this process's last check (readyz or a scrape), else 0.",
    ["dependency"],
    multiprocess_mode="livemax",
)
# Read at each scrape, beside the backlog: e.g. the broker's queue depths.
MetricsSource = Callable[[], Awaitable[Iterable[Metric]]]
CLIENT_CLOSED_REQUEST = 499
ROUTES = ("/graphql", "/metrics", "/healthz", "/readyz")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _route(path: str) -> str:
    if path in ROUTES:
        return path
    return "/attachments/{id}" if path.startswith("/attachments/") else "other"


class RequestContext:
    """Outermost: a request id for the logs, the access line, and HTTP metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        current = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        status = 0  # none sent yet: a server error, unless the client hung up first

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", current.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except ClientDisconnect:
            # The client hung up before its request was read whole (any route that reads a
            # body): nobody is left to answer and nothing of ours failed, so no server error
            # is logged or counted (nginx's 499, "client closed request").
            status = status or CLIENT_CLOSED_REQUEST
        finally:
            status = status or 500
            elapsed = time.perf_counter() - started
            route, method = _route(scope["path"]), scope["method"]
            counted, timed = _series(route, method, status)
            counted.inc()
            timed.observe(elapsed)
            logger.info(
                "%s %s %s",
                method,
                scope["path"],
                status,
                extra={
                    "method": method,
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id.reset(token)


# Each label set's two series, found once (prometheus_client's labels() costs microseconds
# on every request). Bounded: five routes, these methods or "other", the statuses.
_found: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _series(route: str, method: str, status: int) -> tuple[Counter, Histogram]:
    # A client may send any token as its method (h11 takes them all): not a series each.
    method = method if method in METHODS else "other"
    key = (route, method, status)
    found = _found.get(key)
    if found is None:
        found = _found[key] = (
            HTTP_REQUESTS.labels(route=route, method=method, status=str(status)),
            HTTP_SECONDS.labels(route=route, method=method),
        )
    return found


class BacklogCollector(Collector):
    """One scrape's backlog as gauges (read before, since collectors cannot await)."""

    def __init__(self, backlog: Backlog) -> None:
        self.backlog = backlog

    def collect(self) -> Iterator[Metric]:
        jobs = GaugeMetricFamily(
            "mesa_outbox_jobs", "Outbox jobs not done, per status.", labels=["status"]
        )
        ages = GaugeMetricFamily(
            "mesa_outbox_oldest_job_age_seconds",
            "Age of the oldest outbox job, per status not done.",
            labels=["status"],
        )
        for status, waiting in self.backlog.outbox.items():
            jobs.add_metric([status.value], waiting.count)
            ages.add_metric([status.value], waiting.oldest_age_seconds)
        inbound = self.backlog.inbound_mail
        yield jobs
        yield ages
        yield GaugeMetricFamily(
            "mesa_inbound_mail_backlog", "Received mail not parsed yet.", value=inbound.count
        )
        yield GaugeMetricFamily(
            "mesa_inbound_mail_oldest_age_seconds",
            "Age of the oldest received mail not parsed yet.",
            value=inbound.oldest_age_seconds,
        )


class Families(Collector):
    """Metric families read before the scrape."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self.families = list(families)

    def collect(self) -> Iterator[Metric]:
        yield from self.families


async def _read(source: MetricsSource) -> Iterable[Metric]:
    try:
        return await source()
    except Exception as error:
        # The scrape still answers: the dependency's outage shows in mesa_dependency_up.
        logger.warning("metrics source %r failed: %r", getattr(source, "__name__", source), error)
        return ()


async def metrics_endpoint(_: Request, sources: Sequence[MetricsSource] = ()) -> Response:
    registry: CollectorRegistry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    scraped = CollectorRegistry()
    scraped.register(BacklogCollector(await read_backlog()))
    for source in sources:
        scraped.register(Families(await _read(source)))
    body = generate_latest(registry) + generate_latest(scraped)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
