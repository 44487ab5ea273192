"""Out of office (issue 19, point 11): an agent marked away (by themselves or an admin,
optionally until a date) is left out of `staff(available: true)`, what automatic assignment
picks from; assigning them by hand still works, and staff see it on the ticket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.models import AuditEntry, Staff
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

SET_AWAY = """
mutation($input: SetAwayInput!) {
  setAway(input: $input) {
    __typename
    ... on SetAwaySuccess { staff { id away awayUntil } }
    ... on UserError { code message field }
  }
}"""
STAFF = "query { staff(available: true) { id } }"
ASSIGN = """
mutation($t: ID!, $a: ID) {
  assignTicket(input: {ticketId: $t, assigneeId: $a}) { __typename }
}"""
TICKET = """
query($t: String!) { ticket(trackingId: $t) { assigneeAway assignee { name away awayUntil } } }"""


async def set_away(gql: GraphQLClient, token: str, **input: Any) -> Any:
    return (await gql.execute(SET_AWAY, {"input": input}, token=token)).data["setAway"]


@pytest.fixture
async def agent_id(gql: GraphQLClient, agent_token: str) -> AsyncIterator[str]:
    """The demo agent's ID; back in the office afterwards."""
    agent = await Staff.get(email="agent@mesa.example")
    yield encode_id("Staff", agent.id)
    await set_away(gql, agent_token, away=False)


async def _available(gql: GraphQLClient, token: str) -> set[str]:
    return {row["id"] for row in (await gql.execute(STAFF, token=token)).data["staff"]}


async def test_an_away_agent_is_not_available_yet_can_be_assigned_and_the_ticket_shows_it(
    gql: GraphQLClient,
    agent_id: str,
    agent_token: str,
    supervisor_token: str,
    customer_token: str,
) -> None:
    # Given the agent marks themselves away until next week
    until = (utcnow() + timedelta(days=7)).replace(microsecond=0)
    marked = await set_away(gql, agent_token, away=True, until=until.isoformat())

    # Then they are away and not among the available staff
    assert marked["staff"]["id"] == agent_id
    assert marked["staff"]["away"] is True
    assert marked["staff"]["awayUntil"].startswith(until.isoformat()[:19])
    assert agent_id not in await _available(gql, supervisor_token)

    # When a supervisor assigns them a ticket all the same
    ticket = await create_ticket(gql, customer_token)
    assigned = await gql.execute(ASSIGN, {"t": ticket["id"], "a": agent_id}, token=supervisor_token)

    # Then it is theirs, and staff see the assignee is away; the customer does not
    assert assigned.data["assignTicket"]["__typename"] == "AssignTicketSuccess"
    staff_view = await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=supervisor_token)
    seen = staff_view.data["ticket"]
    assert seen["assigneeAway"] is True
    assert seen["assignee"]["away"] is True
    mine = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=customer_token)).data
    assert mine["ticket"]["assigneeAway"] is None
    assert (mine["ticket"]["assignee"]["away"], mine["ticket"]["assignee"]["awayUntil"]) == (
        None,
        None,
    )

    # When their return date passes
    await Staff.filter(email="agent@mesa.example").update(away_until=utcnow() - timedelta(1))

    # Then they are available again, without anyone marking them back
    assert agent_id in await _available(gql, supervisor_token)
    again = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=supervisor_token)).data
    assert again["ticket"]["assigneeAway"] is False


async def test_an_admin_marks_an_agent_away_and_back_and_it_is_audited(
    gql: GraphQLClient, agent_id: str, admin_token: str, supervisor_token: str
) -> None:
    away = await set_away(gql, admin_token, away=True, staffId=agent_id)
    assert (away["staff"]["away"], away["staff"]["awayUntil"]) == (True, None)
    assert agent_id not in await _available(gql, supervisor_token)

    back = await set_away(gql, admin_token, away=False, staffId=agent_id)

    assert back["staff"]["away"] is False
    assert agent_id in await _available(gql, supervisor_token)
    [latest, earlier] = await AuditEntry.filter(action="staff.set_away").order_by("-id").limit(2)
    assert (earlier.before, earlier.after) == ({"away": False}, {"away": True})
    assert (latest.before, latest.after) == ({"away": True}, {"away": False})


async def test_others_cannot_be_marked_away_by_agents_and_bad_dates_change_nothing(
    gql: GraphQLClient, agent_id: str, billing_agent_token: str, agent_token: str
) -> None:
    before = await Staff.get(email="agent@mesa.example")

    other = await set_away(gql, billing_agent_token, away=True, staffId=agent_id)
    past = await set_away(
        gql, agent_token, away=True, until=(utcnow() - timedelta(hours=1)).isoformat()
    )
    back_with_date = await set_away(
        gql, agent_token, away=False, until=(utcnow() + timedelta(days=1)).isoformat()
    )

    assert (other["code"], other["field"]) == ("NOT_ALLOWED", "staffId")
    assert (past["code"], past["field"]) == ("VALIDATION", "until")
    assert (back_with_date["code"], back_with_date["field"]) == ("VALIDATION", "until")
    after = await Staff.get(email="agent@mesa.example")
    assert (after.away, after.away_until) == (before.away, before.away_until)
