"""Factories per aggregate, going through the public API like a client would."""

from __future__ import annotations

import asyncio
from typing import Any

from domain.messages import spanish_of
from tests.graphql_client import GraphQLClient

CATEGORIES = "query { categories { id code defaultImpact department { id code } } }"
SERVICES = "query { services { id name } }"
CREATE_TICKET = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on CreateTicketSuccess { ticket { id trackingId number status impact priority } }
    ... on UserError { code message field }
  }
}"""


async def category_id(gql: GraphQLClient, code: str) -> str:
    categories = (await gql.execute(CATEGORIES)).data["categories"]
    return next(c["id"] for c in categories if c["code"] == code)


async def department_id(gql: GraphQLClient, code: str) -> str:
    departments = (await gql.execute("query { departments { id code } }")).data["departments"]
    return next(d["id"] for d in departments if d["code"] == code)


async def own_service_id(gql: GraphQLClient, token: str) -> str:
    return str((await gql.execute(SERVICES, token=token)).data["services"][0]["id"])


async def create_ticket(
    gql: GraphQLClient, token: str, *, category: str = "dns_configuration", **fields: Any
) -> dict[str, Any]:
    """Open a ticket as a customer for their first service; returns the created ticket."""
    payload = await ticket_input(gql, token, category=category, **fields)
    result = (await gql.execute(CREATE_TICKET, {"input": payload}, token=token)).data
    created = result["createTicket"]
    assert created["__typename"] == "CreateTicketSuccess", created
    ticket: dict[str, Any] = created["ticket"]
    return ticket


async def ticket_input(
    gql: GraphQLClient, token: str, *, category: str = "dns_configuration", **fields: Any
) -> dict[str, Any]:
    """A createTicket input of a customer for their first service."""
    return {
        "subject": "Los registros DNS no propagan",
        "message": "Cambié el registro A de mi dominio y no se actualiza.",
        "categoryId": await category_id(gql, category),
        "serviceId": await own_service_id(gql, token),
        **fields,
    }


# The background jobs that write ticket events on their own (automation, SLA alerts): a
# count taken while one of them is still due would move under the test's feet.
EVENT_WRITING_JOBS = (
    "run_triggers",
    "auto_assign_ticket",
    "run_time_rule",
    "check_ticket_sla",
)
SETTLE_SECONDS = 5.0
SETTLE_POLL = 0.05


async def row_counts() -> tuple[int, int, int]:
    """Tickets, messages and the events people's requests wrote, in the database the server
    writes to, once the background jobs that write events on their own have run (at most
    SETTLE_SECONDS). The system's own events (triggers, automatic assignment, time rules,
    SLA checks) are left out: one retried after a backoff, or a scheduler's sweep, may land
    at any time, and no request a test sends writes one itself."""
    from domain.models import AuthorKind, Message, OutboxJob, OutboxStatus, Ticket, TicketEvent

    due = OutboxJob.filter(
        actor_name__in=EVENT_WRITING_JOBS,
        status__in=[OutboxStatus.PENDING, OutboxStatus.ENQUEUED],
    )
    for _ in range(int(SETTLE_SECONDS / SETTLE_POLL)):
        if not await due.exists():
            break
        await asyncio.sleep(SETTLE_POLL)
    return (
        await Ticket.all().count(),
        await Message.all().count(),
        await TicketEvent.exclude(actor_kind=AuthorKind.SYSTEM).count(),
    )


TICKET_STATE = (
    "query($t: String!) { ticket(trackingId: $t) { status updatedAt resolvedAt closedAt } }"
)


async def ticket_state(gql: GraphQLClient, ticket: dict[str, Any], token: str) -> dict[str, Any]:
    """What a viewer sees of a ticket's lifecycle fields, to compare before and after."""
    state: dict[str, Any] = (
        await gql.execute(TICKET_STATE, {"t": ticket["trackingId"]}, token=token)
    ).data["ticket"]
    return state


def in_spanish(message: str) -> str:
    """What a viewer who saved Spanish reads (the demo staff, C-1001 and C-1002): the
    catalog's Spanish of an English message (domain.messages), a bilingual one whole. A
    message the catalog lacks fails here, so the test still checks the text."""
    if " / " in message:
        return message
    spanish = spanish_of(message)
    assert spanish is not None, f"no Spanish for {message!r}"
    return spanish
