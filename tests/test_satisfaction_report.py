"""The satisfaction report (supervisors, in GraphQL and as CSV), rating links swept once
expired, triggers reacting to a bad rating, and a rated ticket deleted with its rating."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

import httpx

from api.core.ids import parse_global_id
from domain.clock import utcnow
from domain.models import (
    AuthToken,
    Notification,
    NotificationKind,
    Ticket,
    TicketRating,
    TokenKind,
    TriggerRun,
    TriggerRunStatus,
)
from domain.retention import sweep_retention
from tests import automation_support
from tests.access_helpers import body_of
from tests.automation_support import eventually
from tests.email_support import drain, relay, settings
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.satisfaction_support import (
    LINK,
    PANEL,
    RATE_BY_LINK,
    REPORT,
    RESOLVE,
    SURVEY,
    counts,
    guest_ticket,
    report_of,
)

automation = automation_support.automation  # the fixture


async def test_the_report_is_for_supervisors_also_as_csv_and_expired_links_are_swept(
    gql: GraphQLClient,
    agent_token: str,
    supervisor_token: str,
    mail_delivery: Any,
    reset_rate_limits: None,
) -> None:
    # Given a guest's ticket resolved and rated BAD through its link
    email = f"informe-{uuid.uuid4().hex[:8]}@example.org"
    with relay() as captured, settings(panel_url=PANEL):
        ticket = await guest_ticket(gql, email, "ES")
        await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent_token)
        _, mail = await captured.wait_for(email, 2)
        await drain()
    [token] = {found for found, _ in LINK.findall(body_of(mail))}
    rated = (await gql.execute(RATE_BY_LINK, {"t": token, "r": "BAD"})).data["rateTicket"]
    assert rated["__typename"] == "RateTicketSuccess"
    start, end = utcnow() - timedelta(minutes=5), utcnow() + timedelta(minutes=5)

    # When an agent and a supervisor ask for the report, in GraphQL and as CSV
    refused = await gql.execute(
        REPORT, {"f": start.isoformat(), "t": end.isoformat()}, token=agent_token
    )
    report = await report_of(gql, supervisor_token, start, end)
    async with httpx.AsyncClient(base_url=gql.base_url) as http:
        sheet = await http.get(
            report["csvUrl"], headers={"Authorization": f"Bearer {supervisor_token}"}
        )
        denied = await http.get(
            report["csvUrl"], headers={"Authorization": f"Bearer {agent_token}"}
        )
        wrong = await http.get(
            "/reports/satisfaction.csv?from=ayer&to=hoy",
            headers={"Authorization": f"Bearer {supervisor_token}"},
        )

    # Then the agent is refused, and the supervisor's report counts the unassigned BAD
    assert refused.error_codes == ["NOT_ALLOWED"]
    unassigned = counts(report, "agent", "email", None)
    assert unassigned["bad"] >= 1
    assert report["total"]["total"] == sum(row["counts"]["total"] for row in report["byAgent"])
    assert report["total"]["total"] == sum(row["counts"]["total"] for row in report["byDepartment"])
    assert sheet.status_code == 200
    assert sheet.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(sheet.text)))
    assert lines[0] == [
        "scope",
        "agent",
        "department",
        "good",
        "neutral",
        "bad",
        "total",
        "share_good",
    ]
    total = report["total"]
    assert lines[-1][:7] == [
        "total",
        "",
        "",
        str(total["good"]),
        str(total["neutral"]),
        str(total["bad"]),
        str(total["total"]),
    ]
    assert ["department", "", "TECH"] in [line[:3] for line in lines]
    assert (denied.status_code, wrong.status_code) == (403, 400)

    # And once the link expired (14 days after resolution), it no longer opens and is swept
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    link = await AuthToken.get(kind=TokenKind.SATISFACTION, ticket_id=row.id)
    swept = await sweep_retention(link.expires_at + timedelta(seconds=1))
    assert swept.rating_links >= 1
    gone = (await gql.execute(SURVEY, {"t": token})).error_codes
    assert gone == ["NOT_FOUND"]


TRIGGER = """mutation($input: SaveTriggerInput!) { saveTrigger(input: $input) {
  __typename ... on SaveTriggerSuccess { trigger { id conditions { satisfactionRatings } } }
  ... on UserError { code message field } } }"""
DELETE_TRIGGER = "mutation($id: ID!) { deleteTrigger(triggerId: $id) { __typename } }"


async def test_a_trigger_reacts_to_a_bad_rating(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a trigger tagging the tickets rated BAD (those whose subject has this word)
    word = f"encuesta{uuid.uuid4().hex[:8]}"
    saved = (
        await gql.execute(
            TRIGGER,
            {
                "input": {
                    "name": "Insatisfechos",
                    "events": ["SATISFACTION_RATED"],
                    "conditions": {"subjectContains": word, "satisfactionRatings": ["BAD"]},
                    "actions": [{"type": "ADD_TAGS", "tags": ["insatisfecho"]}],
                }
            },
            token=admin_token,
        )
    ).data["saveTrigger"]
    assert saved["__typename"] == "SaveTriggerSuccess", saved
    assert saved["trigger"]["conditions"]["satisfactionRatings"] == ["BAD"]
    try:
        # and a customer's ticket they resolved themselves, with its rating link
        ticket = await create_ticket(gql, customer_token, subject=f"Correo caído {word}")
        await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
        row = await Ticket.get(tracking_id=ticket["trackingId"])
        mail = await Notification.get(ticket_id=row.id, kind=NotificationKind.STATUS_CHANGED)
        token = mail.payload["rating_token"]

        # When the customer rates it GOOD, then changes it to BAD
        runs: list[TriggerRun] = []
        for count, rating in enumerate(("GOOD", "BAD"), start=1):
            answer = (await gql.execute(RATE_BY_LINK, {"t": token, "r": rating})).data
            assert answer["rateTicket"]["__typename"] == "RateTicketSuccess", answer
            runs = await eventually(lambda n=count: _finished_runs(row.id, saved, n), rating)

        # Then the trigger passed over the GOOD answer and tagged the ticket on the BAD one
        assert (runs[0].status, runs[0].detail) == (
            TriggerRunStatus.SKIPPED,
            {"unmet": "satisfaction_ratings"},
        )
        assert runs[1].status is TriggerRunStatus.APPLIED, runs[1].detail
        tags = (
            await gql.execute(
                "query($t: String!) { ticket(trackingId: $t) { tags } }",
                {"t": ticket["trackingId"]},
                token=admin_token,
            )
        ).data["ticket"]["tags"]
        assert tags == ["insatisfecho"]
    finally:
        await gql.execute(DELETE_TRIGGER, {"id": saved["trigger"]["id"]}, token=admin_token)


async def _finished_runs(
    ticket_id: int, saved: dict[str, Any], count: int
) -> list[TriggerRun] | None:
    runs = await TriggerRun.filter(
        ticket_id=ticket_id, trigger_id=_pk(saved["trigger"]["id"])
    ).order_by("id")
    done = [r for r in runs if r.status in (TriggerRunStatus.SKIPPED, TriggerRunStatus.APPLIED)]
    return done if len(done) == count else None


def _pk(global_id: str) -> int:
    parsed = parse_global_id(global_id)
    assert parsed is not None
    return parsed[1]


async def test_deleting_a_rated_ticket_takes_its_rating_and_its_links(
    gql: GraphQLClient, customer_token: str, admin_token: str
) -> None:
    # Given a customer's ticket resolved and rated through its link
    ticket = await create_ticket(gql, customer_token)
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    mail = await Notification.get(ticket_id=row.id, kind=NotificationKind.STATUS_CHANGED)
    rated = await gql.execute(RATE_BY_LINK, {"t": mail.payload["rating_token"], "r": "GOOD"})
    assert rated.data["rateTicket"]["__typename"] == "RateTicketSuccess"
    assert await TicketRating.filter(ticket_id=row.id).exists()

    # When an admin deletes the ticket
    deleted = await gql.execute(
        "mutation($id: ID!) { deleteTicket(ticketId: $id) { __typename } }",
        {"id": ticket["id"]},
        token=admin_token,
    )

    # Then its rating and its rating links went with it
    assert deleted.data["deleteTicket"]["__typename"] == "DeleteTicketSuccess"
    assert not await TicketRating.filter(ticket_id=row.id).exists()
    assert not await AuthToken.filter(ticket_id=row.id).exists()
