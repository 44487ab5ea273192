"""What the API bench sends: its GraphQL documents, and the bodies of its writes for the API
and for the baseline (bench.api_baseline)."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id

PAGE = """
query Page($after: String) {
  tickets(first: 50, after: $after) {
    edges { cursor node {
      trackingId subject status createdAt
      customer { name } department { name } category { name }
      lastMessage { body authorName }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
THREAD = """
query Thread($t: String!) {
  ticket(trackingId: $t) { trackingId subject messages { body authorName createdAt } }
}"""
CREATE = """
mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) { __typename ... on CreateTicketSuccess { ticket { trackingId } } }
}"""
REPLY = """
mutation Reply($input: ReplyToTicketInput!) {
  replyToTicket(input: $input) { __typename }
}"""
REPLY_TICKETS = 1000  # the customer's replies go round this many bench tickets
FLOOR = "mutation Floor { __typename }"
KEYSET = """
query Keyset($after: String) { tickets(first: 10, after: $after) { edges { node { trackingId } } } }
"""


def new_ticket(ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "subject": "Bench",
        "message": "Carga / Load",
        "categoryId": ids["category_global_id"],
        "serviceId": ids["service_global_id"],
    }


def reply_tickets(ids: dict[str, Any]) -> list[int]:
    """Bench tickets of the customer, not the thread of (b) (offset 0)."""
    return [ids["first_ticket"] + offset for offset in range(1, REPLY_TICKETS + 1)]


def replies(ids: dict[str, Any]) -> list[Any]:
    return [
        {
            "query": REPLY,
            "variables": {
                "input": {"ticketId": encode_id("Ticket", pk), "message": "Sigue igual / Same"}
            },
        }
        for pk in reply_tickets(ids)
    ]


def bare_replies(ids: dict[str, Any]) -> list[Any]:
    return [{"ticket": pk, "message": "Sigue igual / Same"} for pk in reply_tickets(ids)]


def bare_ticket(ids: dict[str, Any]) -> dict[str, Any]:
    """The baseline's body for the rows createTicket writes (the customer is the token's)."""
    return {
        "subject": "Bench",
        "message": "Carga / Load",
        "service": ids["service_id"],
        "category": ids["category_id"],
        "department": ids["department_id"],
    }
