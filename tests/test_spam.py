"""Spam (issue 19, point 10): a ticket marked spam leaves every list, view, count, search
and the SLA (its clock pauses, no alert ever), as a live internal event; unmarking puts it
back in the status it had with its SLA resumed, the spam time counted as a pause."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.identity.viewer import SYSTEM
from domain.models import EventKind, Ticket, TicketEvent
from domain.sla.marking import check_ticket_sla, sweep_sla
from domain.tickets.changes import record_event_now
from domain.tickets.sla_notices import notify_sla_alert
from domain.uow import unit_of_work
from tests.factories import create_ticket, in_spanish
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client
from tests.test_live_updates import TICKET_EVENTS, next_event, subscribe

MARK = """
mutation($id: ID!, $block: Boolean) {
  markSpam(ticketId: $id, blockSender: $block) {
    __typename
    ... on MarkSpamSuccess { ticket { id status viewerCan { reply markSpam unmarkSpam } } }
    ... on UserError { code message field }
  }
}"""
UNMARK = """
mutation($id: ID!) {
  unmarkSpam(ticketId: $id) {
    __typename
    ... on UnmarkSpamSuccess { ticket { id status } }
    ... on UserError { code message field }
  }
}"""
LIST = """
query($status: [TicketStatus!], $search: String) {
  tickets(filter: {status: $status, search: $search}, first: 100) { edges { node { id } } }
}"""
EVENTS = "query($t: String!) { ticket(trackingId: $t) { events { kind internal before after } } }"
SAVE_VIEW = """
mutation($name: String!) {
  saveTicketView(input: {name: $name}) {
    __typename ... on SaveTicketViewSuccess { ticketView { id count } }
  }
}"""
VIEWS = "query { ticketViews { id count } }"
REPORT = """
query($from: DateTime!, $to: DateTime!) { slaReport(from: $from, to: $to) { rows { tickets } } }"""
REPLY = """
mutation($id: ID!, $m: String!) {
  replyToTicket(input: {ticketId: $id, message: $m}) {
    __typename ... on UserError { code message }
  }
}"""


async def _ids(gql: GraphQLClient, token: str, **variables: Any) -> set[str]:
    data = (await gql.execute(LIST, variables, token=token)).data["tickets"]
    return {edge["node"]["id"] for edge in data["edges"]}


async def _counts(gql: GraphQLClient, token: str) -> dict[str, int]:
    views = (await gql.execute(VIEWS, token=token)).data["ticketViews"]
    return {view["id"]: view["count"] for view in views}


async def _reported(gql: GraphQLClient, token: str) -> int:
    now = utcnow()
    period = {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(hours=1)).isoformat(),
    }
    rows = (await gql.execute(REPORT, period, token=token)).data["slaReport"]["rows"]
    return sum(row["tickets"] for row in rows)


async def test_a_spam_ticket_leaves_lists_views_search_and_the_sla_report_and_comes_back(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    # Given a customer's new ticket with a word no other ticket has, and a view of everything
    word = f"zq{uuid.uuid4().hex[:10]}"
    ticket = await create_ticket(gql, customer_token, subject=f"Oferta {word}")
    view = (await gql.execute(SAVE_VIEW, {"name": f"Todo {word}"}, token=agent_token)).data
    view_id = view["saveTicketView"]["ticketView"]["id"]
    counts = await _counts(gql, agent_token)
    reported = await _reported(gql, supervisor_token)
    assert ticket["id"] in await _ids(gql, agent_token)
    assert await _ids(gql, agent_token, search=word) == {ticket["id"]}

    # When the agent marks it spam
    marked = (await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)).data["markSpam"]

    # Then it is SPAM, nobody may reply, and the change is an internal event
    assert marked == {
        "__typename": "MarkSpamSuccess",
        "ticket": {
            "id": ticket["id"],
            "status": "SPAM",
            "viewerCan": {"reply": False, "markSpam": False, "unmarkSpam": True},
        },
    }
    events = (await gql.execute(EVENTS, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert {
        "kind": "MARKED_SPAM",
        "internal": True,
        "before": {"status": "NEW"},
        "after": {"status": "SPAM"},
    } in events["ticket"]["events"]
    # and it is out of the list, the search, the views' counts and the SLA report
    assert ticket["id"] not in await _ids(gql, agent_token)
    assert await _ids(gql, agent_token, search=word) == set()
    after = await _counts(gql, agent_token)
    assert after[view_id] == counts[view_id] - 1
    assert after["unassigned"] == counts["unassigned"] - 1
    assert await _reported(gql, supervisor_token) == reported - 1
    # but a SPAM filter finds it, and the customer's list no longer shows it
    assert ticket["id"] in await _ids(gql, agent_token, status=["SPAM"])
    assert ticket["id"] not in await _ids(gql, customer_token)
    # and its customer cannot reply to it
    refused = await gql.execute(REPLY, {"id": ticket["id"], "m": "¿Hola?"}, token=customer_token)
    assert refused.data["replyToTicket"]["code"] == "INVALID_TRANSITION"

    # When the agent unmarks it
    unmarked = (await gql.execute(UNMARK, {"id": ticket["id"]}, token=agent_token)).data

    # Then it is back as it was, in the list, the views and the report
    assert unmarked["unmarkSpam"] == {
        "__typename": "UnmarkSpamSuccess",
        "ticket": {"id": ticket["id"], "status": "NEW"},
    }
    assert ticket["id"] in await _ids(gql, agent_token)
    assert (await _counts(gql, agent_token))[view_id] == counts[view_id]
    assert await _reported(gql, supervisor_token) == reported


async def test_the_sla_pauses_while_spam_and_no_alert_is_ever_recorded(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket opened two days ago whose first response is long overdue
    ticket = await create_ticket(gql, customer_token)
    pk = (await Ticket.get(tracking_id=ticket["trackingId"])).id
    await Ticket.filter(id=pk).update(created_at=utcnow() - timedelta(days=2))

    # When it is marked spam
    await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)

    # Then its clock stands still: no due time, nothing to check, an open pause
    stored = await Ticket.get(id=pk)
    assert (stored.sla_due_at, stored.sla_check_at) == (None, None)
    assert stored.sla_pauses[-1][1] is None
    # and neither a direct check nor the sweep records a warning or a breach
    assert await check_ticket_sla(ticket_id=pk) == 0
    await sweep_sla()
    alerts = (EventKind.SLA_WARNING, EventKind.SLA_BREACHED)
    assert await TicketEvent.filter(ticket_id=pk, kind__in=alerts).count() == 0

    # When it is unmarked
    await gql.execute(UNMARK, {"id": ticket["id"]}, token=agent_token)

    # Then the pause is closed and the clock runs again towards the first response
    stored = await Ticket.get(id=pk)
    start, end = stored.sla_pauses[-1]
    assert start is not None and end is not None and start <= end
    assert stored.sla_due_at == stored.first_response_due_at is not None
    assert stored.sla_check_at is not None


async def test_marking_spam_is_refused_twice_and_unmarking_a_ticket_that_is_not_spam(
    gql: GraphQLClient, customer_token: str, agent_token: str, billing_agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    before = await TicketEvent.filter(ticket__tracking_id=ticket["trackingId"]).count()

    not_spam = (await gql.execute(UNMARK, {"id": ticket["id"]}, token=agent_token)).data
    elsewhere = (await gql.execute(MARK, {"id": ticket["id"]}, token=billing_agent_token)).data
    malformed = (await gql.execute(MARK, {"id": "nope"}, token=agent_token)).data

    assert not_spam["unmarkSpam"]["code"] == "INVALID_TRANSITION"
    assert elsewhere["markSpam"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": in_spanish("Ticket not found."),  # the agent saved Spanish
        "field": "ticketId",
    }
    assert malformed["markSpam"]["code"] in ("VALIDATION", "NOT_FOUND")
    assert await TicketEvent.filter(ticket__tracking_id=ticket["trackingId"]).count() == before

    await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)
    again = (await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)).data
    assert again["markSpam"]["code"] == "INVALID_TRANSITION"
    assert "spam" in again["markSpam"]["message"]


async def test_marking_spam_is_pushed_live_to_the_ticket_s_subscribers(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, token=agent_token) as client:
        await subscribe(client, TICKET_EVENTS, id=ticket["id"])

        await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)

        event = await next_event(client)
        assert (event["kind"], event["internal"], event["ticketId"]) == (
            "MARKED_SPAM",
            True,
            encode_id("Ticket", (await Ticket.get(tracking_id=ticket["trackingId"])).id),
        )


TRIAGE = """
mutation($id: ID!) {
  triageTicket(input: {ticketId: $id, impact: HIGH}) { __typename ... on UserError { code } }
}"""


async def test_triaging_a_paused_ticket_again_keeps_its_one_open_pause(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket waiting on its customer, and one marked spam: each with one open pause
    waiting = await create_ticket(gql, customer_token)
    await gql.execute(REPLY, {"id": waiting["id"], "m": "¿Qué dominio es?"}, token=agent_token)
    spam = await create_ticket(gql, customer_token)
    await gql.execute(MARK, {"id": spam["id"]}, token=agent_token)

    # When an agent changes their impact
    for ticket in (waiting, spam):
        triaged = await gql.execute(TRIAGE, {"id": ticket["id"]}, token=agent_token)
        assert triaged.data["triageTicket"]["__typename"] == "TriageTicketSuccess"

    # Then each still has exactly one pause, open
    for ticket in (waiting, spam):
        stored = await Ticket.get(tracking_id=ticket["trackingId"])
        assert len(stored.sla_pauses) == 1, stored.sla_pauses
        assert stored.sla_pauses[0][1] is None


COUNTS = "subscription { ticketViewCounts { counts { viewId count } } }"
MERGE = """
mutation($s: ID!, $t: ID!) {
  mergeTickets(input: {sourceTicketId: $s, targetTicketId: $t}) {
    __typename ... on UserError { code field }
  }
}"""


async def test_marking_spam_pushes_the_lower_view_counts_live(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a new ticket, and an agent watching their view counts
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, agent_token) as agent:
        await agent.subscribe(COUNTS)
        first = (await agent.next_data())["ticketViewCounts"]["counts"]
        unassigned = {row["viewId"]: row["count"] for row in first}["unassigned"]

        # When the ticket is marked spam
        await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)

        # Then the unassigned view's count comes down, live
        changed = (await agent.next_data())["ticketViewCounts"]["counts"]
        assert {"viewId": "unassigned", "count": unassigned - 1} in changed


async def test_nothing_is_merged_into_a_spam_ticket(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    spam, other = await create_ticket(gql, customer_token), await create_ticket(gql, customer_token)
    await gql.execute(MARK, {"id": spam["id"]}, token=agent_token)

    into = await gql.execute(MERGE, {"s": other["id"], "t": spam["id"]}, token=agent_token)
    out_of = await gql.execute(MERGE, {"s": spam["id"], "t": other["id"]}, token=agent_token)

    assert into.data["mergeTickets"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "targetTicketId",
    }
    assert out_of.data["mergeTickets"]["code"] == "INVALID_TRANSITION"
    assert (await Ticket.get(tracking_id=other["trackingId"])).status.value == "NEW"


async def test_an_alert_recorded_before_the_ticket_was_marked_spam_is_never_mailed(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a breach recorded on a ticket, its mail not yet written
    ticket = await create_ticket(gql, customer_token)
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    # (recorded as the sweep records it: in a unit of work, so it takes its commit position)
    async with unit_of_work() as uow:
        breach = await record_event_now(
            uow,
            row,
            EventKind.SLA_BREACHED,
            SYSTEM,
            after={"deadline": "firstResponse", "at": utcnow().isoformat()},
        )

    # When the ticket is marked spam before the notification job runs
    await gql.execute(MARK, {"id": ticket["id"]}, token=agent_token)

    # Then the job tells nobody
    assert await notify_sla_alert(ticket_id=row.id, event_id=breach.id) == []
