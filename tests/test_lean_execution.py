"""An operation of a known document is executed by api.core.lean as Strawberry's `execute`
with Mesa's extensions executes it: the same requests, sent both ways over real HTTP, get the
same bytes and count the same operation metrics (successes, refusals by the limits, errors of
resolvers and variables, operations chosen by name, both languages, the cost reported)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY
from starlette.requests import Request
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.graphql import OperationType
from tortoise.exceptions import DBConnectionError

from api.core import lean
from api.core.context import Context
from api.schema import build_schema
from domain.tickets import queries as ticket_queries
from tests.test_direct_http import JSON_TYPE, REQUESTS, _compared, _content

DEEP = "{ tickets(first: 100) { edges { node { messages { body } events { kind } } } } }"
TWO = "query A { __typename } query B { tickets(first: 1) { totalCount } }"

# (what the request is, its body, its extra headers, whether the lean path takes it once known)
LEAN_REQUESTS: list[tuple[str, Any, dict[str, str], bool]] = [
    ("a thread not found", {"query": '{ ticket(trackingId: "NOPE-NOPE") { id } }'}, {}, True),
    (
        "not found, in Spanish",
        {"query": '{ ticket(trackingId: "NOPE-NOPE") { id } }'},
        {"accept-language": "es"},
        True,
    ),
    ("a page past the largest", {"query": "{ tickets(first: 500) { totalCount } }"}, {}, True),
    ("a query too expensive", {"query": DEEP}, {}, True),
    ("the first of two operations", {"query": TWO}, {}, True),
    ("the second, by name", {"query": TWO, "operationName": "B"}, {}, True),
    ("a name none has", {"query": TWO, "operationName": "C"}, {}, False),
    ("a name that is an object", {"query": TWO, "operationName": {}}, {}, False),
    ("a name that is a number", {"query": TWO, "operationName": 1}, {}, False),
    ("a mutation", {"query": "mutation M { __typename }"}, {}, True),
    ("a subscription", {"query": "subscription { ticketUpdated { id } }"}, {}, False),
]


def _operations() -> dict[tuple[str, ...], float]:
    return {
        tuple(sample.labels.values()): sample.value
        for metric in REGISTRY.collect()
        if metric.name == "mesa_graphql_operations"
        for sample in metric.samples
        if sample.name.endswith("_total")
    }


def _counted(before: dict[tuple[str, ...], float]) -> dict[tuple[str, ...], float]:
    after = _operations()
    return {key: after[key] - before.get(key, 0) for key in after if after[key] != before.get(key)}


async def _both_ways(client: httpx.AsyncClient, content: bytes, headers: dict[str, str]) -> Any:
    """Strawberry's answer (which makes the text known when valid), then the lean path's."""
    lean.enabled = False
    try:
        before = _operations()
        strawberry_s = _compared(await client.post("/graphql", content=content, headers=headers))
        strawberry_counted = _counted(before)
    finally:
        lean.enabled = True
    taken, before = lean.executed, _operations()
    lean_s = _compared(await client.post("/graphql", content=content, headers=headers))
    return (strawberry_s, strawberry_counted), (lean_s, _counted(before)), lean.executed - taken


async def test_a_known_operation_is_answered_as_strawberry_answers_it(
    in_process_server: str, customer_token: str
) -> None:
    assert lean.enabled
    bearer = {"authorization": f"Bearer {customer_token}"}
    requests = [*REQUESTS, *LEAN_REQUESTS]
    async with httpx.AsyncClient(base_url=in_process_server) as client:
        for viewer, auth in (("anonymous", {}), ("a customer", bearer)):
            for label, body, extra, _ in requests:
                # When the same request is answered by Strawberry, then again once known
                headers = {**JSON_TYPE, **auth, **extra}
                theirs, ours, taken = await _both_ways(client, _content(body), headers)
                # Then both get the same bytes and count the same operations
                assert ours == theirs, f"{label}, {viewer}"
                if label in dict((r[0], r[3]) for r in LEAN_REQUESTS):
                    takes = dict((r[0], r[3]) for r in LEAN_REQUESTS)[label]
                    assert taken == int(takes), f"{label}, {viewer}: taken {taken}"


async def test_what_the_lean_path_answered_is_what_it_took(
    in_process_server: str, customer_token: str
) -> None:
    # Given a page a customer asked for once (so its text is known)
    bearer = {"authorization": f"Bearer {customer_token}", **JSON_TYPE}
    body = json.dumps({"query": "{ tickets(first: 2) { edges { node { id } } } }"}).encode()
    async with httpx.AsyncClient(base_url=in_process_server) as client:
        first = await client.post("/graphql", content=body, headers=bearer)
        # When it is asked again
        taken = lean.executed
        again = await client.post("/graphql", content=body, headers=bearer)
    # Then the lean path answered it, with the data and the cost
    assert lean.executed == taken + 1
    assert again.json() == first.json()
    assert again.json()["extensions"]["cost"]["requested"] > 0


def test_only_mesa_s_own_extensions_take_the_lean_path() -> None:
    # Mesa's lists, in development and in production (which masks unexpected errors)
    development, production = build_schema(production=False), build_schema(production=True)
    assert development.lean is not None and development.lean.mask is None  # type: ignore[attr-defined]
    assert production.lean is not None and production.lean.mask is not None  # type: ignore[attr-defined]
    # A schema with another list: its extensions' work is not the lean path's to do
    from api.core import schema as core

    other = core.MesaSchema(
        query=development.query, extensions=core.extensions(production=False)[:-1]
    )
    assert other.lean is None


@pytest.mark.parametrize("production", [False, True])
@pytest.mark.parametrize("failure", [RuntimeError("boom"), DBConnectionError("gone")])
async def test_a_resolver_s_failure_is_answered_as_strawberry_answers_it(
    in_process_server: str,
    production: bool,
    failure: Exception,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a schema (as in development or in production) whose ticket lookup fails: an
    # unexpected error, or a lost database
    schema = build_schema(production=production)

    async def failing(**_: object) -> None:
        raise failure

    monkeypatch.setattr(ticket_queries, "find_ticket_by_tracking_id", failing)
    document = '{ ticket(trackingId: "AAA-AAA-AAAA") { id } }'

    async def answer(lean_path: bool) -> str:
        monkeypatch.setattr(lean, "enabled", lean_path)
        request = Request({"type": "http", "headers": [], "client": ("127.0.0.1", 1)})
        result = await schema.execute(document, context_value=Context(request, None))
        errors = [error.formatted for error in result.errors or []]
        return json.dumps({"data": result.data, "errors": errors, "ext": result.extensions})

    # When it is asked by Strawberry (the text is known from then on), then again
    theirs = await answer(lean_path=False)
    executed = lean.executed
    ours = await answer(lean_path=True)

    # Then the lean path answered it, with the same error: masked in production when
    # unexpected, UNAVAILABLE when the database is lost
    assert lean.executed == executed + 1
    assert ours == theirs
    code = "UNAVAILABLE" if isinstance(failure, DBConnectionError) else "INTERNAL_SERVER_ERROR"
    assert json.loads(ours)["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize("allowed", [set(), {OperationType.QUERY}])
async def test_an_operation_not_allowed_is_refused_as_strawberry_refuses_it(
    in_process_server: str, allowed: set[OperationType]
) -> None:
    # Given a known mutation (a GET allows only queries)
    schema = build_schema(production=False)
    request = Request({"type": "http", "headers": [], "client": ("127.0.0.1", 1)})
    document = "mutation Known { __typename }"
    await schema.execute(document, context_value=Context(request, None))
    executed = lean.executed

    # When it is sent where it is not allowed, Then it is refused, by Strawberry
    with pytest.raises(InvalidOperationTypeError):
        await schema.execute(
            document, context_value=Context(request, None), allowed_operation_types=allowed
        )
    assert lean.executed == executed
