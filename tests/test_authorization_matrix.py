"""The authorization matrix: every query and mutation of the schema, run by every kind of
principal against customer B's data. Allowed rows succeed; denied rows get NOT_FOUND or
NOT_ALLOWED (UNAUTHENTICATED for anonymous) and change nothing. A field without a row fails."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.graphql_client import GraphQLClient, GraphQLResponse
from tests.live_client import first_result
from tests.matrix_rows import ROWS as TICKET_ROWS
from tests.matrix_rows_automation import AUTOMATION_ROWS
from tests.matrix_rows_desk import DESK_ROWS
from tests.matrix_rows_kb import KB_ROWS
from tests.matrix_rows_live import LIVE_ROWS
from tests.matrix_rows_satisfaction import SATISFACTION_ROWS
from tests.matrix_rows_setup import SETUP_ROWS
from tests.matrix_rows_sla import SLA_ROWS
from tests.matrix_rows_workspace import WORKSPACE_ROWS
from tests.matrix_world import A_NUMBER, B_NUMBER, PRINCIPALS, World, build_world
from tests.rate_limits import reset_rate_limits

# Each capability keeps its rows in its own module.
ROWS = {
    **TICKET_ROWS,
    **SLA_ROWS,
    **KB_ROWS,
    **LIVE_ROWS,
    **WORKSPACE_ROWS,
    **SETUP_ROWS,
    **DESK_ROWS,
    **AUTOMATION_ROWS,
    **SATISFACTION_ROWS,
}

# Logins and lookups here are rate limited: start each test with empty counters.
pytestmark = pytest.mark.usefixtures("reset_rate_limits")


@pytest.fixture(scope="module")
async def world(gql: GraphQLClient, admin_token: str) -> AsyncIterator[World]:
    yield await build_world(gql, admin_token)


async def run(
    gql: GraphQLClient, operation: str, variables: dict[str, Any], token: str | None
) -> GraphQLResponse:
    """Queries and mutations over HTTP; subscriptions over a WebSocket, until their first
    answer."""
    if operation.lstrip().startswith("subscription"):
        body = await first_result(gql.base_url, operation, variables, token)
        return GraphQLResponse(200, body)
    return await gql.execute(operation, variables, token=token)


INTROSPECTION = """{ __schema {
  queryType { fields { name } } mutationType { fields { name } }
  subscriptionType { fields { name } } } }"""


async def test_every_query_mutation_and_subscription_has_a_row(gql: GraphQLClient) -> None:
    # Given the fields the served schema exposes
    schema = (await gql.execute(INTROSPECTION)).data["__schema"]
    fields = {
        field["name"]
        for root in ("queryType", "mutationType", "subscriptionType")
        if schema[root] is not None
        for field in schema[root]["fields"]
    }

    # Then the matrix has a row for each, and none for a field that is gone
    assert sorted(fields - ROWS.keys()) == []
    assert sorted(ROWS.keys() - fields) == []


@pytest.mark.parametrize("field", sorted(ROWS))
async def test_each_principal_gets_exactly_what_its_row_allows(
    gql: GraphQLClient, world: World, field: str
) -> None:
    # A principal A_NUMBER is not B; the guest holds a pass to A's ticket, not B's.
    assert A_NUMBER != B_NUMBER
    for case in ROWS[field]:
        tokens = await (world.principals() if case.ends_sessions else world.shared_principals())
        for principal in PRINCIPALS:
            # Given fresh target data and attempt counters, and the state before the call
            await reset_rate_limits()
            variables = await case.variables(world)
            before = await world.snapshot()

            # When the principal runs the operation
            response = await run(gql, case.operation, variables, tokens[principal])

            # Then it succeeds exactly when the row allows it, and a refusal changes nothing
            assert response.status == 200, (field, principal, response.body)
            allowed = case.outcome(response)
            assert allowed == (principal in case.allowed), (field, principal, response.body)
            if not allowed:
                assert await world.snapshot() == before, (field, principal)
