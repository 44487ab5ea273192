"""The SLA over GraphQL: a ticket's deadlines and state, ordering by due time, the admins'
settings and the supervisors' report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from domain.clock import clock
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, token_for
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.sla_support import bogota

TICKET_SLA = """
query($t: String!) {
  ticket(trackingId: $t) {
    sla {
      clock state businessSecondsRemaining firstResponseDueMinutes
      firstResponseExpectedAt firstResponseDueAt firstRespondedAt nextResponseDueAt
      resolutionDueAt supportLevel { code }
    }
  }
}"""
DUE_SOONEST = """
query($before: DateTime!) {
  tickets(
    filter: {dueBefore: $before, subject: "copia de seguridad"}
    orderBy: {field: SLA_DUE_AT, direction: ASC}
  ) {
    edges { node { trackingId } }
  }
}"""
SET_TARGET = """
mutation($input: SetSlaTargetInput!) {
  setSlaTarget(input: $input) {
    __typename
    ... on SetSlaTargetSuccess { target { impact clock firstResponseDueMinutes } }
    ... on UserError { code field }
  }
}"""
SAVE_CALENDAR = """
mutation($input: SaveBusinessCalendarInput!) {
  saveBusinessCalendar(input: $input) {
    __typename
    ... on SaveBusinessCalendarSuccess {
      calendar { name timezone weeklyHours { weekday start end } }
    }
    ... on UserError { code field }
  }
}"""
SUPPORT_LEVELS = "{ supportLevels { id code } }"
REPORT = """
query($from: DateTime!, $to: DateTime!) {
  slaReport(from: $from, to: $to) {
    rows {
      supportLevel { code } impact tickets firstResponsesMet firstResponsesBreached
      medianBusinessSecondsToFirstResponse p90BusinessSecondsToFirstResponse
    }
  }
}"""


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


@pytest.fixture(scope="module")
async def admin_token(gql: GraphQLClient) -> str:
    return await token_for(gql, AGENT_LOGIN, {"e": "admin@mesa.example", "p": DEMO_PASSWORD})


async def sla_of(gql: GraphQLClient, token: str, tracking_id: str) -> dict[str, Any]:
    result = await gql.execute(TICKET_SLA, {"t": tracking_id}, token=token)
    return dict(result.data["ticket"]["sla"])


async def test_a_ticket_shows_its_deadlines_and_state_as_time_passes(
    in_process_server: str,  # the clock is set in this process
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
) -> None:
    # given a Nivel 1 MEDIUM ticket opened on Friday 2026-11-20 at 17:30 in Bogotá
    clock.set(bogota(2026, 11, 20, 17, 30))
    ticket = await create_ticket(
        gql, customer_token, category="backup_restore", subject="Restaurar copia de seguridad"
    )
    opened = await sla_of(gql, customer_token, ticket["trackingId"])

    # when Monday 11:00 comes, and then 13:00
    clock.set(bogota(2026, 11, 23, 11, 0))
    warned = await sla_of(gql, agent_token, ticket["trackingId"])
    clock.set(bogota(2026, 11, 23, 13, 0))
    breached = await sla_of(gql, agent_token, ticket["trackingId"])

    # then the state follows the range: expected 10:30, due 12:30 (business hours)
    assert opened == {
        "clock": "BUSINESS_HOURS",
        "state": "ON_TRACK",
        "businessSecondsRemaining": 5 * 3600,
        "firstResponseDueMinutes": 300,
        "firstResponseExpectedAt": "2026-11-23T15:30:00+00:00",
        "firstResponseDueAt": "2026-11-23T17:30:00+00:00",
        "firstRespondedAt": None,
        "nextResponseDueAt": None,
        "resolutionDueAt": None,
        "supportLevel": {"code": "N1"},
    }
    assert (warned["state"], warned["businessSecondsRemaining"]) == ("WARNING", 5400)
    assert (breached["state"], breached["businessSecondsRemaining"]) == ("BREACHED", -1800)

    # and staff list it among the tickets due soonest
    due = await gql.execute(DUE_SOONEST, {"before": "2026-11-23T17:30:00+00:00"}, token=agent_token)
    tracking_ids = [edge["node"]["trackingId"] for edge in due.data["tickets"]["edges"]]
    assert tracking_ids == [ticket["trackingId"]]
    none_due = await gql.execute(
        DUE_SOONEST, {"before": "2026-11-23T17:00:00+00:00"}, token=agent_token
    )
    assert none_due.data["tickets"]["edges"] == []


async def test_only_admins_change_targets_and_calendars(
    gql: GraphQLClient, supervisor_token: str, admin_token: str
) -> None:
    levels = (await gql.execute(SUPPORT_LEVELS, token=admin_token)).data["supportLevels"]
    level_2 = next(level["id"] for level in levels if level["code"] == "N2")
    target = {
        "supportLevelId": level_2,
        "impact": "LOW",
        "clock": "BUSINESS_HOURS",
        "firstResponseExpectedMinutes": 180,
        "firstResponseDueMinutes": 240,
    }
    calendar = {
        "name": "Madrid",
        "timezone": "Europe/Madrid",
        "weeklyHours": [{"weekday": 0, "start": "09:00", "end": "14:00"}],
        "holidayCountry": "ES",
    }

    # when a supervisor tries, then an admin, and an admin sends nonsense
    refused = await gql.execute(SET_TARGET, {"input": target}, token=supervisor_token)
    accepted = await gql.execute(SET_TARGET, {"input": target}, token=admin_token)
    inverted = {**target, "firstResponseExpectedMinutes": 300}
    invalid = await gql.execute(SET_TARGET, {"input": inverted}, token=admin_token)
    saved = await gql.execute(SAVE_CALENDAR, {"input": calendar}, token=admin_token)
    bad_zone = {**calendar, "name": "Nowhere", "timezone": "Mars/Olympus"}
    unknown = await gql.execute(SAVE_CALENDAR, {"input": bad_zone}, token=admin_token)

    # then
    assert refused.data["setSlaTarget"] == {
        "__typename": "NotAllowedError",
        "code": "NOT_ALLOWED",
        "field": None,
    }
    assert accepted.data["setSlaTarget"] == {
        "__typename": "SetSlaTargetSuccess",
        "target": {"impact": "LOW", "clock": "BUSINESS_HOURS", "firstResponseDueMinutes": 240},
    }
    assert invalid.data["setSlaTarget"]["field"] == "firstResponseExpectedMinutes"
    assert saved.data["saveBusinessCalendar"]["calendar"] == {
        "name": "Madrid",
        "timezone": "Europe/Madrid",
        "weeklyHours": [{"weekday": 0, "start": "09:00", "end": "14:00"}],
    }
    assert unknown.data["saveBusinessCalendar"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "timezone",
    }


async def test_the_report_counts_first_responses_for_supervisors_only(
    in_process_server: str,  # the clock is set in this process
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    supervisor_token: str,
) -> None:
    # given a Nivel 1 HIGH ticket opened on Sunday 2026-11-15 at 03:00, answered at 03:30
    clock.set(bogota(2026, 11, 15, 3, 0))
    ticket = await create_ticket(gql, customer_token, category="service_down")
    clock.set(bogota(2026, 11, 15, 3, 30))
    reply = await gql.execute(
        """mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Revisando."}) {
             __typename } }""",
        {"id": ticket["id"]},
        token=agent_token,
    )
    period = {"from": "2026-11-15T00:00:00-05:00", "to": "2026-11-16T00:00:00-05:00"}

    # when a supervisor and an agent ask for the report of that day
    report = await gql.execute(REPORT, period, token=supervisor_token)
    refused = await gql.execute(REPORT, period, token=agent_token)

    # then
    assert reply.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    assert report.data["slaReport"]["rows"] == [
        {
            "supportLevel": {"code": "N1"},
            "impact": "HIGH",
            "tickets": 1,
            "firstResponsesMet": 1,
            "firstResponsesBreached": 0,
            "medianBusinessSecondsToFirstResponse": 1800,
            "p90BusinessSecondsToFirstResponse": 1800,
        }
    ]
    assert refused.error_codes == ["NOT_ALLOWED"]


async def test_supervisors_download_the_report_as_csv(
    in_process_server: str,  # the clock is set in this process
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    supervisor_token: str,
) -> None:
    # given a Nivel 1 HIGH ticket opened on Sunday 2026-11-08 at 03:00, never answered
    clock.set(bogota(2026, 11, 8, 3, 0))
    await create_ticket(gql, customer_token, category="service_down")
    clock.set(bogota(2026, 11, 8, 5, 0))
    period = {"from": "2026-11-08T00:00:00-05:00", "to": "2026-11-09T00:00:00-05:00"}
    report = await gql.execute(
        "query($from: DateTime!, $to: DateTime!) { slaReport(from: $from, to: $to) { csvUrl } }",
        period,
        token=supervisor_token,
    )
    url = report.data["slaReport"]["csvUrl"]

    # when a supervisor, an agent, an anonymous client and a careless one ask for the CSV
    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    csv = await gql.http.get(url, headers=bearer(supervisor_token))
    refused = await gql.http.get(url, headers=bearer(agent_token))
    anonymous = await gql.http.get(url)
    careless = await gql.http.get(
        "/reports/sla.csv?from=yesterday&to=2026-11-09T00:00:00-05:00",
        headers=bearer(supervisor_token),
    )

    # then the supervisor gets the report's rows; the others a typed error and no data
    assert url == (
        "/reports/sla.csv?from=2026-11-08T00%3A00%3A00-05%3A00&to=2026-11-09T00%3A00%3A00-05%3A00"
    )
    assert csv.status_code == 200
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.headers["content-disposition"] == (
        'attachment; filename="sla-report-2026-11-08-2026-11-09.csv"'
    )
    header, *lines = csv.text.splitlines()
    assert header.startswith("support_level,impact,department,assignee,tickets,")
    assert lines == ["N1,HIGH,TECH,,1,1,0,1,0,,,0,0,0,0,,,0,0,0,0,,"]
    assert (refused.status_code, refused.json()["errors"][0]["extensions"]["code"]) == (
        403,
        "NOT_ALLOWED",
    )
    assert (anonymous.status_code, anonymous.json()["errors"][0]["extensions"]["code"]) == (
        401,
        "UNAUTHENTICATED",
    )
    assert careless.status_code == 400
    assert careless.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "from"}
