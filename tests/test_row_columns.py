"""A compiled ticket list reads only the columns its selection needs (api.core.columns): the
declared fields' columns, the relations' keys, the id and the sort key. A field whose reads
are not declared (a resolver such as `sla`) makes it read every column, and graphql-core
always reads every column. The answers are the same either way (tests/test_compiled.py and
the suite's differential mode compare them)."""

from __future__ import annotations

from typing import Any

import pytest

from api.core import compiled
from bench.api_requests import PAGE, THREAD
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.sql_counter import count_queries

pytestmark = [pytest.mark.usefixtures("reset_rate_limits")]

WITH_SLA = """{ tickets(first: 5) { edges { node { subject sla { state } } } } }"""
SEARCHED = """{ tickets(first: 5, filter: {search: "copia"}) { edges { node { subject } } } }"""


async def _select(
    gql: GraphQLClient, query: str, token: str, table: str = "ticket", variables: Any = None
) -> str:
    with count_queries() as statements:
        answer = await gql.execute(query, variables or {}, token=token)
    assert not answer.errors, answer.errors
    found = [s for s in statements if s.startswith("SELECT") and f'FROM "{table}"' in s]
    assert len(found) == 1, (statements, answer.data)
    return found[0]


async def _ticket_select(gql: GraphQLClient, query: str, token: str) -> str:
    return await _select(gql, query, token)


def _selected(statement: str) -> set[str]:
    head = statement.split(" FROM ", 1)[0].removeprefix("SELECT ")
    return {part.strip().split(" ")[0].strip('"').split('"."')[-1] for part in head.split(",")}


async def test_a_compiled_page_reads_only_the_columns_it_shows(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # When the bench's page (subject, status, relations...) is read compiled
    compiled_columns = _selected(await _ticket_select(gql, PAGE, customer_token))

    # Then the ticket's own query selects its fields, the relations' keys, id and sort key
    assert compiled_columns == {
        "id",
        "tracking_id",
        "subject",
        "status",
        "created_at",
        "customer_id",
        "department_id",
        "category_id",
        "last_message_id",
    }

    # and through graphql-core the same page reads every column
    compiled.enabled = False
    try:
        whole = _selected(await _ticket_select(gql, PAGE, customer_token))
    finally:
        compiled.enabled = True
    assert compiled_columns < whole and {"sla_terms", "held_until"} <= whole


async def test_compiled_relations_read_only_the_columns_they_show(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket of the customer's
    tracking_id = (await create_ticket(gql, customer_token))["trackingId"]

    # Then the page's last messages (by id) and a thread (by ticket) read only what they show
    last = _selected(await _select(gql, PAGE, customer_token, "message"))
    assert last == {"id", "body", "author_name"}
    thread = _selected(await _select(gql, THREAD, customer_token, "message", {"t": tracking_id}))
    # (the ticket's id groups them; the visibility filters a customer's thread in SQL)
    assert thread == {"id", "ticket_id", "body", "author_name", "created_at"}


CATALOGUE = """{ tickets(first: 5) { edges { node {
  customer { name services { name supportLevel { name } } }
  category { code department { name } }
  department { nameEs }
} } } }"""


async def test_relations_keyed_by_a_declared_field_find_their_rows(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket of the customer's, in a category
    await create_ticket(gql, customer_token)

    # When a page shows its customers' services' levels and its categories' departments
    # (relations keyed by a field of their parent: Service.support_level_pk, a Category's
    # department_pk), and the tickets' departments
    with count_queries() as statements:
        answer = await gql.execute(CATALOGUE, {}, token=customer_token)

    # Then every one is found, and the departments are read once, whole, for both paths
    assert not answer.errors, answer.errors
    nodes = [edge["node"] for edge in answer.data["tickets"]["edges"]]
    assert nodes and all(node["category"]["department"]["name"] for node in nodes)
    assert all(node["customer"]["services"][0]["supportLevel"]["name"] for node in nodes)
    assert len([s for s in statements if 'FROM "department" WHERE' in s]) == 1


async def test_a_field_with_undeclared_reads_makes_the_page_read_every_column(
    in_process_server: str, gql: GraphQLClient, agent_token: str
) -> None:
    columns = _selected(await _ticket_select(gql, WITH_SLA, agent_token))
    assert {"sla_terms", "sla_clock", "subject"} <= columns


async def test_a_searched_page_reads_only_the_columns_it_shows(
    in_process_server: str, gql: GraphQLClient, agent_token: str
) -> None:
    with count_queries() as statements:
        answer = await gql.execute(SEARCHED, {}, token=agent_token)
    assert not answer.errors, answer.errors
    rows = [s for s in statements if 'FROM "ticket" WHERE' in s and "candidate" not in s]
    assert len(rows) == 1 and _selected(rows[0]) == {"id", "subject"}, statements


ONE_TICKET = """query One($t: String!) { ticket(trackingId: $t) { subject status } }"""
ONE_TICKET_WITH_SLA = (
    """query One($t: String!) { ticket(trackingId: $t) { subject sla { state } } }"""
)


async def test_one_ticket_by_tracking_id_reads_only_the_columns_it_shows(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket of the customer's
    tracking_id = (await create_ticket(gql, customer_token))["trackingId"]
    variables = {"t": tracking_id}

    # Then the ticket asked for by its tracking ID (a thread's, say) reads what it shows
    shown = _selected(await _select(gql, ONE_TICKET, customer_token, "ticket", variables))
    assert shown == {"id", "subject", "status"}
    # but every column for a field whose reads are not declared, as through graphql-core
    whole = _selected(await _select(gql, ONE_TICKET_WITH_SLA, customer_token, "ticket", variables))
    assert {"sla_terms", "held_until", "subject"} <= whole
