"""Guests' tickets from never-seen addresses wait for a mailed confirmation when
MESA_GUEST_CONFIRMATION=new-addresses (issue 18, point 5): the tracking ID comes back at once,
but the ticket is in no queue, view, count or search, has no SLA clock and no guest pass, until
the single-use link mailed to the address (in the guest's language) is followed; then it enters
the queue, its SLA counting from that moment, and the usual tracking-ID mail goes out.
Unconfirmed tickets are deleted by the retention sweep once their link expired."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from domain.clock import utcnow
from domain.config import GuestConfirmation, get_settings
from domain.models import AuthToken, Message, Ticket, TokenKind
from domain.retention import sweep_retention
from tests.access_helpers import body_of
from tests.email_support import drain, relay, settings
from tests.factories import department_id
from tests.graphql_client import GraphQLClient

CONFIRM_CODE = re.compile(r"mesa_gc_[A-Za-z0-9_-]+")
CREATE = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename
  ... on CreateTicketSuccess { ticket { trackingId } guestPass { token } awaitingConfirmation }
  ... on UserError { code message field } } }"""
CONFIRM = """mutation($token: String!) { confirmGuestTicket(token: $token) {
  __typename
  ... on ConfirmGuestTicketSuccess { ticket { trackingId status } guestPass { token } }
  ... on UserError { code message field } } }"""
COUNTS = "{ ticketViews { id builtIn count } }"
# What the agent's "unassigned in my departments" view holds, newest first.
UNASSIGNED = """{ tickets(
  filter: {unassigned: true, status: [NEW, OPEN, WAITING_ON_CUSTOMER, WAITING_ON_AGENT]},
  orderBy: {field: CREATED_AT, direction: DESC}, first: 100) { edges { node { trackingId } } } }"""
SEARCH = """query($s: String!) { tickets(filter: {search: $s}) { totalCount
  edges { node { trackingId } } } }"""
BY_TRACKING_ID = "query($t: String!) { ticket(trackingId: $t) { trackingId } }"
GUEST_ACCESS = """mutation($t: String!, $e: String!) { guestAccess(trackingId: $t, email: $e) {
  __typename } }"""


def new_email() -> str:
    return f"visitante-{uuid.uuid4().hex[:10]}@example.org"


async def _payload(gql: GraphQLClient, email: str, word: str, language: str) -> dict[str, Any]:
    return {
        "subject": "No puedo entrar al panel",
        "message": f"El panel dice que la clave es incorrecta (referencia {word}).",
        "departmentId": await department_id(gql, "TECH"),
        "guest": {"name": "Valentina Ruiz", "email": email, "language": language},
    }


async def _counts(gql: GraphQLClient, token: str) -> dict[str, int]:
    views = (await gql.execute(COUNTS, token=token)).data["ticketViews"]
    return {view["id"]: view["count"] for view in views if view["builtIn"]}


async def _unassigned(gql: GraphQLClient, token: str) -> list[str]:
    """The newest of the agent's unassigned tickets (the queue of the "unassigned" view)."""
    edges = (await gql.execute(UNASSIGNED, token=token)).data["tickets"]["edges"]
    return [edge["node"]["trackingId"] for edge in edges]


async def _found(gql: GraphQLClient, token: str, word: str) -> list[str]:
    found = (await gql.execute(SEARCH, {"s": word}, token=token)).data["tickets"]
    return [edge["node"]["trackingId"] for edge in found["edges"]]


