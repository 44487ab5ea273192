"""A ticket's move sets only the indexed columns it changes: on SQLite each indexed column
an update sets, even to the value it holds, costs a delete and an insert in every index
holding it (a customer's reply set the status and SLA deadlines it kept, 13 index entries
rewritten, and the pages they sit on went to the WAL at the commit)."""

from __future__ import annotations

import re
from typing import Any

from api.core.ids import decode_id
from domain.models import Ticket
from domain.rows.updates import indexed_fields
from tests.graphql_client import GraphQLClient
from tests.test_write_statements import _create, _new_ticket, _reply

SET_COLUMN = re.compile(r'"(\w+)"=')


async def _indexed(ticket_id: int) -> dict[str, Any]:
    [row] = await Ticket.filter(id=ticket_id).values(*sorted(indexed_fields(Ticket)))
    return dict(row)


def _set_columns(statements: list[str]) -> list[str]:
    [update] = [s for s in statements if s.startswith('UPDATE "ticket" SET')]
    return SET_COLUMN.findall(update.split(" WHERE ")[0])


async def test_a_reply_leaves_out_the_indexed_columns_it_keeps(
    in_process_server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a customer's ticket, answered by an agent and answered back (its status and
    # deadlines settled)
    ticket_id, _ = await _create(gql, customer_token, await _new_ticket(gql, customer_token))
    await _reply(gql, agent_token, ticket_id, "¿De qué fecha es la copia?")
    await _reply(gql, customer_token, ticket_id, "La del martes.")
    pk = decode_id(ticket_id, "Ticket", field="ticketId")
    before = await _indexed(pk)

    # When the customer writes again
    statements = await _reply(gql, customer_token, ticket_id, "Y también la del lunes.")

    # Then the ticket's update sets no indexed column to the value it held
    after = await _indexed(pk)
    columns = _set_columns(statements)
    kept = [c for c in columns if c in before and before[c] == after[c]]
    assert kept == [], columns
    # and it still writes what changed: the time of the change and the last message
    assert "updated_at" in columns and "last_message_id" in columns
    assert after["updated_at"] > before["updated_at"]


async def test_a_reply_that_moves_the_status_still_sets_it(
    in_process_server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a customer's ticket, answered by an agent
    ticket_id, _ = await _create(gql, customer_token, await _new_ticket(gql, customer_token))
    await _reply(gql, agent_token, ticket_id, "¿De qué fecha es la copia?")
    pk = decode_id(ticket_id, "Ticket", field="ticketId")
    before = await _indexed(pk)

    # When the customer answers back
    statements = await _reply(gql, customer_token, ticket_id, "La del martes.")

    # Then the status it moves to is set and stored
    after = await _indexed(pk)
    assert after["status"] != before["status"]
    assert "status" in _set_columns(statements)
