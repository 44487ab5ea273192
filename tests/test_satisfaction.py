"""Customer satisfaction (issue 20, point 5; seed 001's "¿Fue útil la respuesta?"): the mail
telling a requester their ticket was resolved carries one-click rating links; the link's token
rates the ticket without logging in (guests), a logged-in requester rates their own ticket by
ID; one answer per ticket, changeable for 7 days; the rating is on the ticket and its history,
and counted in the supervisors' report per agent and per department."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from api.core.ids import encode_id
from domain.clock import clock, utcnow
from domain.models import AuthToken, Staff, Ticket, TicketRating, TokenKind
from tests.access_helpers import body_of, new_customer
from tests.conftest import LOGIN, token_for
from tests.email_support import drain, relay, settings
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.satisfaction_support import (
    ASSIGN,
    CODE,
    LINK,
    PANEL,
    RATE_BY_ID,
    RATE_BY_LINK,
    REOPEN,
    RESOLVE,
    SURVEY,
    TICKET,
    counts,
    guest_ticket,
    report_of,
)


async def test_a_guest_rates_a_resolved_ticket_from_the_mailed_link_and_may_change_it_for_7_days(
    gql: GraphQLClient,
    agent_token: str,
    supervisor_token: str,
    mail_delivery: Any,
    reset_rate_limits: None,
) -> None:
    agent = await Staff.get(email="agent@mesa.example")
    period = (utcnow() - timedelta(hours=1), utcnow() + timedelta(days=30))
    before = await report_of(gql, supervisor_token, *period)
    email = f"laura-{uuid.uuid4().hex[:8]}@example.org"
    with relay() as captured, settings(panel_url=PANEL):
        # Given a guest's ticket, in English, taken by an agent
        ticket = await guest_ticket(gql, email, "EN")
        taken = await gql.execute(
            ASSIGN, {"id": ticket["id"], "a": encode_id("Staff", agent.id)}, token=agent_token
        )
        assert taken.data["assignTicket"]["__typename"] == "AssignTicketSuccess"

        # When the agent resolves it
        resolved = await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent_token)
        assert resolved.data["resolveTicket"]["__typename"] == "ResolveTicketSuccess"

        # Then the guest's "resolved" mail, in English, carries the three one-click links
        _, mail = await captured.wait_for(email, 2)
        await drain()
    text = body_of(mail)
    assert str(mail["Subject"]).startswith(f"[#{ticket['trackingId']}] Your ticket was resolved")
    assert "Was the answer helpful?" in text
    links = LINK.findall(text)
    assert [rating for _, rating in links] == ["GOOD", "NEUTRAL", "BAD"]
    [token] = {token for token, _ in links}
    html = mail.get_body(preferencelist=("html",))
    assert html is not None and f"{PANEL}/rate#token={token}&amp;rating=GOOD" in str(
        html.get_content()
    )
    # and the token is stored as its hash only, for this ticket
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    assert not await AuthToken.filter(token_hash=token).exists()
    assert await AuthToken.filter(kind=TokenKind.SATISFACTION, ticket_id=row.id).count() == 1

    # When the guest follows the GOOD link, with no login at all
    page = (await gql.execute(SURVEY, {"t": token})).data["satisfactionSurvey"]
    first = (await gql.execute(RATE_BY_LINK, {"t": token, "r": "GOOD"})).data["rateTicket"]

    # Then the page showed the ticket unrated, and the answer is recorded
    assert page == {
        "ticketNumber": ticket["number"],
        "subject": "El correo no envía",
        "satisfaction": None,
    }
    assert first["__typename"] == "RateTicketSuccess", first
    answer = first["survey"]["satisfaction"]
    assert (answer["rating"], answer["comment"]) == ("GOOD", None)
    rated_at = datetime.fromisoformat(answer["ratedAt"])
    assert datetime.fromisoformat(answer["changeableUntil"]) == rated_at + timedelta(days=7)

    try:
        # When, six days later, the guest changes it with a comment
        clock.set(rated_at + timedelta(days=6))
        changed = (
            await gql.execute(
                RATE_BY_LINK, {"t": token, "r": "NEUTRAL", "c": "  Resuelto, pero tardó.  "}
            )
        ).data["rateTicket"]

        # Then the change is kept
        assert changed["__typename"] == "RateTicketSuccess", changed
        now = changed["survey"]["satisfaction"]
        assert (now["rating"], now["comment"]) == ("NEUTRAL", "Resuelto, pero tardó.")
        assert now["ratedAt"] == answer["ratedAt"]
        assert datetime.fromisoformat(now["changedAt"]) == rated_at + timedelta(days=6)

        # When, past 7 days after the first answer, the guest tries again
        clock.set(rated_at + timedelta(days=7, minutes=1))
        late = (await gql.execute(RATE_BY_LINK, {"t": token, "r": "BAD", "c": "Mal"})).data[
            "rateTicket"
        ]
    finally:
        clock.reset()

    # Then it is refused, in both languages, and nothing changed
    assert (late["__typename"], late["code"], late["field"]) == (
        "InvalidTransitionError",
        "RATING_WINDOW_EXPIRED",
        "rating",
    )
    assert "can no longer change" in late["message"]
    assert "ya no se puede cambiar" in late["message"]
    stored = await TicketRating.get(ticket_id=row.id)
    assert (stored.rating.value, stored.comment, stored.agent_id) == (
        "NEUTRAL",
        "Resuelto, pero tardó.",
        agent.id,
    )

    # And staff see the rating on the ticket and both answers in its history
    seen = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert seen["ticket"]["satisfaction"] == {
        "rating": "NEUTRAL",
        "comment": "Resuelto, pero tardó.",
    }
    rated = [e for e in seen["ticket"]["events"] if e["kind"] == "SATISFACTION_RATED"]
    assert [(e["actorKind"], e["before"], e["after"]) for e in rated] == [
        ("GUEST", None, {"rating": "GOOD", "comment": None}),
        (
            "GUEST",
            {"rating": "GOOD", "comment": None},
            {"rating": "NEUTRAL", "comment": "Resuelto, pero tardó."},
        ),
    ]

    # And the report counts it once, as neutral, for the agent and for TECH
    after = await report_of(gql, supervisor_token, *period)
    for scope, key, name in (
        ("agent", "email", "agent@mesa.example"),
        ("department", "code", "TECH"),
    ):
        was, now_counts = counts(before, scope, key, name), counts(after, scope, key, name)
        assert (
            now_counts["good"] - was["good"],
            now_counts["neutral"] - was["neutral"],
            now_counts["bad"] - was["bad"],
            now_counts["total"] - was["total"],
        ) == (0, 1, 0, 1), (scope, was, now_counts)
    assert after["total"]["total"] == before["total"]["total"] + 1


async def test_a_customer_rates_their_own_ticket_by_id_in_spanish_and_refusals_change_nothing(
    gql: GraphQLClient,
    agent_token: str,
    other_customer_token: str,
    mail_delivery: Any,
    reset_rate_limits: None,
) -> None:
    number = f"S-{uuid.uuid4().hex[:6].upper()}"
    customer = await new_customer(number)
    token = await token_for(gql, LOGIN, {"n": number, "p": "first-password"})
    with relay() as captured, settings(panel_url=PANEL):
        # Given the customer's own ticket, still open
        ticket = await create_ticket(gql, token)
        early = await gql.execute(RATE_BY_ID, {"id": ticket["id"], "r": "GOOD"}, token=token)
        # When they resolve it themselves
        resolved = await gql.execute(RESOLVE, {"id": ticket["id"]}, token=token)
        assert resolved.data["resolveTicket"]["__typename"] == "ResolveTicketSuccess"
        # Then they still get the survey, in Spanish
        mails = await captured.wait_for(customer.email, 2)
        await drain()
    survey_mail = body_of(mails[-1])
    assert "¿Fue útil la respuesta?" in survey_mail
    assert f"{PANEL}/rate#token=" in survey_mail and "&rating=BAD" in survey_mail
    assert early.data["rateTicket"]["code"] == "INVALID_TRANSITION"

    view = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=token)).data["ticket"]
    assert view["viewerCan"]["rate"] is True
    attempts = {
        "another customer": (other_customer_token, {"id": ticket["id"], "r": "BAD"}),
        "an agent": (agent_token, {"id": ticket["id"], "r": "BAD"}),
        "nobody": (None, {"id": ticket["id"], "r": "BAD"}),
        "a long comment": (token, {"id": ticket["id"], "r": "BAD", "c": "x" * 2001}),
    }
    refused = {}
    for who, (bearer, variables) in attempts.items():
        result = (await gql.execute(RATE_BY_ID, variables, token=bearer)).data["rateTicket"]
        refused[who] = (result["__typename"], result["code"])
    bad_link = (await gql.execute(RATE_BY_LINK, {"t": "mesa_sr_nope", "r": "BAD"})).data
    both = (
        await gql.execute(
            "mutation($t: String!, $id: ID!) { rateTicket(token: $t, ticketId: $id, "
            "rating: GOOD) { __typename ... on UserError { code field } } }",
            {"t": "mesa_sr_nope", "id": ticket["id"]},
            token=token,
        )
    ).data["rateTicket"]
    assert refused == {
        "another customer": ("NotFoundError", "NOT_FOUND"),
        "an agent": ("NotAllowedError", "NOT_ALLOWED"),
        "nobody": ("NotAllowedError", "UNAUTHENTICATED"),
        "a long comment": ("ValidationError", "VALIDATION"),
    }
    assert (bad_link["rateTicket"]["code"], bad_link["rateTicket"]["field"]) == (
        "NOT_FOUND",
        "token",
    )
    assert both == {"__typename": "ValidationError", "code": "VALIDATION", "field": "token"}
    assert not await TicketRating.filter(ticket__tracking_id=ticket["trackingId"]).exists()

    # When the customer rates it by its ID
    rated = (
        await gql.execute(
            RATE_BY_ID, {"id": ticket["id"], "r": "BAD", "c": "Nadie respondió"}, token=token
        )
    ).data["rateTicket"]

    # Then it is theirs to see, and the message is in the customer's Spanish
    assert rated["survey"]["satisfaction"] == {"rating": "BAD", "comment": "Nadie respondió"}
    mine = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=token)).data["ticket"]
    assert mine["satisfaction"] == {"rating": "BAD", "comment": "Nadie respondió"}

    # And once reopened, the ticket cannot be rated until resolved again
    reopened = await gql.execute(REOPEN, {"id": ticket["id"]}, token=token)
    assert reopened.data["reopenTicket"]["__typename"] == "ReopenTicketSuccess"
    again = (await gql.execute(RATE_BY_ID, {"id": ticket["id"], "r": "GOOD"}, token=token)).data
    assert again["rateTicket"]["code"] == "INVALID_TRANSITION"
    assert "Solo se puede valorar" in again["rateTicket"]["message"]
    assert (await TicketRating.get(ticket__tracking_id=ticket["trackingId"])).rating == "BAD"


async def test_with_the_survey_off_no_links_are_mailed_and_links_stop_working(
    gql: GraphQLClient, agent_token: str, mail_delivery: Any, reset_rate_limits: None
) -> None:
    email = f"sin-encuesta-{uuid.uuid4().hex[:8]}@example.org"
    with relay() as captured, settings(panel_url=PANEL, satisfaction_survey="false"):
        # Given the survey turned off, and a guest's ticket resolved by an agent
        ticket = await guest_ticket(gql, email, "ES")
        await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent_token)

        # Then the resolution mail has no rating link, and no link token exists
        _, mail = await captured.wait_for(email, 2)
        await drain()
        assert "resuelto" in str(mail["Subject"])
        assert "¿Fue útil" not in body_of(mail) and not CODE.search(body_of(mail))
        row = await Ticket.get(tracking_id=ticket["trackingId"])
        assert not await AuthToken.filter(kind=TokenKind.SATISFACTION, ticket_id=row.id).exists()

        # And a link mailed before it was turned off no longer rates
        refused = (await gql.execute(RATE_BY_LINK, {"t": "mesa_sr_x", "r": "GOOD"})).data
        assert refused["rateTicket"]["code"] == "NOT_ALLOWED"