async def test_a_new_address_confirms_by_mail_before_the_ticket_enters_the_queue(
    gql: GraphQLClient, agent_token: str, mail_delivery: Path, reset_rate_limits: None
) -> None:
    with relay() as captured, settings(guest_confirmation="new-addresses"):
        # Given a guest writing from an address never seen, in English
        email, word = new_email(), f"ref{uuid.uuid4().hex[:8]}"
        counts_before = await _counts(gql, agent_token)
        created = (
            await gql.execute(CREATE, {"input": await _payload(gql, email, word, "EN")})
        ).data["createTicket"]

        # Then the tracking ID comes back, without a pass, and the ticket is held: no view
        # lists or counts it, search and the agent's lookup do not find it, guestAccess
        # does not open it, and it has no SLA clock
        assert created["__typename"] == "CreateTicketSuccess", created
        assert (created["awaitingConfirmation"], created["guestPass"]) == (True, None)
        tracking_id = created["ticket"]["trackingId"]
        assert await _counts(gql, agent_token) == counts_before
        assert tracking_id not in await _unassigned(gql, agent_token)
        assert await _found(gql, agent_token, word) == []
        lookup = await gql.execute(BY_TRACKING_ID, {"t": tracking_id}, token=agent_token)
        assert lookup.body["data"]["ticket"] is None
        refused = (await gql.execute(GUEST_ACCESS, {"t": tracking_id, "e": email})).data
        assert refused["guestAccess"]["__typename"] == "InvalidCredentialsError"
        held = await Ticket.held_rows().get(tracking_id=tracking_id)
        assert (held.sla_due_at, held.first_response_due_at) == (None, None)

        # And the guest gets one mail, in English, with a single-use link and no tracking tag
        [confirmation] = await captured.wait_for(email)
        assert str(confirmation["Subject"]) == (
            "Confirm your email to send your ticket: No puedo entrar al panel"
        )
        assert tracking_id not in str(confirmation["Subject"])
        [code] = set(CONFIRM_CODE.findall(body_of(confirmation)))

        # When the guest follows it (twice: the second click finds it spent)
        confirmed_at = utcnow()
        confirmed = (await gql.execute(CONFIRM, {"token": code})).data["confirmGuestTicket"]
        again = (await gql.execute(CONFIRM, {"token": code})).data["confirmGuestTicket"]

        # Then the ticket is in the agent's queue and search, with a pass for the guest
        assert confirmed["__typename"] == "ConfirmGuestTicketSuccess", confirmed
        assert confirmed["ticket"] == {"trackingId": tracking_id, "status": "NEW"}
        assert (again["__typename"], again["code"], again["field"]) == (
            "NotFoundError",
            "NOT_FOUND",
            "token",
        )
        counts_after = await _counts(gql, agent_token)
        assert counts_after["unassigned"] == counts_before["unassigned"] + 1
        assert tracking_id in await _unassigned(gql, agent_token)
        assert await _found(gql, agent_token, word) == [tracking_id]
        seen = await gql.execute(
            "{ viewer { ... on Guest { ticket { trackingId } } } }",
            token=confirmed["guestPass"]["token"],
        )
        assert seen.data["viewer"]["ticket"]["trackingId"] == tracking_id

        # And its life in the queue, SLA included, starts at the confirmation
        ticket = await Ticket.get(tracking_id=tracking_id)
        assert ticket.created_at >= confirmed_at
        assert ticket.held_until is None
        assert await Message.filter(ticket_id=ticket.id).count() == 1

        # And the usual tracking-ID mail follows, in English
        _, acknowledgement = await captured.wait_for(email, 2)
        assert f"[#{tracking_id}]" in str(acknowledgement["Subject"])
        assert tracking_id in body_of(acknowledgement)
        await drain()


async def test_a_known_address_goes_straight_to_the_queue(
    gql: GraphQLClient, in_process_server: str, reset_rate_limits: None
) -> None:
    # Given an address that already opened a ticket
    email = new_email()
    first = (await gql.execute(CREATE, {"input": await _payload(gql, email, "uno", "ES")})).data
    assert first["createTicket"]["awaitingConfirmation"] is False

    with settings(guest_confirmation="new-addresses"):
        # When it writes again with confirmation on, and so does a demo customer's address
        again = (
            await gql.execute(CREATE, {"input": await _payload(gql, email, "dos", "ES")})
        ).data["createTicket"]
        customer = (
            await gql.execute(
                CREATE, {"input": await _payload(gql, "cliente1002@example.com", "tres", "ES")}
            )
        ).data["createTicket"]

    # Then neither waits: each has its pass and is queued
    for created in (again, customer):
        assert created["__typename"] == "CreateTicketSuccess", created
        assert created["awaitingConfirmation"] is False and created["guestPass"]["token"]
        assert await Ticket.exists(tracking_id=created["ticket"]["trackingId"])


async def test_an_unconfirmed_ticket_is_deleted_once_its_link_expired(
    gql: GraphQLClient, in_process_server: str, reset_rate_limits: None
) -> None:
    # Given a held ticket, its link unused
    with settings(guest_confirmation="new-addresses"):
        email = new_email()
        created = (
            await gql.execute(CREATE, {"input": await _payload(gql, email, "cuatro", "ES")})
        ).data["createTicket"]
    tracking_id = created["ticket"]["trackingId"]
    held = await Ticket.held_rows().get(tracking_id=tracking_id)
    [token] = await AuthToken.filter(ticket_id=held.id, kind=TokenKind.GUEST_CONFIRM)
    assert get_settings().guest_confirmation is GuestConfirmation.NEVER

    # When the retention sweep runs before the link expires, then after
    early = await sweep_retention(now=utcnow())
    late = await sweep_retention(
        now=utcnow() + timedelta(hours=get_settings().guest_confirmation_hours, minutes=1)
    )

    # Then the first keeps it, the second deletes it with its message and link
    assert early.unconfirmed_tickets == 0
    assert late.unconfirmed_tickets >= 1
    assert not await Ticket.held_rows().filter(id=held.id).exists()
    assert not await Message.filter(ticket_id=held.id).exists()
    assert not await AuthToken.filter(id=token.id).exists()


async def test_a_bad_or_spent_link_changes_nothing(gql: GraphQLClient) -> None:
    before = await Ticket.all().count()

    answers = [
        (await gql.execute(CONFIRM, {"token": token})).data["confirmGuestTicket"]
        for token in ("mesa_gc_" + "x" * 43, "", "a" * 5000)
    ]

    assert {(a["__typename"], a["field"]) for a in answers} == {("NotFoundError", "token")}
    assert " / " in answers[0]["message"]
    assert await Ticket.all().count() == before
