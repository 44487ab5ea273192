"""Guests (seed 002): a pass for one ticket from its tracking ID and email, no oracle, attempts
limited per address and per tracking ID (aliases and batches included), and the reminder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from domain.tickets.tracking import new_tracking_id
from tests.access_helpers import body_of, mail_to, new_customer, wait_for_mail
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

GUEST_ACCESS = """
mutation($t: String!, $e: String!) { guestAccess(trackingId: $t, email: $e) {
  __typename
  ... on LoginSuccess { token viewer { __typename ... on Guest { ticket { trackingId } } } }
  ... on UserError { code message }
  ... on RateLimitedError { retryAfterSeconds } } }"""
REMIND = """
mutation($e: String!) { remindTrackingIds(email: $e) {
  __typename ... on RemindTrackingIdsSuccess { message } ... on UserError { code } } }"""
TICKET = """query($t: String!) { ticket(trackingId: $t) {
  status messages { body internal authorKind } } }"""
TICKETS = "query { tickets(first: 50) { edges { node { trackingId } } } }"
REPLY = """mutation($id: ID!, $m: String!, $i: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $i}) {
    __typename ... on UserError { code } } }"""
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on ResolveTicketSuccess { ticket { status } } ... on UserError { code } } }"""
REOPEN = """mutation($id: ID!) { reopenTicket(ticketId: $id) {
  __typename ... on ReopenTicketSuccess { ticket { status } } ... on UserError { code } } }"""
TRIAGE = """mutation($id: ID!) { triageTicket(input: {ticketId: $id, impact: HIGH}) {
  __typename ... on UserError { code } } }"""
CREATE = """mutation($s: ID!) { createTicket(input: {subject: "Otra", message: "Hola",
  categoryId: $s}) { __typename ... on UserError { code } } }"""


async def guest_access(gql: GraphQLClient, tracking_id: str, email: str) -> dict[str, Any]:
    result = (await gql.execute(GUEST_ACCESS, {"t": tracking_id, "e": email})).data
    payload: dict[str, Any] = result["guestAccess"]
    return payload


async def test_a_guest_pass_opens_one_ticket_for_reading_replying_resolving_and_reopening(
    gql: GraphQLClient, customer_token: str, other_customer_token: str, fresh_rate_limits: None
) -> None:
    # Given a ticket of C-1001 with an internal note, and another customer's ticket
    ticket = await create_ticket(gql, customer_token)
    other = await create_ticket(gql, other_customer_token)

    # When a guest gives its tracking ID and the customer's email (any case, spaces)
    granted = await guest_access(gql, ticket["trackingId"].lower(), "  Cliente1001@Example.com ")

    # Then the pass opens that ticket, its public thread only
    assert granted["__typename"] == "LoginSuccess", granted
    assert granted["viewer"] == {
        "__typename": "Guest",
        "ticket": {"trackingId": ticket["trackingId"]},
    }
    guest = granted["token"]
    view = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=guest)).data["ticket"]
    assert [m["internal"] for m in view["messages"]] == [False]
    listed = (await gql.execute(TICKETS, token=guest)).data["tickets"]["edges"]
    assert [edge["node"]["trackingId"] for edge in listed] == [ticket["trackingId"]]

    # The guest replies, resolves and reopens it
    reply = (await gql.execute(REPLY, {"id": ticket["id"], "m": "Más datos"}, token=guest)).data
    assert reply["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    resolved = (await gql.execute(RESOLVE, {"id": ticket["id"]}, token=guest)).data
    assert resolved["resolveTicket"]["ticket"] == {"status": "RESOLVED"}
    reopened = (await gql.execute(REOPEN, {"id": ticket["id"]}, token=guest)).data
    assert reopened["reopenTicket"]["ticket"]["status"] in ("OPEN", "NEW", "WAITING_ON_AGENT")
    view = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=guest)).data["ticket"]
    assert [m["authorKind"] for m in view["messages"]] == ["CUSTOMER", "GUEST"]

    # And nothing else: no notes, no triage, no new ticket, no other ticket
    note = (await gql.execute(REPLY, {"id": ticket["id"], "m": "x", "i": True}, token=guest)).data
    assert note["replyToTicket"] == {"__typename": "NotAllowedError", "code": "NOT_ALLOWED"}
    triage = (await gql.execute(TRIAGE, {"id": ticket["id"]}, token=guest)).data
    assert triage["triageTicket"]["code"] == "NOT_ALLOWED"
    created = (await gql.execute(CREATE, {"s": "Q2F0ZWdvcnk6MQ=="}, token=guest)).data
    assert created["createTicket"]["code"] == "NOT_ALLOWED"
    stranger = await gql.execute(TICKET, {"t": other["trackingId"]}, token=guest)
    assert stranger.error_codes == ["NOT_FOUND"]
    reply_elsewhere = (await gql.execute(REPLY, {"id": other["id"], "m": "x"}, token=guest)).data
    assert reply_elsewhere["replyToTicket"]["code"] == "NOT_FOUND"


