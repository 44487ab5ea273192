"""Every GraphQL error has one shape: a message and `extensions.code`, whatever refused it."""

from __future__ import annotations

from typing import Any

import pytest

from api.schema import build_schema
from tests.graphql_client import GraphQLClient

DEEP = '{ ticket(trackingId: "x") { ' + "mergedInto { " * 12 + "id" + " }" * 13 + " }"
ALIASES = "{ " + " ".join(f"a{n}: departments {{ id }}" for n in range(101)) + " }"
TOKENS = "{ " + " ".join("departments { id }" for _ in range(2000)) + " }"
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("{ departments { id ", {}, "GRAPHQL_PARSE_FAILED"),
    ("{ departments { nope } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("query($t: String!) { ticket(trackingId: $t) { id } }", {}, "BAD_USER_INPUT"),
    (DEEP, {}, "QUERY_TOO_DEEP"),
    (ALIASES, {}, "TOO_MANY_ALIASES"),
    (TOKENS, {}, "QUERY_TOO_LARGE"),
    ('{ node(id: "VGlja2V0Ojk5OTk5") { id } }', {}, "NOT_FOUND"),
    ("{ tickets(first: 1000) { totalCount } }", {}, "VALIDATION"),
]


@pytest.mark.parametrize(("query", "variables", "code"), CASES)
async def test_every_request_error_carries_its_code(
    gql: GraphQLClient, query: str, variables: dict[str, Any], code: str
) -> None:
    response = await gql.execute(query, variables)

    assert response.errors, response.body
    assert {error["extensions"]["code"] for error in response.errors} == {code}, response.body


async def test_an_unexpected_error_is_internal_masked_in_production_with_its_code() -> None:
    # A resolver given no context fails with an AttributeError: a bug, not a client error.
    query = "{ tickets { edges { node { id } } } }"

    production = await build_schema(production=True).execute(query, context_value=None)
    development = await build_schema(production=False).execute(query, context_value=None)

    assert production.errors is not None and development.errors is not None
    assert [(e.message, e.extensions) for e in production.errors] == [
        ("Unexpected error.", {"code": "INTERNAL_SERVER_ERROR"})
    ]
    assert development.errors[0].extensions == {"code": "INTERNAL_SERVER_ERROR"}


async def test_a_bad_variable_is_the_client_s_error_even_in_production() -> None:
    query = "query($t: String!) { ticket(trackingId: $t) { id } }"

    production = await build_schema(production=True).execute(query, {}, context_value=None)

    assert production.errors is not None
    assert [(e.message, e.extensions) for e in production.errors] == [
        (
            "Variable '$t' has invalid value: Expected a value of non-null type 'String!' to "
            "be provided.",
            {"code": "BAD_USER_INPUT"},
        )
    ]
