"""Customer satisfaction (issue 20, point 5; seed 001's "¿Fue útil la respuesta?"): the mail
telling a requester their ticket was resolved carries one-click rating links; the link's token
rates the ticket without logging in (guests), a logged-in requester rates their own ticket by
ID; one answer per ticket, changeable for 7 days; the rating is on the ticket and its history,
and in the supervisors' report per agent and per department."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx

from api.core.ids import encode_id, parse_global_id
from domain.clock import clock, utcnow
from domain.models import (
    AuthToken,
    Notification,
    NotificationKind,
    Staff,
    Ticket,
    TicketRating,
    TokenKind,
    TriggerRun,
    TriggerRunStatus,
)
from domain.retention import sweep_retention
from tests import automation_support
from tests.access_helpers import body_of, new_customer
from tests.automation_support import eventually
from tests.conftest import LOGIN, token_for
from tests.email_support import drain, relay, settings
from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient

PANEL = "https://soporte.example"
LINK = re.compile(
    re.escape(PANEL) + r"/rate#token=(mesa_sr_[A-Za-z0-9_-]+)&rating=(GOOD|NEUTRAL|BAD)"
)
CODE = re.compile(r"mesa_sr_[A-Za-z0-9_-]+")
automation = automation_support.automation  # the fixture
CREATE = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on CreateTicketSuccess { ticket { id trackingId number } }
  ... on UserError { code message field } } }"""
ASSIGN = """mutation($id: ID!, $a: ID) { assignTicket(input: {ticketId: $id, assigneeId: $a}) {
  __typename ... on UserError { code message } } }"""
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on UserError { code message } } }"""
REOPEN = """mutation($id: ID!) { reopenTicket(ticketId: $id) {
  __typename ... on UserError { code message } } }"""
RATE_BY_LINK = """mutation($t: String!, $r: SatisfactionRating!, $c: String) {
  rateTicket(token: $t, rating: $r, comment: $c) {
    __typename
    ... on RateTicketSuccess { survey { ticketNumber subject
      satisfaction { rating comment ratedAt changedAt changeableUntil } } }
    ... on UserError { code message field } } }"""
RATE_BY_ID = """mutation($id: ID!, $r: SatisfactionRating!, $c: String) {
  rateTicket(ticketId: $id, rating: $r, comment: $c) {
    __typename
    ... on RateTicketSuccess { survey { satisfaction { rating comment } } }
    ... on UserError { code message field } } }"""
SURVEY = """query($t: String!) { satisfactionSurvey(token: $t) {
  ticketNumber subject satisfaction { rating comment } } }"""
TICKET = """query($t: String!) { ticket(trackingId: $t) {
  satisfaction { rating comment }
  viewerCan { rate }
  events { kind actorKind before after } } }"""
REPORT = """query($f: DateTime!, $t: DateTime!) { satisfactionReport(from: $f, to: $t) {
  byAgent { agent { email } counts { good neutral bad total shareGood } }
  byDepartment { department { code } counts { good neutral bad total shareGood } }
  total { good neutral bad total shareGood }
  csvUrl } }"""


def _counts(report: dict[str, Any], scope: str, key: str, name: str | None) -> dict[str, Any]:
    rows = report["byAgent" if scope == "agent" else "byDepartment"]
    for row in rows:
        owner = row[scope]
        if (owner[key] if owner else None) == name:
            return dict(row["counts"])
    return {"good": 0, "neutral": 0, "bad": 0, "total": 0, "shareGood": None}


async def _report(gql: GraphQLClient, token: str, start: datetime, end: datetime) -> Any:
    answer = await gql.execute(REPORT, {"f": start.isoformat(), "t": end.isoformat()}, token=token)
    assert not answer.errors, answer.errors
    return answer.data["satisfactionReport"]


async def _guest_ticket(gql: GraphQLClient, email: str, language: str) -> dict[str, Any]:
    created = (
        await gql.execute(
            CREATE,
            {
                "input": {
                    "subject": "El correo no envía",
                    "message": "Outlook dice que el servidor SMTP rechaza la conexión.",
                    "departmentId": await department_id(gql, "TECH"),
                    "guest": {"name": "Laura Gómez", "email": email, "language": language},
                }
            },
        )
    ).data["createTicket"]
    assert created["__typename"] == "CreateTicketSuccess", created
    ticket: dict[str, Any] = created["ticket"]
    return ticket


async def test_a_guest_rates_a_resolved_ticket_from_the_mailed_link_and_may_change_it_for_7_days(
    gql: GraphQLClient,
    agent_token: str,
    supervisor_token: str,
    mail_delivery: Any,
    reset_rate_limits: None,
) -> None:
    agent = await Staff.get(email="agent@mesa.example")
    period = (utcnow() - timedelta(hours=1), utcnow() + timedelta(days=30))
    before = await _report(gql, supervisor_token, *period)
    email = f"laura-{uuid.uuid4().hex[:8]}@example.org"
    with relay() as captured, settings(panel_url=PANEL):
        # Given a guest's ticket, in English, taken by an agent
        ticket = await _guest_ticket(gql, email, "EN")
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
    after = await _report(gql, supervisor_token, *period)
    for scope, key, name in (
        ("agent", "email", "agent@mesa.example"),
        ("department", "code", "TECH"),
    ):
        was, now_counts = _counts(before, scope, key, name), _counts(after, scope, key, name)
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
        ticket = await _guest_ticket(gql, email, "ES")
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
        ticket = await _guest_ticket(gql, email, "ES")
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
    report = await _report(gql, supervisor_token, start, end)
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
    unassigned = _counts(report, "agent", "email", None)
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
