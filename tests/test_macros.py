"""Macros, bulk updates and collision detection (issue 19): one click makes several changes
to a ticket, all or nothing; the same changes reach up to 100 tickets with a typed result per
ticket; a write that names the `updatedAt` the agent loaded is refused once someone else
changed the ticket."""

from __future__ import annotations

import uuid
from typing import Any

from api.core.ids import encode_id
from domain.models import Message, Notification, Ticket, TicketEvent
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

SAVE_MACRO = """
mutation($input: SaveMacroInput!) {
  saveMacro(input: $input) {
    __typename
    ... on SaveMacroSuccess {
      macro { id title personal actions { impact assignTo addTags note status cannedResponseId } }
    }
    ... on UserError { code message field }
  }
}"""
APPLY_MACRO = """
mutation($input: ApplyMacroInput!) {
  applyMacro(input: $input) {
    __typename
    ... on ApplyMacroSuccess { ticket { id status impact tags assignee { email } updatedAt } }
    ... on UserError { code message field }
  }
}"""
BULK = """
mutation($input: BulkUpdateTicketsInput!) {
  bulkUpdateTickets(input: $input) {
    __typename
    ... on BulkUpdateTicketsSuccess {
      updated
      results {
        ticketId
        outcome {
          __typename
          ... on BulkTicketUpdated { ticket { id status tags } }
          ... on UserError { code message field }
        }
      }
    }
    ... on UserError { code message field }
  }
}"""
MACROS = "query { macros { id title } }"
SAVE_CANNED = """
mutation($input: SaveCannedResponseInput!) {
  saveCannedResponse(input: $input) {
    ... on SaveCannedResponseSuccess { cannedResponse { id } }
  }
}"""
TICKET = "query($id: ID!) { node(id: $id) { ... on Ticket { status impact tags updatedAt } } }"
REPLY = """
mutation($id: ID!, $m: String!, $at: DateTime) {
  replyToTicket(input: {ticketId: $id, message: $m, expectedUpdatedAt: $at}) {
    __typename
    ... on UserError { code message field }
  }
}"""
RESOLVE = """
mutation($id: ID!, $at: DateTime) {
  resolveTicket(ticketId: $id, expectedUpdatedAt: $at) {
    __typename
    ... on UserError { code message field }
  }
}"""


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


