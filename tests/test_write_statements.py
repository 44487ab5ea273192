"""createTicket and replyToTicket cost a fixed, small number of SQL statements: one
transaction, no re-reads of rows just written, no catalogue row read twice in a call, and
the catalogue read from the process's cache while it has not changed (domain.catalog.cache)."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from domain.models import Customer
from tests.factories import CREATE_TICKET, category_id, own_service_id
from tests.graphql_client import GraphQLClient
from tests.sql_counter import count_queries

REPLY = """
mutation($input: ReplyToTicketInput!) {
  replyToTicket(input: $input) { __typename ... on UserError { code message } }
}"""


async def _new_ticket(gql: GraphQLClient, customer_token: str) -> dict[str, Any]:
    return {
        "subject": "La copia de anoche no aparece",
        "message": "Necesito restaurar la copia del martes.",
        "categoryId": await category_id(gql, "backup_restore"),
        "serviceId": await own_service_id(gql, customer_token),
    }


async def _create(gql: GraphQLClient, token: str, data: dict[str, Any]) -> tuple[str, list[str]]:
    with count_queries() as statements:
        created = (await gql.execute(CREATE_TICKET, {"input": data}, token=token)).data
    assert created["createTicket"]["__typename"] == "CreateTicketSuccess", created
    return created["createTicket"]["ticket"]["id"], statements


async def _reply(gql: GraphQLClient, token: str, ticket_id: str, body: str) -> list[str]:
    with count_queries() as statements:
        replied = (
            await gql.execute(
                REPLY, {"input": {"ticketId": ticket_id, "message": body}}, token=token
            )
        ).data
    assert replied["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", replied
    return statements


async def test_a_customer_opens_a_ticket_in_10_statements(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a Nivel 1 customer's ticket for their service (warmed up: caches are filled)
    data = await _new_ticket(gql, customer_token)
    await _create(gql, customer_token, data)

    # When they open one more
    _, statements = await _create(gql, customer_token, data)

    # Then it costs (43 before the writes were trimmed, 20 before the catalogue was cached):
    # authentication with the catalogue's stamp and the customer's own columns (1; the
    # customer was read again before, 1 more) + the ticket with its deadlines and its number,
    # read from the counter (1) + the counter's advance, sent with the next statement (1; a
    # draw awaited before the insert before) + the message and the last message (2) + the
    # search index, written from what was written (1; read back before) + the
    # acknowledgement and the staff's alerts, then their delivery jobs (2) + the two events
    # with their positions, drawn and inserted last (2; 4 before: each event, then the draw
    # and the positions' update). The department's staff with their preferences come from
    # the catalogue's cache (1 more before, and 2 before that).
    assert len(statements) == 10, "\n".join(statements)


async def test_an_agent_opens_a_ticket_for_a_customer_in_11_statements(
    in_process_server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket an agent of Technical Support opens by email for C-1001
    customer = await Customer.get(client_number="C-1001")
    data = {
        **await _new_ticket(gql, customer_token),
        "customerId": encode_id("Customer", customer.id),
        "channel": "EMAIL",
    }
    await _create(gql, agent_token, data)

    # When the agent opens one more
    _, statements = await _create(gql, agent_token, data)

    # Then it costs the customer's 10 and the customer the agent names (1); the agent's
    # departments come from the catalogue's cache (1 more before) (42 before, then 15)
    assert len(statements) == 11, "\n".join(statements)


async def test_replies_of_an_agent_and_a_customer_cost_11_and_7_statements(
    in_process_server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a new ticket of a customer (after another, answered: caches are filled)
    data = await _new_ticket(gql, customer_token)
    answered, _ = await _create(gql, customer_token, data)
    await _reply(gql, agent_token, answered, "¿Es la copia de anoche?")
    ticket_id, _ = await _create(gql, customer_token, data)

    # When the agent answers and the customer answers back
    agent = await _reply(gql, agent_token, ticket_id, "¿De qué fecha es la copia?")
    customer = await _reply(gql, customer_token, ticket_id, "La del martes.")

    # Then the agent's reply costs (27 before, 18 before the catalogue was cached):
    # authentication (1; 2 before the agent's departments were cached) + the ticket (1) +
    # status, deadlines and first response in one update, on the level's calendar from the
    # cache (1) + the message, written first so that update names it the last message too
    # (1) + the message's words added to the search index (1; the thread was read and
    # indexed again before) + the requester and the copied contacts (2; the department and
    # the agent's signature, from the cache now, were two more) + the mail and its job (2) +
    # the two events with their positions, drawn and inserted last (2; 4 before)
    assert len(agent) == 11, "\n".join(agent)
    # and the customer's (23 before, then 12, 11, 10 and 8): authentication (1) + the ticket
    # with who follows it (1; the watchers were a statement of their own) + the message (1)
    # + status, deadlines and last message (1) + the search index (1) + the two events with
    # their positions (2; 4 before)
    assert len(customer) == 7, "\n".join(customer)
    assert not any(s.startswith('SELECT "staff_id"') for s in customer), customer
