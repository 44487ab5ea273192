"""Ticket search (issue 19): `tickets(filter: {search})` over subjects, messages, requester,
tracking-ID fragments and numbers, with the knowledge base's folding and stemming; staff also
find internal notes; everyone finds only the tickets they may see; best matches first."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import connections

from api.core.ids import encode_id
from domain.models import Customer, Ticket
from domain.tickets.search import index_ticket
from tests.factories import CREATE_TICKET, category_id, create_ticket, own_service_id
from tests.graphql_client import GraphQLClient

SEARCH = """
query($s: String!, $first: Int, $after: String) {
  tickets(filter: {search: $s}, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}"""
REPLY = """
mutation($id: ID!, $m: String!, $internal: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $internal}) { __typename }
}"""


def word() -> str:
    """A made-up word no other test writes (letters only, so no stemmer changes it much)."""
    return "zq" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10])


async def found(gql: GraphQLClient, token: str, search: str, **page: Any) -> list[str]:
    response = await gql.execute(SEARCH, {"s": search, **page}, token=token)
    return [edge["node"]["id"] for edge in response.data["tickets"]["edges"]]


async def test_search_meets_words_across_accents_languages_and_fields(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket whose subject and message use accented Spanish words
    marker = word()
    ticket = await create_ticket(
        gql,
        customer_token,
        subject=f"No puedo iniciar sesión {marker}",
        message="Las contraseñas del panel fallan desde ayer.",
    )

    # When the agent searches without accents, in other inflections, across fields
    hits = [
        await found(gql, agent_token, f"{marker} sesion"),
        await found(gql, agent_token, f"{marker.upper()} contraseña PANELES"),
        await found(gql, agent_token, f"{marker} iniciando"),
    ]

    # Then each search finds it; a word it lacks finds nothing
    assert hits == [[ticket["id"]]] * 3
    assert await found(gql, agent_token, f"{marker} impresora") == []


async def test_search_finds_tracking_id_fragments_numbers_and_the_requester(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    marker = word()
    ticket = await create_ticket(gql, customer_token, subject=f"Consulta {marker}")
    first_groups = "-".join(ticket["trackingId"].split("-")[:2])

    assert ticket["id"] in await found(gql, agent_token, ticket["trackingId"])
    assert ticket["id"] in await found(gql, agent_token, first_groups.lower())
    assert ticket["id"] in await found(gql, agent_token, str(ticket["number"]))
    assert await found(gql, agent_token, f"{marker} Comercial Andina") == [ticket["id"]]
    assert await found(gql, agent_token, f"{marker} cliente1001@example.com") == [ticket["id"]]


async def test_internal_notes_are_searched_by_staff_only(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given an internal note with a word nothing public has
    secret = word()
    ticket = await create_ticket(gql, customer_token)
    await gql.execute(
        REPLY, {"id": ticket["id"], "m": f"Nota: {secret}", "internal": True}, token=agent_token
    )

    # Then staff find the ticket by it, and its customer does not
    assert await found(gql, agent_token, secret) == [ticket["id"]]
    assert await found(gql, customer_token, secret) == []


async def test_replies_are_searchable_as_soon_as_they_are_sent(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    marker = word()
    ticket = await create_ticket(gql, customer_token)
    assert await found(gql, customer_token, marker) == []

    await gql.execute(REPLY, {"id": ticket["id"], "m": f"Respuesta {marker}"}, token=agent_token)

    assert await found(gql, customer_token, marker) == [ticket["id"]]


async def test_a_reply_to_a_ticket_whose_row_is_gone_builds_it_again(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket with a reply, whose search row is then lost
    subject, marker = word(), word()
    ticket = await create_ticket(gql, customer_token, subject=f"Copias {subject}")
    await gql.execute(REPLY, {"id": ticket["id"], "m": "Primera respuesta"}, token=agent_token)
    ticket_id = (await Ticket.get(tracking_id=ticket["trackingId"])).id
    connection = connections.get("default")
    lose = (
        "DELETE FROM ticket_fts WHERE rowid = ?"
        if connection.capabilities.dialect == "sqlite"
        else "DELETE FROM ticket_search WHERE ticket_id = $1"
    )
    await connection.execute_query(lose, [ticket_id])
    assert await found(gql, customer_token, subject) == []

    # When the customer replies again
    await gql.execute(REPLY, {"id": ticket["id"], "m": f"Otra {marker}"}, token=customer_token)

    # Then the row is whole again: the new reply's words and the older ones find it
    assert await found(gql, customer_token, marker) == [ticket["id"]]
    assert await found(gql, customer_token, subject) == [ticket["id"]]


async def test_nobody_finds_tickets_they_may_not_see(
    gql: GraphQLClient,
    customer_token: str,
    other_customer_token: str,
    billing_agent_token: str,
) -> None:
    marker = word()
    await create_ticket(gql, customer_token, subject=f"Privado {marker}")

    assert await found(gql, other_customer_token, marker) == []
    assert await found(gql, billing_agent_token, marker) == []


async def test_better_matches_come_first_and_pages_continue(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given three tickets with the word, one of them with it everywhere
    marker = word()
    plain = [await create_ticket(gql, customer_token, subject=f"Consulta {marker}") for _ in "ab"]
    strong = await create_ticket(
        gql, customer_token, subject=f"{marker} {marker}", message=f"{marker} {marker} {marker}"
    )

    # When the agent pages through the results two at a time
    first = await gql.execute(SEARCH, {"s": marker, "first": 2}, token=agent_token)
    page = first.data["tickets"]
    rest = await found(gql, agent_token, marker, first=2, after=page["pageInfo"]["endCursor"])

    # Then the strongest match leads, and the pages hold each ticket once
    ids = [edge["node"]["id"] for edge in page["edges"]]
    assert ids[0] == strong["id"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert sorted(ids + rest) == sorted([strong["id"], *(t["id"] for t in plain)])


async def test_a_search_of_only_stop_words_or_symbols_finds_nothing(
    gql: GraphQLClient, agent_token: str
) -> None:
    assert await found(gql, agent_token, "de la y") == []
    assert await found(gql, agent_token, '"*)(:^') == []


MERGE = """mutation($s: ID!, $t: ID!) {
  mergeTickets(input: {sourceTicketId: $s, targetTicketId: $t}) { __typename } }"""


async def test_a_merged_thread_is_found_on_the_ticket_that_took_it_in(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given two tickets of one customer, the duplicate with a word of its own, then a reply
    marker, later = word(), word()
    target = await create_ticket(gql, customer_token, message="Mi sitio no carga.")
    duplicate = await create_ticket(gql, customer_token, message=f"Sigue sin cargar {marker}.")

    # When the agent merges the duplicate into the first, and the customer replies there
    merged = await gql.execute(MERGE, {"s": duplicate["id"], "t": target["id"]}, token=agent_token)
    assert merged.data["mergeTickets"]["__typename"] == "MergeTicketsSuccess"
    await gql.execute(REPLY, {"id": target["id"], "m": f"Y ahora {later}"}, token=customer_token)

    # Then the duplicate's words and the new reply find the ticket that holds them now
    assert target["id"] in await found(gql, customer_token, marker)
    assert await found(gql, customer_token, later) == [target["id"]]


async def _stored_documents(ticket_id: int) -> list[Any]:
    connection = connections.get("default")
    if connection.capabilities.dialect == "sqlite":
        sql = "SELECT public_text AS p, internal_text AS i FROM ticket_fts WHERE rowid = ?"
    else:
        sql = (
            "SELECT public_document::text AS p, internal_document::text AS i"
            " FROM ticket_search WHERE ticket_id = $1"
        )
    return [dict(row) for row in await connection.execute_query_dict(sql, [ticket_id])]


async def test_a_new_tickets_row_is_the_row_rebuilt_from_what_was_stored(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given tickets just opened by a customer and, for that customer, by an agent (whose
    # rows are written from what the request wrote, not read back)
    customer = await Customer.get(client_number="C-1001")
    by_agent = {
        "subject": f"Llamada {word()}",
        "message": "Llamó por la copia del martes.",
        "categoryId": await category_id(gql, "backup_restore"),
        "serviceId": await own_service_id(gql, customer_token),
        "customerId": encode_id("Customer", customer.id),
        "channel": "EMAIL",
    }
    created = await gql.execute(CREATE_TICKET, {"input": by_agent}, token=agent_token)
    assert created.data["createTicket"]["__typename"] == "CreateTicketSuccess", created.data
    opened = [
        await create_ticket(gql, customer_token, subject=f"Copias {word()} del martes"),
        created.data["createTicket"]["ticket"],
    ]
    for ticket in opened:
        ticket_id = (await Ticket.get(tracking_id=ticket["trackingId"])).id
        written = await _stored_documents(ticket_id)

        # When the row is rebuilt from the stored ticket, requester and messages
        await index_ticket(connections.get("default"), ticket_id)

        # Then it holds the same words as it did
        assert written == await _stored_documents(ticket_id) != []
