"""GraphQL operations in Prometheus: mesa_graphql_operations_total and
mesa_graphql_operation_duration_seconds per operation name, type and outcome (names are the
client's: odd or too many ones count as "other"), and mesa_live_subscriptions, the
subscriptions open in this process."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

from prometheus_client import Counter, Gauge, Histogram
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

OPERATIONS = Counter(
    "mesa_graphql_operations_total",
    "GraphQL operations, per name, type and outcome.",
    ["operation", "type", "outcome"],
)
OPERATION_SECONDS = Histogram(
    "mesa_graphql_operation_duration_seconds",
    "GraphQL operation latency, per name and type.",
    ["operation", "type"],
)
# Per API process (a `pid` label in multi-process mode, dead processes left out).
LIVE_SUBSCRIPTIONS = Gauge(
    "mesa_live_subscriptions",
    "Subscriptions open in this API process (WebSocket or HTTP).",
    multiprocess_mode="liveall",
)

MAX_OPERATION_NAMES = 500
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_seen_names: set[str] = set()
_names_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    """The operation's name as a label, bounded so clients cannot grow the series forever."""
    if not name:
        return "anonymous"
    if not _NAME.match(name):
        return "other"
    with _names_lock:
        if name in _seen_names:
            return name
        if len(_seen_names) >= MAX_OPERATION_NAMES:
            return "other"
        _seen_names.add(name)
    return name


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type
        except RuntimeError:  # the document did not parse or names no operation
            kind = OperationType.QUERY
        observe_operation(context.operation_name, kind, context.result, started)


def observe_operation(
    operation_name: str | None, kind: OperationType, result: object, started: float
) -> None:
    """Count an operation that began at `started` (time.perf_counter) and ended with
    `result` (None: none was made); `OperationMetrics` and api.core.lean call it."""
    outcome = "error" if result is None or getattr(result, "errors", None) else "ok"
    counted, timed = _series(operation_label(operation_name), kind.value, outcome)
    counted.inc()
    timed.observe(time.perf_counter() - started)


# Each label set's two series, found once: prometheus_client's labels() costs microseconds
# on every operation. Bounded as the names are (MAX_OPERATION_NAMES, three types, two
# outcomes).
_found: dict[tuple[str, str, str], tuple[Counter, Histogram]] = {}


def _series(name: str, kind: str, outcome: str) -> tuple[Counter, Histogram]:
    key = (name, kind, outcome)
    found = _found.get(key)
    if found is None:
        found = _found[key] = (
            OPERATIONS.labels(operation=name, type=kind, outcome=outcome),
            OPERATION_SECONDS.labels(operation=name, type=kind),
        )
    return found
