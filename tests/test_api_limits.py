"""Abuse limits: each oversized request is refused with one clear error before any resolver
runs, so nothing is read or written; ordinary requests see their cost in `extensions`."""

from __future__ import annotations

from typing import Any

import pytest

from domain.config import get_settings
from tests.factories import category_id, own_service_id, row_counts
from tests.graphql_client import GraphQLClient
from tests.sql_counter import count_queries

pytestmark = pytest.mark.usefixtures("reset_rate_limits")

CREATE = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) { __typename }
}"""


async def _ticket_input(gql: GraphQLClient, token: str) -> dict[str, Any]:
    return {
        "subject": "Límites / Limits",
        "message": "Nada debe crearse. / Nothing must be created.",
        "categoryId": await category_id(gql, "dns_configuration"),
        "serviceId": await own_service_id(gql, token),
    }


async def test_a_depth_20_operation_is_refused_before_it_runs(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a createTicket whose selection nests 20 levels deep
    deep = "id " + "".join("mergedInto { " for _ in range(18)) + "id" + " }" * 18
    document = (
        "mutation($input: CreateTicketInput!) { createTicket(input: $input) {"
        f" ... on CreateTicketSuccess {{ ticket {{ {deep} }} }} }} }}"
    )
    before = await row_counts()

    # When it is sent
    result = await gql.execute(
        document, {"input": await _ticket_input(gql, customer_token)}, token=customer_token
    )

    # Then it is refused with a clear error and no ticket was created
    assert result.body["data"] is None
    assert "exceeds maximum operation depth of 12" in result.errors[0]["message"]
    assert await row_counts() == before


async def test_a_thousand_aliases_are_refused_before_any_runs(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a createTicket among 1,000 aliases
    aliases = " ".join(f"t{i}: __typename" for i in range(999))
    aliases += " t999: createTicket(input: $input) { __typename }"
    document = f"mutation($input: CreateTicketInput!) {{ {aliases} }}"
    before = await row_counts()

    result = await gql.execute(
        document, {"input": await _ticket_input(gql, customer_token)}, token=customer_token
    )

    assert result.body["data"] is None
    assert result.errors[0]["message"] == "1000 aliases found. Allowed: 100"
    assert await row_counts() == before


async def test_eleven_batched_operations_are_refused_and_ten_run(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given createTicket operations sent as one batch (a JSON list)
    operation = {"query": CREATE, "variables": {"input": await _ticket_input(gql, customer_token)}}
    headers = {"Authorization": f"Bearer {customer_token}"}
    before = await row_counts()

    # When eleven are sent at once, then the whole batch is refused and nothing is created
    refused = await gql.http.post("/graphql", json=[operation] * 11, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"] == (
        "Too many operations: a batch holds at most 10."
    )
    assert await row_counts() == before

    # While two in a batch both run, each with its own result
    accepted = await gql.http.post("/graphql", json=[operation] * 2, headers=headers)
    assert accepted.status_code == 200
    results = accepted.json()
    assert [r["data"]["createTicket"]["__typename"] for r in results] == ["CreateTicketSuccess"] * 2
    assert (await row_counts())[0] == before[0] + 2


async def test_a_page_of_100000_is_refused_before_anything_is_read(
    gql: GraphQLClient, in_process_server: str
) -> None:
    # Given an operation whose other field would read the database
    document = "query { departments { id } tickets(first: 100000) { edges { cursor } } }"

    # When it asks for a page of 100,000
    with count_queries() as statements:
        result = await gql.execute(document)

    # Then it is refused on `first` and no SQL ran at all
    assert result.body["data"] is None
    assert [(e["message"], e["extensions"]) for e in result.errors] == [
        ("first must be between 0 and 100.", {"code": "VALIDATION", "field": "first"})
    ]
    assert statements == []


async def test_a_large_variable_page_size_is_refused_too(
    gql: GraphQLClient, customer_token: str
) -> None:
    document = "query($n: Int) { tickets(first: $n) { edges { cursor } } }"
    result = await gql.execute(document, {"n": 100_000}, token=customer_token)
    assert result.body["data"] is None
    assert result.error_codes == ["VALIDATION"]


async def test_a_one_megabyte_document_is_refused_unread(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a createTicket padded to 1 MB
    padding = "#" + "x" * 1_000_000 + "\n"
    body = {
        "query": padding + CREATE,
        "variables": {"input": await _ticket_input(gql, customer_token)},
    }
    before = await row_counts()

    response = await gql.http.post(
        "/graphql", json=body, headers={"Authorization": f"Bearer {customer_token}"}
    )

    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "REQUEST_TOO_LARGE"}
    assert "larger than" in error["message"]
    assert await row_counts() == before


async def test_too_many_tokens_are_refused_while_parsing(gql: GraphQLClient) -> None:
    document = "query { " + " ".join("__typename" for _ in range(6000)) + " }"
    result = await gql.execute(document)
    assert result.body["data"] is None
    assert "more than 5000 tokens" in result.errors[0]["message"]


async def test_the_cost_is_reported_and_an_expensive_operation_refused(
    gql: GraphQLClient, customer_token: str
) -> None:
    # An ordinary page reports its cost: 1 for tickets, then 50 x (edges + node + id)
    page = "query { tickets(first: 50) { edges { node { id } } } }"
    cheap = await gql.execute(page, token=customer_token)
    assert cheap.body["extensions"]["cost"]["requested"] == 1 + 50 * 3
    assert cheap.body["extensions"]["cost"]["maximum"] == get_settings().max_query_cost

    # While many full pages in one operation are refused before running
    fields = "id number subject status impact priority channel createdAt updatedAt"
    pages = " ".join(
        f"p{i}: tickets(first: 100) {{ edges {{ cursor node {{ {fields} }} }} }}" for i in range(12)
    )
    expensive = await gql.execute(f"query {{ {pages} }}", token=customer_token)
    assert expensive.body["data"] is None
    assert expensive.error_codes == ["QUERY_TOO_EXPENSIVE"]
    assert "above the maximum of 10000" in expensive.errors[0]["message"]


async def test_a_viewer_past_its_cost_budget_waits(
    gql: GraphQLClient, customer_token: str, fresh_rate_limits: None
) -> None:
    # Given a budget of 310 per minute
    settings = get_settings()
    previous = settings.query_cost_budget_per_minute
    settings.query_cost_budget_per_minute = 310
    page = "query { tickets(first: 50) { edges { node { id } } } }"  # costs 151
    try:
        # When a viewer spends it, then the next operation waits with a retry time
        for _ in range(2):
            assert (await gql.execute(page, token=customer_token)).body.get("errors") is None
        refused = await gql.execute(page, token=customer_token)
    finally:
        settings.query_cost_budget_per_minute = previous
    assert refused.body["data"] is None
    assert refused.error_codes == ["RATE_LIMITED"]
    assert 0 < int(refused.errors[0]["extensions"]["retryAfterSeconds"]) <= 60


async def test_field_suggestions_are_not_given(gql: GraphQLClient) -> None:
    result = await gql.execute('query { ticketz(trackingId: "x") { id } }')
    assert result.errors[0]["message"] == "Cannot query field 'ticketz' on type 'Query'."


async def test_production_refuses_introspection() -> None:
    from api.schema import build_schema

    production = await build_schema(production=True).execute(
        "query { __schema { types { name } } }"
    )
    development = await build_schema(production=False).execute(
        "query { __schema { types { name } } }"
    )

    assert production.data is None
    assert production.errors is not None
    assert "introspection has been disabled" in production.errors[0].message
    assert development.errors is None


async def test_a_subscription_past_the_budget_is_refused_before_it_starts(
    gql: GraphQLClient, customer_token: str, fresh_rate_limits: None, in_process_server: str
) -> None:
    from domain import live
    from tests.factories import create_ticket
    from tests.live_client import live_client

    ticket = await create_ticket(gql, customer_token)
    subscription = "subscription($id: ID!) { ticketEvents(ticketId: $id) { id kind } }"
    settings = get_settings()
    previous = settings.query_cost_budget_per_minute
    settings.query_cost_budget_per_minute = 1  # the subscription costs 3
    subscribers = live.HUB.subscriber_count
    try:
        async with live_client(in_process_server, customer_token) as client:
            await client.subscribe(subscription, {"id": ticket["id"]})
            errors = await client.errors()
    finally:
        settings.query_cost_budget_per_minute = previous
    assert errors[0]["extensions"]["code"] == "RATE_LIMITED"
    assert live.HUB.subscriber_count == subscribers
