"""Triggers over HTTP with real workers: a condition on a new ticket assigns and tags it, the
run is on the ticket's history, once per (trigger, event); loops stop at a bounded depth."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tortoise.exceptions import IntegrityError

from domain.automation.runs import MAX_DEPTH, run_trigger
from domain.models import Ticket, TicketEvent, TriggerRun, TriggerRunStatus
from tests import automation_support
from tests.automation_support import eventually
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique

automation = automation_support.automation  # the fixture

SAVE = """mutation($input: SaveTriggerInput!) { saveTrigger(input: $input) {
  __typename
  ... on SaveTriggerSuccess { trigger { id name isActive events
    conditions { subjectContains departmentIds } actions { type staffId tags } } }
  ... on UserError { code message field } } }"""
DELETE = "mutation($id: ID!) { deleteTrigger(triggerId: $id) { __typename } }"
PAUSE = """mutation($id: ID!) { setTriggerActive(triggerId: $id, isActive: false) {
  __typename ... on SetTriggerActiveSuccess { trigger { isActive } } } }"""
TICKET = """query($t: String!) { ticket(trackingId: $t) {
  assignee { id email } tags events { kind after } } }"""
NOTE = """mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Inicio",
  internal: true}) { __typename } }"""


async def staff_id(gql: GraphQLClient, token: str, email: str) -> str:
    staff = (await gql.execute("{ staff { id email } }", token=token)).data["staff"]
    return str(next(s["id"] for s in staff if s["email"] == email))


async def save(gql: GraphQLClient, token: str, **data: Any) -> dict[str, Any]:
    result = (await gql.execute(SAVE, {"input": data}, token=token)).data["saveTrigger"]
    assert result["__typename"] == "SaveTriggerSuccess", result
    return dict(result["trigger"])


async def ticket_view(gql: GraphQLClient, token: str, tracking_id: str) -> dict[str, Any]:
    return dict((await gql.execute(TICKET, {"t": tracking_id}, token=token)).data["ticket"])


async def runs_of(tracking_id: str) -> list[TriggerRun]:
    ticket = await Ticket.get(tracking_id=tracking_id)
    return await TriggerRun.filter(ticket_id=ticket.id).order_by("id")


async def test_a_trigger_assigns_and_tags_a_new_ticket_that_meets_its_condition(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a trigger: new tickets whose subject mentions "factura" go to Ana, tagged
    word = unique("factura")
    agent = await staff_id(gql, admin_token, "agent@mesa.example")
    trigger = await save(
        gql,
        admin_token,
        name="Facturas a Ana",
        events=["TICKET_CREATED"],
        conditions={"subjectContains": word.upper()},
        actions=[
            {"type": "ASSIGN", "staffId": agent},
            {"type": "ADD_TAGS", "tags": ["Facturación", "automático"]},
        ],
    )
    try:
        # When a customer opens a ticket that meets it, and one that does not
        meets = await create_ticket(gql, customer_token, subject=f"Mi {word} de marzo")
        other = await create_ticket(gql, customer_token, subject="Otra consulta")

        # Then the first is assigned and tagged by the trigger, after its commit
        async def applied() -> dict[str, Any] | None:
            view = await ticket_view(gql, admin_token, meets["trackingId"])
            return view if view["assignee"] and view["tags"] else None

        view = await eventually(applied, "the trigger's actions")
        assert view["assignee"]["id"] == agent
        assert view["tags"] == ["automático", "facturación"]

        # and the run is on the ticket's history, naming the trigger and what it did
        history = [e for e in view["events"] if e["kind"] == "TRIGGER_APPLIED"]
        assert len(history) == 1
        assert history[0]["after"]["trigger"] == "Facturas a Ana"
        assert history[0]["after"]["actions"] == ["ASSIGN", "ADD_TAGS"]

        # and the other ticket's run found the condition unmet and changed nothing
        async def skipped() -> list[TriggerRun] | None:
            rows = [r for r in await runs_of(other["trackingId"]) if r.trigger_id == _pk(trigger)]
            done = rows and rows[0].status is TriggerRunStatus.SKIPPED
            return rows if done else None

        rows = await eventually(skipped, "the unmet run")
        assert rows[0].detail == {"unmet": "subject_contains"}
        untouched = await ticket_view(gql, admin_token, other["trackingId"])
        assert untouched["assignee"] is None and untouched["tags"] == []

        # and a run happens once per (trigger, event): taking it again does nothing
        run = next(r for r in await runs_of(meets["trackingId"]) if r.trigger_id == _pk(trigger))
        assert run.status is TriggerRunStatus.APPLIED
        assert await run_trigger(run.id) is None
        with pytest.raises(IntegrityError):
            await TriggerRun.create(
                trigger_id=run.trigger_id,
                event_id=run.event_id,
                ticket_id=run.ticket_id,
                status=TriggerRunStatus.PENDING,
                created_at=run.created_at,
            )
    finally:
        await gql.execute(DELETE, {"id": trigger["id"]}, token=admin_token)


async def test_a_run_applies_whole_or_not_at_all(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a trigger that tags, then assigns to an agent of another department (refused)
    word = unique("mitad")
    billing = await staff_id(gql, admin_token, "billing@mesa.example")
    trigger = await save(
        gql,
        admin_token,
        name="Etiqueta y asigna mal",
        events=["TICKET_CREATED"],
        conditions={"subjectContains": word},
        actions=[
            {"type": "ADD_TAGS", "tags": ["a-medias"]},
            {"type": "ASSIGN", "staffId": billing},
        ],
    )
    try:
        # When a technical ticket meets it
        ticket = await create_ticket(gql, customer_token, subject=f"DNS {word}")

        # Then the run failed and its first action was rolled back with it
        async def failed() -> list[TriggerRun] | None:
            rows = [r for r in await runs_of(ticket["trackingId"]) if r.trigger_id == _pk(trigger)]
            return rows if rows and rows[0].status is TriggerRunStatus.FAILED else None

        rows = await eventually(failed, "the failed run")
        assert rows[0].detail["applied"] == []
        assert rows[0].detail["failed"]["action"] == "ASSIGN"
        view = await ticket_view(gql, admin_token, ticket["trackingId"])
        assert view["tags"] == [] and view["assignee"] is None
        # and the history says what refused it, with nothing applied
        entries = [e for e in view["events"] if e["kind"] == "TRIGGER_APPLIED"]
        assert len(entries) == 1
        assert entries[0]["after"]["actions"] == []
        assert entries[0]["after"]["failed"]["action"] == "ASSIGN"
    finally:
        await gql.execute(DELETE, {"id": trigger["id"]}, token=admin_token)


def _pk(trigger: dict[str, Any]) -> int:
    from api.core.ids import parse_global_id

    parsed = parse_global_id(trigger["id"])
    assert parsed is not None
    return parsed[1]


async def test_triggers_firing_on_each_others_changes_stop_at_the_bounded_depth(
    gql: GraphQLClient, admin_token: str, customer_token: str, agent_token: str, automation: None
) -> None:
    # Given two triggers that each add a note when a note is added: each fires the other
    marker = unique("bucle")
    first = await save(
        gql,
        admin_token,
        name="Bucle A",
        events=["NOTE_ADDED"],
        conditions={"subjectContains": marker},
        actions=[{"type": "ADD_NOTE", "text": "Nota de A"}],
    )
    second = await save(
        gql,
        admin_token,
        name="Bucle B",
        events=["NOTE_ADDED"],
        conditions={"subjectContains": marker},
        actions=[{"type": "ADD_NOTE", "text": "Nota de B"}],
    )
    try:
        # When an agent adds a note to a ticket that meets both
        ticket = await create_ticket(gql, customer_token, subject=f"Caso {marker}")
        noted = await gql.execute(NOTE, {"id": ticket["id"]}, token=agent_token)
        assert noted.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"

        # Then the chain ends: no run deeper than the bound, every run finished
        async def settled() -> list[TriggerRun] | None:
            rows = await runs_of(ticket["trackingId"])
            mine = [r for r in rows if r.trigger_id in (_pk(first), _pk(second))]
            busy = any(
                r.status in (TriggerRunStatus.PENDING, TriggerRunStatus.RUNNING) for r in mine
            )
            return mine if mine and not busy else None

        rows = await eventually(settled, "the chain to settle")
        await asyncio.sleep(1.0)  # nothing more comes
        rows = [
            r
            for r in await runs_of(ticket["trackingId"])
            if r.trigger_id in (_pk(first), _pk(second))
        ]
        assert max(r.depth for r in rows) == MAX_DEPTH - 1
        # A trigger never fires on its own note: each depth has one run of each trigger
        for depth in range(MAX_DEPTH):
            at_depth = sorted(r.trigger_id for r in rows if r.depth == depth)
            assert at_depth == sorted([_pk(first), _pk(second)])
        applied = await TicketEvent.filter(
            ticket__tracking_id=ticket["trackingId"], kind="TRIGGER_APPLIED"
        ).count()
        assert applied == len(rows)
    finally:
        for trigger in (first, second):
            await gql.execute(DELETE, {"id": trigger["id"]}, token=admin_token)


async def test_a_paused_trigger_does_nothing(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    word = unique("pausa")
    agent = await staff_id(gql, admin_token, "agent@mesa.example")
    trigger = await save(
        gql,
        admin_token,
        name="En pausa",
        events=["TICKET_CREATED"],
        conditions={"subjectContains": word},
        actions=[{"type": "ASSIGN", "staffId": agent}],
    )
    try:
        paused = await gql.execute(PAUSE, {"id": trigger["id"]}, token=admin_token)
        assert paused.data["setTriggerActive"]["trigger"]["isActive"] is False
        ticket = await create_ticket(gql, customer_token, subject=f"Caso {word}")
        later = await create_ticket(gql, customer_token)  # the stream has passed both
        await eventually(lambda: _has_event(later["trackingId"]), "the stream to pass the tickets")
        await asyncio.sleep(1.0)
        assert (await ticket_view(gql, admin_token, ticket["trackingId"]))["assignee"] is None
        assert [
            r for r in await runs_of(ticket["trackingId"]) if r.trigger_id == _pk(trigger)
        ] == []
    finally:
        await gql.execute(DELETE, {"id": trigger["id"]}, token=admin_token)


async def _has_event(tracking_id: str) -> bool:
    return await TicketEvent.filter(
        ticket__tracking_id=tracking_id, position__isnull=False
    ).exists()


async def test_bad_triggers_are_typed_errors_naming_the_field(
    gql: GraphQLClient, admin_token: str, agent_token: str
) -> None:
    base: dict[str, Any] = {
        "name": "Malo",
        "events": ["TICKET_CREATED"],
        "actions": [{"type": "ADD_TAGS", "tags": ["x"]}],
    }
    cases = [
        ({"name": " "}, "name"),
        ({"events": []}, "events"),
        ({"actions": []}, "actions"),
        ({"actions": [{"type": "ASSIGN"}]}, "actions.staffId"),
        ({"actions": [{"type": "ASSIGN", "staffId": "bad"}]}, "actions.staffId"),
        ({"actions": [{"type": "SET_STATUS", "status": "OPEN"}]}, "actions.status"),
        ({"actions": [{"type": "ADD_NOTE", "text": "x" * 5001}]}, "actions.text"),
        ({"conditions": {"requesterDomains": ["no domain"]}}, "conditions.requesterDomains"),
        ({"conditions": {"subjectContains": "x" * 201}}, "conditions.subjectContains"),
        ({"position": 5000}, "position"),
    ]
    for change, field in cases:
        data = {**base, **change}
        result = (await gql.execute(SAVE, {"input": data}, token=admin_token)).data["saveTrigger"]
        assert result["__typename"] in ("ValidationError", "NotFoundError"), (change, result)
        assert result["field"] == field, (change, result)
    refused = (await gql.execute(SAVE, {"input": base}, token=agent_token)).data["saveTrigger"]
    assert refused["__typename"] == "NotAllowedError"
    response = await gql.http.post(
        "/graphql",
        json={"query": SAVE, "variables": {"input": {**base, "name": " "}}},
        headers={"Authorization": f"Bearer {admin_token}", "Accept-Language": "es"},
    )
    message = response.json()["data"]["saveTrigger"]["message"]
    assert message == "Dé al disparador un nombre de hasta 100 caracteres."


CANNED = """mutation($input: SaveCannedResponseInput!) { saveCannedResponse(input: $input) {
  __typename ... on SaveCannedResponseSuccess { cannedResponse { id } } } }"""
MESSAGES = """query($t: String!) { ticket(trackingId: $t) { impact
  messages { body internal authorKind authorName } } }"""
ALLOW = """mutation($n: [String!]!) { updateAutomationSettings(input:
  {webhookAllowedNetworks: $n}) { __typename } }"""
SAVE_WEBHOOK = """mutation($input: SaveWebhookInput!) { saveWebhook(input: $input) {
  __typename ... on SaveWebhookSuccess { webhook { id } } } }"""


async def test_a_trigger_raises_impact_replies_notes_and_calls_a_webhook(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    from tests.webhook_receiver import receiver

    word = unique("caida")
    canned = await gql.execute(
        CANNED,
        {
            "input": {
                "title": unique("Recibido "),
                "bodyEs": "Recibimos su caso {{ tracking_id }}.",
                "bodyEn": "We got case {{ tracking_id }}.",
            }
        },
        token=admin_token,
    )
    canned_id = canned.data["saveCannedResponse"]["cannedResponse"]["id"]
    await gql.execute(ALLOW, {"n": ["127.0.0.0/8"]}, token=admin_token)
    with receiver() as hooks:
        # The desk's webhook hears of no ticket event by itself (SLA breaches only)
        hook = await gql.execute(
            SAVE_WEBHOOK,
            {"input": {"name": "Guardia", "url": hooks.url, "eventKinds": ["SLA_BREACHED"]}},
            token=admin_token,
        )
        hook_id = hook.data["saveWebhook"]["webhook"]["id"]
        # Given a trigger for new tickets by example.com requesters mentioning the word
        trigger = await save(
            gql,
            admin_token,
            name="Caídas",
            events=["TICKET_CREATED"],
            conditions={"requesterDomains": ["example.com"], "bodyContains": word},
            actions=[
                {"type": "SET_IMPACT", "impact": "HIGH"},
                {"type": "REPLY", "cannedResponseId": canned_id},
                {"type": "ADD_NOTE", "text": "Revisar en la guardia."},
                {"type": "CALL_WEBHOOK", "webhookId": hook_id},
            ],
        )
        try:
            # When C-1001 (cliente1001@example.com) writes about it
            ticket = await create_ticket(
                gql, customer_token, message=f"El servidor está en {word} desde hoy."
            )

            # Then the ticket's impact is high, Mesa replied and noted, the webhook was called
            got = await eventually(
                lambda: asyncio.sleep(0, hooks.for_ticket(ticket["trackingId"])), "the webhook"
            )
            body = got[0].json
            assert body["event"]["kind"] == "CREATED"
            assert body["trigger"]["name"] == "Caídas"

            async def changed() -> dict[str, Any] | None:
                view = await gql.execute(MESSAGES, {"t": ticket["trackingId"]}, token=admin_token)
                data = view.data["ticket"]
                return data if len(data["messages"]) == 3 and data["impact"] == "HIGH" else None

            view = await eventually(changed, "the trigger's changes")
            reply, note = view["messages"][1], view["messages"][2]
            assert reply == {
                "body": f"Recibimos su caso {ticket['trackingId']}.",
                "internal": False,
                "authorKind": "SYSTEM",
                "authorName": "Mesa",
            }
            assert note["internal"] is True and note["body"] == "Revisar en la guardia."
        finally:
            await gql.execute(DELETE, {"id": trigger["id"]}, token=admin_token)
            await gql.execute(
                "mutation($id: ID!) { deleteWebhook(webhookId: $id) { __typename } }",
                {"id": hook_id},
                token=admin_token,
            )
            await gql.execute(ALLOW, {"n": []}, token=admin_token)