async def save_macro(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    values = {"title": unique("Macro"), "personal": True, **fields}
    result: dict[str, Any] = (await gql.execute(SAVE_MACRO, {"input": values}, token=token)).data[
        "saveMacro"
    ]
    return result


async def canned_id(gql: GraphQLClient, token: str) -> str:
    saved = await gql.execute(
        SAVE_CANNED,
        {
            "input": {
                "title": unique("Cerrado"),
                "bodyEs": "Hola {{ customer_name }}, damos su caso por resuelto.",
                "bodyEn": "Hello {{ customer_name }}, we consider your case solved.",
                "personal": True,
            }
        },
        token=token,
    )
    return str(saved.data["saveCannedResponse"]["cannedResponse"]["id"])


async def state(gql: GraphQLClient, token: str, ticket: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.execute(TICKET, {"id": ticket["id"]}, token=token)).data[
        "node"
    ]
    return found


async def snapshot(ticket: dict[str, Any]) -> tuple[object, ...]:
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    return (
        row.status,
        row.impact,
        row.assignee_id,
        row.updated_at,
        await Message.filter(ticket_id=row.id).count(),
        await TicketEvent.filter(ticket_id=row.id).count(),
        await Notification.filter(ticket_id=row.id).count(),
    )


async def test_a_macro_makes_every_change_at_once(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a macro that raises the impact, takes the ticket, tags it, answers with a canned
    # response, leaves a note and resolves it
    response = await canned_id(gql, agent_token)
    saved = await save_macro(
        gql,
        agent_token,
        actions={
            "impact": "HIGH",
            "assignTo": "ME",
            "addTags": ["DNS", "resuelto en primera línea"],
            "cannedResponseId": response,
            "note": "Cerrado con la macro de DNS.",
            "status": "RESOLVED",
        },
    )
    assert saved["__typename"] == "SaveMacroSuccess", saved
    assert saved["macro"]["actions"]["addTags"] == ["dns", "resuelto en primera línea"]
    ticket = await create_ticket(gql, customer_token)
    before = await snapshot(ticket)

    # When the agent applies it
    applied = (
        await gql.execute(
            APPLY_MACRO,
            {"input": {"ticketId": ticket["id"], "macroId": saved["macro"]["id"]}},
            token=agent_token,
        )
    ).data["applyMacro"]

    # Then every change is there, each recorded as if made by hand
    assert applied["__typename"] == "ApplyMacroSuccess", applied
    changed = applied["ticket"]
    assert changed["status"] == "RESOLVED"
    assert changed["impact"] == "HIGH"
    assert changed["tags"] == ["dns", "resuelto en primera línea"]
    assert changed["assignee"] == {"email": "agent@mesa.example"}
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    kinds = [
        str(kind)
        for kind in await TicketEvent.filter(ticket_id=row.id)
        .order_by("id")
        .values_list("kind", flat=True)
    ]
    for kind in ("IMPACT_CHANGED", "ASSIGNED", "TAGS_CHANGED", "MESSAGE_ADDED", "NOTE_ADDED"):
        assert kind in kinds, kinds
    assert kinds.count("STATUS_CHANGED") >= 2  # triaged, answered, resolved
    bodies = await Message.filter(ticket_id=row.id).order_by("id").values_list("body", flat=True)
    assert any("damos su caso por resuelto" in str(body) for body in bodies)
    # The customer was mailed the reply and told the ticket was resolved
    kinds_mailed = await Notification.filter(ticket_id=row.id).values_list("kind", flat=True)
    assert {"AGENT_REPLIED", "STATUS_CHANGED"} <= {str(kind) for kind in kinds_mailed}
    assert before != await snapshot(ticket)


async def test_a_macro_that_cannot_finish_changes_nothing(
    gql: GraphQLClient, customer_token: str, supervisor_token: str, agent_token: str
) -> None:
    # Given a macro whose last step is impossible once the ticket is closed: assigning it to
    # the billing agent, who does not work in the ticket's department
    billing = (await gql.execute("query { staff { id email } }", token=supervisor_token)).data[
        "staff"
    ]
    billing_id = next(s["id"] for s in billing if s["email"] == "billing@mesa.example")
    saved = await save_macro(
        gql,
        supervisor_token,
        personal=False,
        actions={
            "impact": "LOW",
            "addTags": ["probado"],
            "note": "Nota que no debe quedar.",
            "assignTo": "STAFF",
            "assigneeId": billing_id,
        },
    )
    assert saved["__typename"] == "SaveMacroSuccess", saved
    ticket = await create_ticket(gql, customer_token)
    before = await snapshot(ticket)

    # When the supervisor applies it
    applied = (
        await gql.execute(
            APPLY_MACRO,
            {"input": {"ticketId": ticket["id"], "macroId": saved["macro"]["id"]}},
            token=supervisor_token,
        )
    ).data["applyMacro"]

    # Then the refusal names the step, and not one of the earlier changes was kept
    assert applied["__typename"] == "ValidationError", applied
    assert applied["field"] == "assigneeId"
    assert await snapshot(ticket) == before
    assert (await state(gql, agent_token, ticket))["tags"] == []


async def test_macros_are_checked_when_saved_and_kept_per_owner(
    gql: GraphQLClient, customer_token: str, agent_token: str, billing_agent_token: str
) -> None:
    nothing = await save_macro(gql, agent_token, actions={})
    assert (nothing["__typename"], nothing["field"]) == ("ValidationError", "actions")
    both = await save_macro(gql, agent_token, actions={"addTags": ["a"], "removeTags": ["A"]})
    assert (both["__typename"], both["field"]) == ("ValidationError", "removeTags")
    shared = await save_macro(gql, agent_token, personal=False, actions={"impact": "LOW"})
    assert (shared["__typename"], shared["field"]) == ("NotAllowedError", "personal")
    unknown = await save_macro(
        gql,
        agent_token,
        actions={"cannedResponseId": "Q2FubmVkUmVzcG9uc2U6OTk5OTk5"},  # CannedResponse:999999
    )
    assert (unknown["__typename"], unknown["field"]) == ("NotFoundError", "cannedResponseId")

    mine = await save_macro(gql, agent_token, actions={"addTags": ["mío"]})
    titles = {m["title"] for m in (await gql.execute(MACROS, token=agent_token)).data["macros"]}
    assert mine["macro"]["title"] in titles
    others = (await gql.execute(MACROS, token=billing_agent_token)).data["macros"]
    assert mine["macro"]["title"] not in {m["title"] for m in others}
    # Nobody else applies a personal macro
    billing_ticket = await create_ticket(gql, customer_token, category="payment_new_service")
    refused = (
        await gql.execute(
            APPLY_MACRO,
            {"input": {"ticketId": billing_ticket["id"], "macroId": mine["macro"]["id"]}},
            token=billing_agent_token,
        )
    ).data["applyMacro"]
    assert (refused["__typename"], refused["field"]) == ("NotFoundError", "macroId"), refused


async def test_bulk_updates_report_each_ticket(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given two tickets of the agent's department, one already closed, and one of billing
    first = await create_ticket(gql, customer_token)
    closed = await create_ticket(gql, customer_token)
    assert (
        await gql.execute(
            "mutation($id: ID!) { closeTicket(ticketId: $id) { __typename } }",
            {"id": closed["id"]},
            token=agent_token,
        )
    ).data["closeTicket"]["__typename"] == "CloseTicketSuccess"
    billing = await create_ticket(gql, customer_token, category="payment_new_service")

    # When the agent tags and resolves the three at once
    result = (
        await gql.execute(
            BULK,
            {
                "input": {
                    "ticketIds": [first["id"], closed["trackingId"], billing["id"]],
                    "changes": {"addTags": ["campaña"], "status": "RESOLVED"},
                }
            },
            token=agent_token,
        )
    ).data["bulkUpdateTickets"]

    # Then each ticket has its own result, and only the possible changes were made
    assert result["__typename"] == "BulkUpdateTicketsSuccess", result
    outcomes = [row["outcome"] for row in result["results"]]
    assert [row["ticketId"] for row in result["results"]] == [
        first["id"],
        closed["trackingId"],
        billing["id"],
    ]
    assert outcomes[0]["__typename"] == "BulkTicketUpdated"
    assert outcomes[0]["ticket"] == {"id": first["id"], "status": "RESOLVED", "tags": ["campaña"]}
    assert outcomes[1]["__typename"] == "InvalidTransitionError", outcomes[1]
    assert outcomes[2]["__typename"] == "NotFoundError", outcomes[2]
    assert result["updated"] == 1
    # The closed ticket was not even tagged: its changes are all or nothing
    assert (await state(gql, agent_token, closed))["tags"] == []


async def test_bulk_updates_are_bounded(gql: GraphQLClient, agent_token: str) -> None:
    too_many = [encode_id("Ticket", n) for n in range(1, 102)]
    for ids, field in (
        (too_many, "ticketIds"),
        ([], "ticketIds"),
    ):
        result = (
            await gql.execute(
                BULK,
                {"input": {"ticketIds": ids, "changes": {"status": "CLOSED"}}},
                token=agent_token,
            )
        ).data["bulkUpdateTickets"]
        assert (result["__typename"], result["field"]) == ("ValidationError", field), result
    neither = (
        await gql.execute(BULK, {"input": {"ticketIds": too_many[:1]}}, token=agent_token)
    ).data["bulkUpdateTickets"]
    assert (neither["__typename"], neither["field"]) == ("ValidationError", "macroId")


async def test_a_write_on_a_ticket_changed_meanwhile_is_refused(
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    supervisor_token: str,
) -> None:
    # Given two agents who loaded the same ticket
    ticket = await create_ticket(gql, customer_token)
    loaded = (await state(gql, agent_token, ticket))["updatedAt"]

    # When the supervisor replies first
    first = (
        await gql.execute(
            REPLY, {"id": ticket["id"], "m": "Lo reviso.", "at": loaded}, token=supervisor_token
        )
    ).data["replyToTicket"]
    assert first["__typename"] == "ReplyToTicketSuccess", first

    # Then the agent's reply and resolve, made on what they loaded, are refused untouched
    before = await snapshot(ticket)
    late = (
        await gql.execute(
            REPLY, {"id": ticket["id"], "m": "Ya está.", "at": loaded}, token=agent_token
        )
    ).data["replyToTicket"]
    assert (late["__typename"], late["field"]) == ("ConflictError", "expectedUpdatedAt"), late
    resolved = (
        await gql.execute(RESOLVE, {"id": ticket["id"], "at": loaded}, token=agent_token)
    ).data["resolveTicket"]
    assert resolved["__typename"] == "ConflictError", resolved
    assert await snapshot(ticket) == before

    # And with the version they reload, the write goes through
    fresh = (await state(gql, agent_token, ticket))["updatedAt"]
    again = (await gql.execute(RESOLVE, {"id": ticket["id"], "at": fresh}, token=agent_token)).data[
        "resolveTicket"
    ]
    assert again["__typename"] == "ResolveTicketSuccess", again


async def test_the_version_is_compared_to_the_millisecond(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # A browser's Date keeps milliseconds: the version it sends back is still the same one
    ticket = await create_ticket(gql, customer_token)
    loaded = (await state(gql, agent_token, ticket))["updatedAt"]
    head, _, rest = loaded.partition(".")
    digits = "".join(ch for ch in rest if ch.isdigit())
    browser = f"{head}.{(digits + '000')[:3]}Z" if digits else loaded
    tagged = (
        await gql.execute(
            APPLY_MACRO,
            {
                "input": {
                    "ticketId": ticket["id"],
                    "macroId": (await save_macro(gql, agent_token, actions={"addTags": ["x"]}))[
                        "macro"
                    ]["id"],
                    "expectedUpdatedAt": browser,
                }
            },
            token=agent_token,
        )
    ).data["applyMacro"]
    assert tagged["__typename"] == "ApplyMacroSuccess", (loaded, browser, tagged)
