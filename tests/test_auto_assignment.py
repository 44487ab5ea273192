"""Automatic assignment per department over HTTP with real workers: round robin and least
open tickets among available agents (active, within their hours), each ticket assigned once
even when created in parallel and assigned concurrently (PostgreSQL in the distributed run)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Any

from api.core.ids import encode_id
from domain.automation.assignment import auto_assign, choose
from domain.clock import utcnow
from domain.models import (
    AgentHours,
    AssignmentMode,
    BusinessCalendar,
    Category,
    Department,
    Impact,
    Staff,
    Ticket,
    TicketEvent,
)
from tests import automation_support
from tests.automation_support import eventually
from tests.factories import CREATE_TICKET
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique

automation = automation_support.automation  # the fixture

SET_MODE = """mutation($d: ID!, $m: AssignmentMode!) { setAutoAssignment(departmentId: $d,
  mode: $m) { __typename ... on SetAutoAssignmentSuccess { autoAssignment { mode } }
  ... on UserError { code field } } }"""
SET_HOURS = """mutation($s: ID!, $c: ID) { setAgentHours(staffId: $s, calendarId: $c) {
  __typename ... on UserError { code field } } }"""


@dataclass
class Desk:
    department: Department
    category_id: str
    agents: list[Staff]


async def new_desk(agents: int = 2) -> Desk:
    """A department of the test's own with its category and agents."""
    code = unique("D").upper()
    department = await Department.create(code=code, name=f"Mesa {code}")
    category = await Category.create(
        department=department, code=unique("c_"), name="Caso", default_impact=Impact.LOW
    )
    staff = []
    for _ in range(agents):
        member = await Staff.create(
            email=f"{unique('agente')}@mesa.example", name="Agente", password_hash="x"
        )
        await member.departments.add(department)
        staff.append(member)
    return Desk(department, encode_id("Category", category.id), staff)


async def set_mode(gql: GraphQLClient, token: str, desk: Desk, mode: str) -> None:
    variables = {"d": encode_id("Department", desk.department.id), "m": mode}
    result = (await gql.execute(SET_MODE, variables, token=token)).data["setAutoAssignment"]
    assert result["__typename"] == "SetAutoAssignmentSuccess", result


async def open_ticket(gql: GraphQLClient, token: str, desk: Desk) -> dict[str, Any]:
    data = {"subject": "Necesito ayuda", "message": "Hola", "categoryId": desk.category_id}
    created = (await gql.execute(CREATE_TICKET, {"input": data}, token=token)).data
    assert created["createTicket"]["__typename"] == "CreateTicketSuccess", created
    return dict(created["createTicket"]["ticket"])


async def assignees(tickets: list[dict[str, Any]]) -> list[int | None] | None:
    rows = {
        t.tracking_id: t.assignee_id
        for t in await Ticket.filter(tracking_id__in=[t["trackingId"] for t in tickets])
    }
    found = [rows.get(t["trackingId"]) for t in tickets]
    return found if all(a is not None for a in found) else None