async def test_an_unknown_tracking_id_and_a_wrong_email_get_the_same_answer(
    gql: GraphQLClient, customer_token: str, fresh_rate_limits: None
) -> None:
    ticket = await create_ticket(gql, customer_token)

    unknown = await guest_access(gql, new_tracking_id(), "cliente1001@example.com")
    wrong_email = await guest_access(gql, ticket["trackingId"], "someone@else.example")
    malformed = await guest_access(gql, "not-a-tracking-id", "cliente1001@example.com")

    assert unknown == wrong_email == malformed
    assert unknown["code"] == "INVALID_CREDENTIALS"


def aliased_lookups(count: int) -> str:
    fields = "\n".join(
        f'a{n}: guestAccess(trackingId: "{new_tracking_id()}", email: "x@example.com") '
        "{ __typename }"
        for n in range(count)
    )
    return f"mutation {{ {fields} }}"


async def test_a_thousand_lookups_from_one_address_as_aliases_are_refused_past_the_allowance(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given 1,000 guestAccess lookups of different tracking IDs, 100 aliases per request
    kinds: list[str] = []

    # When they are sent within a minute
    for _ in range(10):
        result = (await gql.execute(aliased_lookups(100))).data
        kinds += [payload["__typename"] for payload in result.values()]

    # Then only the address's allowance was looked up, every other attempt was refused
    assert kinds.count("InvalidCredentialsError") == 20
    assert kinds.count("RateLimitedError") == 980
    assert kinds[:20] == ["InvalidCredentialsError"] * 20

    # And more aliases in one request, or a batch of operations, are not executed at all
    too_many = await gql.execute(aliased_lookups(101))
    assert too_many.errors[0]["message"] == "101 aliases found. Allowed: 100"
    assert "data" not in too_many.body or too_many.body["data"] is None
    # And a batch of more than 10 operations in one request is not accepted at all
    batch = [{"query": 'mutation { guestAccess(trackingId: "A", email: "b") { __typename } }'}]
    response = await gql.http.post("/graphql", json=batch * 11)
    assert response.status_code == 400


async def test_a_tracking_id_gets_five_attempts_then_even_the_right_email_waits(
    gql: GraphQLClient, customer_token: str, fresh_rate_limits: None
) -> None:
    ticket = await create_ticket(gql, customer_token)
    for n in range(5):
        wrong = await guest_access(gql, ticket["trackingId"], f"guess{n}@example.com")
        assert wrong["code"] == "INVALID_CREDENTIALS"

    right = await guest_access(gql, ticket["trackingId"], "cliente1001@example.com")

    assert right["__typename"] == "RateLimitedError"
    assert right["code"] == "RATE_LIMITED"
    assert 0 < right["retryAfterSeconds"] <= 900


async def test_the_tracking_id_reminder_says_the_same_whether_or_not_the_address_is_known(
    gql: GraphQLClient, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given a customer with a ticket
    await new_customer("C-9201")
    token = (
        await gql.execute(
            'mutation { login(clientNumber: "C-9201", password: "first-password") '
            "{ ... on LoginSuccess { token } } }"
        )
    ).data["login"]["token"]
    ticket = await create_ticket(gql, token)

    # When the reminder is asked for their address and for an unknown one
    known = (await gql.execute(REMIND, {"e": "C-9201@example.com"})).data["remindTrackingIds"]
    unknown = (await gql.execute(REMIND, {"e": "nobody@example.com"})).data["remindTrackingIds"]

    # Then the answers are the same, and only the known address gets its tracking IDs
    assert known == unknown
    assert known["__typename"] == "RemindTrackingIdsSuccess"
    acknowledgement, mail = await wait_for_mail(mail_delivery, "c-9201@example.com", count=2)
    assert ticket["trackingId"] in acknowledgement["Subject"]
    assert mail["Subject"] == "Sus números de seguimiento"
    assert ticket["trackingId"] in body_of(mail)
    assert mail_to(mail_delivery, "nobody@example.com") == []
