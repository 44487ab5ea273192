"""A request's objects are freed when it is answered, by reference counting, not left in a
reference cycle for the garbage collector. A request in a cycle takes its context, loaders and
rows with it: under load the collector's young collections then walked tens of thousands of
them every few hundred requests. Two cycles did that: graphql-core's resolver helpers held
the executor's own methods (api.core.compiled), and an answered error's traceback held the
frames that raised and collected it, and so the context holding the error
(api.core.error_codes.forget_frames).

Each case runs one operation with the collector off and checks that its context is gone as
soon as the operation returns: compiled queries (nested relations, an abstract type), a query
graphql-core answers (introspection), a mutation, and answers with errors: a document that
does not parse, a page size the limits refuse, a ticket that is not there.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.requests import Request

from api.core import compiled
from api.core.context import Context
from api.schema import schema
from bench.api_requests import PAGE, THREAD
from domain.identity.auth import authenticate
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

# (case, document, variables, the compiled path's outcome: api.core.compiled.stats)
OPERATIONS: list[tuple[str, str, dict[str, Any], str | None]] = [
    ("compiled page", PAGE, {}, "compiled"),
    ("compiled thread", THREAD, {"t": ""}, "compiled"),  # the variable: the customer's ticket
    (
        "compiled relations",
        "{ viewer { __typename ... on Customer { name } } tickets(first: 2) { edges { node {"
        " customer { name } events { kind actorName } assignee { name } } } } }",
        {},
        "compiled",
    ),
    ("introspection", "{ __schema { queryType { name } } __typename }", {}, "unsupported"),
    ("mutation", "mutation Floor { __typename }", {}, "compiled"),
    ("parse error", "{ tickets( ", {}, None),
    (
        "refused by the limits",
        "query($n: Int) { tickets(first: $n) { totalCount } }",
        {"n": 1000},
        None,
    ),
    ("resolver error", '{ ticket(trackingId: "NO-SUCH") { subject } }', {}, "fallback"),
]
FAILING = ("parse error", "refused by the limits", "resolver error")


@pytest.fixture(autouse=True)
def one_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each operation run once (the suite's differential mode would run it twice)."""
    monkeypatch.delenv(compiled.DIFFERENTIAL_ENV, raising=False)
    yield


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _context(viewer: Any) -> Context:
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}
    scope |= {"query_string": b"", "client": ("127.0.0.1", 1), "state": {"viewer": viewer}}
    return Context(request=Request(scope), viewer=viewer)


@pytest.mark.parametrize(
    ("case", "query", "variables", "outcome"), OPERATIONS, ids=[o[0] for o in OPERATIONS]
)
async def test_a_request_is_freed_when_answered(
    in_process_server: str,
    gql: GraphQLClient,
    customer_token: str,
    collector_off: None,
    case: str,
    query: str,
    variables: dict[str, Any],
    outcome: str | None,
) -> None:
    viewer = await authenticate(customer_token)
    if "t" in variables:
        variables = {"t": (await create_ticket(gql, customer_token))["trackingId"]}
    context = _context(viewer)
    witness = weakref.ref(context)
    before = compiled.stats.copy()
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert (result.errors is not None) == (case in FAILING), result.errors
    assert next(iter(compiled.stats - before), None) == outcome
    del context, result
    assert witness() is None, f"{case}: the request's context is held in a reference cycle"