async def test_round_robin_takes_available_agents_in_turn(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a department assigning round robin among three agents, one outside its hours
    desk = await new_desk(agents=3)
    first, second, closed = desk.agents
    # open only on a weekday three days from today
    other_day = str((utcnow().weekday() + 3) % 7)
    never_open = await BusinessCalendar.create(
        name=unique("Cerrado "), timezone="UTC", weekly_hours={other_day: [["08:00", "18:00"]]}
    )
    hours = await gql.execute(
        SET_HOURS,
        {"s": encode_id("Staff", closed.id), "c": encode_id("BusinessCalendar", never_open.id)},
        token=admin_token,
    )
    assert hours.data["setAgentHours"]["__typename"] == "SetAgentHoursSuccess"
    await set_mode(gql, admin_token, desk, "ROUND_ROBIN")

    # When four tickets arrive one after another
    tickets = []
    for _ in range(4):
        ticket = await open_ticket(gql, customer_token, desk)
        await eventually(lambda t=ticket: assignees([t]), "its assignment")
        tickets.append(ticket)

    # Then the two available agents took turns, and the one outside its hours got none
    assert await assignees(tickets) == [first.id, second.id, first.id, second.id]
    await AgentHours.filter(staff_id=closed.id).delete()


async def test_least_open_prefers_the_agent_with_fewest_open_tickets(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given two agents, the first already holding two open tickets
    desk = await new_desk(agents=2)
    busy, free = desk.agents
    await set_mode(gql, admin_token, desk, "ROUND_ROBIN")
    held = [await open_ticket(gql, customer_token, desk) for _ in range(2)]
    await eventually(lambda: assignees(held), "the first tickets' assignment")
    await Ticket.filter(tracking_id__in=[t["trackingId"] for t in held]).update(assignee_id=busy.id)
    await set_mode(gql, admin_token, desk, "LEAST_OPEN")

    # When two more arrive
    later = []
    for _ in range(2):
        ticket = await open_ticket(gql, customer_token, desk)
        await eventually(lambda t=ticket: assignees([t]), "its assignment")
        later.append(ticket)

    # Then both go to the free agent (0 then 1 open, against 2)
    assert await assignees(later) == [free.id, free.id]


async def test_parallel_creates_are_each_assigned_once_in_fair_turns(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a department assigning round robin between two agents
    desk = await new_desk(agents=2)
    await set_mode(gql, admin_token, desk, "ROUND_ROBIN")

    # When ten tickets are created at once, and each is assigned by three concurrent calls
    # besides the workers' own job
    tickets = await asyncio.gather(*(open_ticket(gql, customer_token, desk) for _ in range(10)))
    rows = await Ticket.filter(tracking_id__in=[t["trackingId"] for t in tickets])
    await asyncio.gather(*(auto_assign(row.id) for row in rows for _ in range(3)))
    found = await eventually(lambda: assignees(list(tickets)), "every assignment")

    # Then every ticket has one agent and one assignment in its history, five each
    assert Counter(found) == {desk.agents[0].id: 5, desk.agents[1].id: 5}
    for row in rows:
        assert await TicketEvent.filter(ticket_id=row.id, kind="ASSIGNED").count() == 1


async def test_off_and_inactive_agents_assign_nobody(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    desk = await new_desk(agents=1)
    await set_mode(gql, admin_token, desk, "ROUND_ROBIN")
    await Staff.filter(id=desk.agents[0].id).update(is_active=False)
    ticket = await open_ticket(gql, customer_token, desk)
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    assert await auto_assign(row.id) is None
    await set_mode(gql, admin_token, desk, "OFF")
    await Staff.filter(id=desk.agents[0].id).update(is_active=True)
    assert await auto_assign(row.id) is None
    assert (await Ticket.get(id=row.id)).assignee_id is None


async def test_bad_inputs_and_non_admins_are_refused(
    gql: GraphQLClient, admin_token: str, agent_token: str
) -> None:
    bad = await gql.execute(SET_MODE, {"d": "nope", "m": "OFF"}, token=admin_token)
    assert bad.data["setAutoAssignment"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "departmentId",
    }
    refused = await gql.execute(
        SET_MODE, {"d": encode_id("Department", 1), "m": "OFF"}, token=agent_token
    )
    assert refused.data["setAutoAssignment"]["__typename"] == "NotAllowedError"
    unknown = await gql.execute(
        SET_HOURS,
        {"s": encode_id("Staff", 1), "c": encode_id("BusinessCalendar", 999_999)},
        token=admin_token,
    )
    assert unknown.data["setAgentHours"]["field"] == "calendarId"


def test_turns_start_after_the_last_agent_and_least_open_breaks_ties_in_turn() -> None:
    rr, least = AssignmentMode.ROUND_ROBIN, AssignmentMode.LEAST_OPEN
    assert choose(rr, [3, 5, 9], None, {}) == 3
    assert choose(rr, [3, 5, 9], 5, {}) == 9
    assert choose(rr, [3, 5, 9], 9, {}) == 3
    assert choose(rr, [3, 9], 5, {}) == 9  # the last one left the department
    assert choose(least, [3, 5, 9], 3, {3: 0, 5: 1, 9: 1}) == 3
    assert choose(least, [3, 5, 9], 3, {3: 1, 5: 1, 9: 1}) == 5
    assert choose(rr, [], None, {}) is None
    assert choose(AssignmentMode.OFF, [3], None, {}) is None


DELETE_TICKET = """mutation($id: ID!) { deleteTicket(ticketId: $id) { __typename
  ... on UserError { code message } } }"""


async def test_the_stream_reads_past_the_events_of_a_deleted_ticket(
    in_process_server: str, gql: GraphQLClient, admin_token: str, customer_token: str
) -> None:
    from domain.automation.stream import CURSOR, process_new_events
    from domain.models import Counter as CounterRow
    from tests.factories import create_ticket

    # Given the stream read up to now, then two tickets, the first deleted with its events
    await process_new_events()
    gone = await create_ticket(gql, customer_token)
    kept = await create_ticket(gql, customer_token)
    deleted = await gql.execute(DELETE_TICKET, {"id": gone["id"]}, token=admin_token)
    assert deleted.data["deleteTicket"]["__typename"] == "DeleteTicketSuccess", deleted.data

    # When the scheduler reads the stream
    await process_new_events()

    # Then it read past the gap the deleted events left, up to the kept ticket's last event
    row = await Ticket.get(tracking_id=kept["trackingId"])
    last = await TicketEvent.filter(ticket_id=row.id).order_by("-position").first()
    assert last is not None
    assert (await CounterRow.get(name=CURSOR)).value == last.position
