"""Time rules over HTTP with real workers: a rule fires at the right business moment of the
ticket's own calendar (the clock moved, embedded), not before, once; waiting on the customer
reminds after 3 days and resolves after 7, and a reply before the due moment cancels both.

Distributed, the cluster keeps the real time: the due moment planned is checked against the
ticket's calendar, then moved to now in the shared database, and the cluster's scheduler and
worker fire the rule."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.core.ids import encode_id, parse_global_id
from domain.automation import stream
from domain.automation.runs import ticket_calendar
from domain.automation.time_plans import PLAN_ACTOR, due_moment, entered_status, fire_due
from domain.automation.time_runs import run_time_rule
from domain.clock import clock, utcnow
from domain.models import (
    Counter,
    OutboxJob,
    OutboxStatus,
    Ticket,
    TicketEvent,
    TicketStatus,
    TimeRule,
    TimeRulePlan,
    TimeRuleRun,
    TriggerRunStatus,
)
from tests import automation_support
from tests.automation_support import eventually
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, DISTRIBUTED, LOGIN, token_for
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique
from tests.sla_support import bogota

automation = automation_support.automation  # the fixture

SAVE = """mutation($input: SaveTimeRuleInput!) { saveTimeRule(input: $input) {
  __typename
  ... on SaveTimeRuleSuccess { timeRule { id name isActive status afterMinutes clock
    conditions { subjectContains } actions { type impact staffIds text status } } }
  ... on UserError { code message field } } }"""
DELETE = "mutation($id: ID!) { deleteTimeRule(timeRuleId: $id) { __typename } }"
PAUSE = """mutation($id: ID!, $on: Boolean!) { setTimeRuleActive(timeRuleId: $id, isActive: $on) {
  __typename ... on SetTimeRuleActiveSuccess { timeRule { isActive } } } }"""
REPLY = """mutation($id: ID!, $m: String!) { replyToTicket(input: {ticketId: $id, message: $m}) {
  __typename ... on UserError { code message } } }"""
TICKET = """query($t: String!) { ticket(trackingId: $t) { status impact
  messages { body internal authorKind } events { kind after } } }"""
CANNED = """mutation($input: SaveCannedResponseInput!) { saveCannedResponse(input: $input) {
  __typename ... on SaveCannedResponseSuccess { cannedResponse { id } } } }"""
# Passes of the scheduler's time-rule job (every 0.1 s in tests) a "not yet" waits for.
SOME_PASSES = 1.0


async def staff_token(gql: GraphQLClient, email: str) -> str:
    """A fresh login: a token from before the clock moved days ahead has expired there."""
    return await token_for(gql, AGENT_LOGIN, {"e": email, "p": DEMO_PASSWORD})


async def customer_login(gql: GraphQLClient) -> str:
    return await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})


async def save(gql: GraphQLClient, token: str, **data: Any) -> dict[str, Any]:
    result = (await gql.execute(SAVE, {"input": data}, token=token)).data["saveTimeRule"]
    assert result["__typename"] == "SaveTimeRuleSuccess", result
    return dict(result["timeRule"])


def pk(global_id: str) -> int:
    parsed = parse_global_id(global_id)
    assert parsed is not None
    return parsed[1]


async def reply(gql: GraphQLClient, token: str, ticket_id: str, message: str) -> None:
    result = await gql.execute(REPLY, {"id": ticket_id, "m": message}, token=token)
    assert result.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", result.data


async def plan_of(rule_id: str, tracking_id: str) -> TimeRulePlan:
    """The rule's plan for the ticket once both of its writers are done with it: the stream
    has read the ticket's events and the rule's own planning job has run. Either may write
    the row first and the stream may then write it again, equal but under a new id."""
    ticket = await Ticket.get(tracking_id=tracking_id)

    async def planned() -> TimeRulePlan | None:
        newest = await TicketEvent.filter(ticket_id=ticket.id).order_by("-position").first()
        cursor = await Counter.get_or_none(name=stream.CURSOR)
        if newest is None or cursor is None or int(cursor.value) < (newest.position or 0):
            return None
        planning = await OutboxJob.filter(
            actor_name=PLAN_ACTOR, status__in=[OutboxStatus.PENDING, OutboxStatus.ENQUEUED]
        ).values_list("kwargs", flat=True)
        if any(kwargs == {"rule_id": pk(rule_id)} for kwargs in planning):
            return None
        return await TimeRulePlan.filter(rule_id=pk(rule_id), ticket_id=ticket.id).first()

    found: TimeRulePlan = await eventually(planned, "the time rule planned for the ticket")
    return found


async def applied_run(rule_id: str, tracking_id: str) -> TimeRuleRun:
    ticket = await Ticket.get(tracking_id=tracking_id)

    async def finished() -> TimeRuleRun | None:
        return await TimeRuleRun.filter(
            rule_id=pk(rule_id), ticket_id=ticket.id, finished_at__isnull=False
        ).first()

    run: TimeRuleRun = await eventually(finished, "the time rule's run")
    return run


async def runs_of(tracking_id: str) -> list[TimeRuleRun]:
    ticket = await Ticket.get(tracking_id=tracking_id)
    return await TimeRuleRun.filter(ticket_id=ticket.id).order_by("id")


async def make_due(plan: TimeRulePlan) -> None:
    """Distributed: the due moment reached without moving the cluster's clock."""
    await TimeRulePlan.filter(id=plan.id).update(due_at=utcnow() - timedelta(seconds=1))


async def test_waiting_on_agent_for_4_business_hours_raises_impact_and_notifies_supervisors(
    request: pytest.FixtureRequest,
    gql: GraphQLClient,
    admin_token: str,
    automation: None,
    reset_rate_limits: None,
) -> None:
    embedded = request.node.callspec.params["server"] != DISTRIBUTED
    word = unique("lentitud")
    staff = (await gql.execute("{ staff { id email } }", token=admin_token)).data["staff"]
    supervisor = next(s["id"] for s in staff if s["email"] == "supervisor@mesa.example")
    # Given: waiting on an agent for 4 business hours raises the impact, tells the supervisor
    rule = await save(
        gql,
        admin_token,
        name="Escalar esperas",
        status="WAITING_ON_AGENT",
        afterMinutes=240,
        clock="BUSINESS_HOURS",
        conditions={"subjectContains": word},
        actions=[
            {"type": "SET_IMPACT", "impact": "HIGH"},
            {"type": "NOTIFY_STAFF", "staffIds": [supervisor], "text": "Cuatro horas esperando."},
        ],
    )
    assert (rule["status"], rule["afterMinutes"], rule["clock"]) == (
        "WAITING_ON_AGENT",
        240,
        "BUSINESS_HOURS",
    )
    try:
        # When C-1001 (Nivel 1: Bogotá, Mon-Fri 08:00-18:00) is answered on Friday and
        # writes back at 17:00, one business hour before closing
        if embedded:
            clock.set(bogota(2026, 12, 4, 15, 0))
        customer, agent = await customer_login(gql), await staff_token(gql, "agent@mesa.example")
        ticket = await create_ticket(gql, customer, subject=f"Todo va lento ({word})")
        if embedded:
            clock.set(bogota(2026, 12, 4, 16, 0))
        await reply(gql, agent, ticket["id"], "¿Desde cuándo?")
        if embedded:
            clock.set(bogota(2026, 12, 4, 17, 0))
        await reply(gql, customer, ticket["id"], "Desde esta mañana.")

        # Then the rule is planned once, from the status change, in the ticket's calendar
        plan = await plan_of(rule["id"], ticket["trackingId"])
        entry = await TicketEvent.get(id=plan.entered_event_id)
        assert entered_status(entry) is TicketStatus.WAITING_ON_AGENT
        level = (await Ticket.get(tracking_id=ticket["trackingId"])).sla_level_id
        calendar = await ticket_calendar(level)
        rule_row = await TimeRule.get(id=pk(rule["id"]))
        assert plan.due_at == due_moment(rule_row, entry.created_at, calendar)
        if embedded:
            # 1 h on Friday (17-18), 3 h on Monday (08-11): Monday 11:00 in Bogotá
            assert plan.due_at == bogota(2026, 12, 7, 11, 0)
            clock.set(bogota(2026, 12, 7, 10, 59))
        # and nothing happens before it is due
        await asyncio.sleep(SOME_PASSES)
        assert await runs_of(ticket["trackingId"]) == []
        assert (await Ticket.get(tracking_id=ticket["trackingId"])).impact.value != "HIGH"

        # When the due moment comes
        if embedded:
            clock.set(bogota(2026, 12, 7, 11, 0))
        else:
            await make_due(plan)

        # Then the rule applies, once, recorded on the ticket's history
        run = await applied_run(rule["id"], ticket["trackingId"])
        assert run.status is TriggerRunStatus.APPLIED, run.detail
        assert run.detail == {"applied": ["SET_IMPACT", "NOTIFY_STAFF"]}
        admin = await staff_token(gql, "admin@mesa.example") if embedded else admin_token
        view = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=admin)).data["ticket"]
        assert view["impact"] == "HIGH"
        assert view["messages"][-1]["internal"] is True
        assert "@supervisor@mesa.example" in view["messages"][-1]["body"]
        fired = [e["after"] for e in view["events"] if e["kind"] == "TIME_RULE_APPLIED"]
        assert len(fired) == 1
        assert fired[0]["timeRule"] == "Escalar esperas"
        assert fired[0]["status"] == "WAITING_ON_AGENT"
        assert fired[0]["actions"] == ["SET_IMPACT", "NOTIFY_STAFF"]
        await asyncio.sleep(SOME_PASSES)
        assert len(await runs_of(ticket["trackingId"])) == 1
        assert not await TimeRulePlan.filter(id=plan.id).exists()
    finally:
        clock.reset()
        await gql.execute(DELETE, {"id": rule["id"]}, token=admin_token)


async def test_waiting_on_customer_reminds_after_3_days_resolves_after_7_and_a_reply_cancels(
    request: pytest.FixtureRequest,
    gql: GraphQLClient,
    admin_token: str,
    automation: None,
    reset_rate_limits: None,
) -> None:
    embedded = request.node.callspec.params["server"] != DISTRIBUTED
    word = unique("recordar")
    canned = await gql.execute(
        CANNED,
        {
            "input": {
                "title": unique("Recordatorio "),
                "bodyEs": "¿Sigue necesitando ayuda con {{ tracking_id }}?",
                "bodyEn": "Do you still need help with {{ tracking_id }}?",
            }
        },
        token=admin_token,
    )
    canned_id = canned.data["saveCannedResponse"]["cannedResponse"]["id"]
    # Given: waiting on the customer 3 days reminds them, 7 days resolves the ticket
    common: dict[str, Any] = {
        "status": "WAITING_ON_CUSTOMER",
        "clock": "CALENDAR",
        "conditions": {"subjectContains": word},
    }
    remind = await save(
        gql,
        admin_token,
        name="Recordar",
        afterMinutes=3 * 24 * 60,
        actions=[{"type": "REPLY", "cannedResponseId": canned_id}],
        **common,
    )
    resolve = await save(
        gql,
        admin_token,
        name="Resolver",
        afterMinutes=7 * 24 * 60,
        actions=[{"type": "SET_STATUS", "status": "RESOLVED"}],
        **common,
    )
    start = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    try:
        # When two tickets are answered by an agent (waiting on the customer from then on)
        if embedded:
            clock.set(start)
        customer, agent = await customer_login(gql), await staff_token(gql, "agent@mesa.example")
        quiet = await create_ticket(gql, customer, subject=f"Consulta {word} A")
        answered = await create_ticket(gql, customer, subject=f"Consulta {word} B")
        for ticket in (quiet, answered):
            await reply(gql, agent, ticket["id"], "Pruebe de nuevo, por favor.")
        plans = {
            (name, t["trackingId"]): await plan_of(rule["id"], t["trackingId"])
            for name, rule in (("remind", remind), ("resolve", resolve))
            for t in (quiet, answered)
        }
        assert plans["remind", quiet["trackingId"]].due_at == (
            plans["remind", quiet["trackingId"]].entered_at + timedelta(days=3)
        )
        assert plans["resolve", quiet["trackingId"]].due_at == (
            plans["resolve", quiet["trackingId"]].entered_at + timedelta(days=7)
        )

        # and the second customer writes back two days later
        if embedded:
            clock.set(start + timedelta(days=2))
            customer = await customer_login(gql)
        await reply(gql, customer, answered["id"], "Sigue sin funcionar.")
        answered_pk = (await Ticket.get(tracking_id=answered["trackingId"])).id

        async def cancelled() -> bool:
            return not await TimeRulePlan.filter(ticket_id=answered_pk).exists()

        await eventually(cancelled, "the reply to cancel the second ticket's plans")

        # Then after 3 days the quiet one is reminded, in the customer's language, still
        # waiting on them
        if embedded:
            clock.set(start + timedelta(days=3))
        else:
            await make_due(plans["remind", quiet["trackingId"]])
        reminded = await applied_run(remind["id"], quiet["trackingId"])
        assert reminded.status is TriggerRunStatus.APPLIED, reminded.detail
        quiet_row = await Ticket.get(tracking_id=quiet["trackingId"])
        assert quiet_row.status is TicketStatus.WAITING_ON_CUSTOMER
        admin = await staff_token(gql, "admin@mesa.example") if embedded else admin_token
        view = (await gql.execute(TICKET, {"t": quiet["trackingId"]}, token=admin)).data["ticket"]
        assert view["messages"][-1] == {
            "body": f"¿Sigue necesitando ayuda con {quiet['trackingId']}?",
            "internal": False,
            "authorKind": "SYSTEM",
        }

        # and after 7 days it is resolved; the one that answered got nothing
        if embedded:
            clock.set(start + timedelta(days=7))
        else:
            await make_due(plans["resolve", quiet["trackingId"]])
        resolved = await applied_run(resolve["id"], quiet["trackingId"])
        assert resolved.status is TriggerRunStatus.APPLIED, resolved.detail
        assert (await Ticket.get(id=quiet_row.id)).status is TicketStatus.RESOLVED
        await asyncio.sleep(SOME_PASSES)
        assert [r.rule_id for r in await runs_of(quiet["trackingId"])] == [
            pk(remind["id"]),
            pk(resolve["id"]),
        ]
        assert await runs_of(answered["trackingId"]) == []
        assert (await Ticket.get(id=answered_pk)).status is TicketStatus.WAITING_ON_AGENT
    finally:
        clock.reset()
        for rule in (remind, resolve):
            await gql.execute(DELETE, {"id": rule["id"]}, token=admin_token)


async def test_a_saved_rule_is_planned_for_tickets_already_waiting_pausing_drops_it(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a ticket already waiting on an agent before any rule exists
    word = unique("previo")
    ticket = await create_ticket(gql, customer_token, subject=f"Caso {word}")
    agent = await staff_token(gql, "agent@mesa.example")
    await reply(gql, agent, ticket["id"], "¿Puede enviar una captura?")
    await reply(gql, customer_token, ticket["id"], "Adjunto la captura.")
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    assert row.status is TicketStatus.WAITING_ON_AGENT

    # When a rule for that status is saved
    rule = await save(
        gql,
        admin_token,
        name="Escalar previos",
        status="WAITING_ON_AGENT",
        afterMinutes=120,
        clock="CALENDAR",
        conditions={"subjectContains": word},
        actions=[{"type": "ADD_TAGS", "tags": ["escalado"]}],
    )
    try:
        # Then a worker plans it from the stay that began with the customer's reply
        plan = await plan_of(rule["id"], ticket["trackingId"])
        entry = await TicketEvent.get(id=plan.entered_event_id)
        assert entry.kind.value == "STATUS_CHANGED" and entry.ticket_id == row.id
        assert plan.due_at == entry.created_at + timedelta(minutes=120)

        # When it is paused, its plans go; resumed, it is planned again
        paused = await gql.execute(PAUSE, {"id": rule["id"], "on": False}, token=admin_token)
        assert paused.data["setTimeRuleActive"]["timeRule"] == {"isActive": False}
        assert not await TimeRulePlan.filter(rule_id=pk(rule["id"])).exists()
        await gql.execute(PAUSE, {"id": rule["id"], "on": True}, token=admin_token)
        again = await plan_of(rule["id"], ticket["trackingId"])
        assert again.entered_event_id == entry.id and again.due_at == plan.due_at

        # and deleting the ticket deletes its plans
        deleted = await gql.execute(
            "mutation($id: ID!) { deleteTicket(ticketId: $id) { __typename } }",
            {"id": ticket["id"]},
            token=admin_token,
        )
        assert deleted.data["deleteTicket"]["__typename"] == "DeleteTicketSuccess"
        assert not await TimeRulePlan.filter(ticket_id=row.id).exists()
    finally:
        await gql.execute(DELETE, {"id": rule["id"]}, token=admin_token)
    assert not await TimeRule.filter(id=pk(rule["id"])).exists()


async def test_a_due_plan_fires_once_with_concurrent_schedulers_and_workers(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a (paused) rule and a plan row already due for a ticket
    ticket = await create_ticket(gql, customer_token, subject=unique("Concurrente "))
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    created = await TicketEvent.get(ticket_id=row.id, kind="CREATED")
    now = utcnow()
    rule = await TimeRule.create(
        name=unique("Concurrente "),
        is_active=False,
        status=TicketStatus.NEW,
        after_minutes=1,
        clock="CALENDAR",
        conditions={},
        actions=[{"type": "ADD_TAGS", "tags": ["concurrente"]}],
        created_at=now,
        updated_at=now,
    )
    try:
        await TimeRulePlan.create(
            rule_id=rule.id,
            ticket_id=row.id,
            entered_event_id=created.id,
            entered_at=created.created_at,
            due_at=now - timedelta(minutes=1),
        )

        # When three scheduler passes take it at once (the cluster's own may take it too)
        taken = await asyncio.gather(fire_due(), fire_due(), fire_due())

        # Then one run is recorded, and two workers on it apply it at most once
        assert sum(taken) <= 1
        runs = await TimeRuleRun.filter(rule_id=rule.id)
        assert len(runs) == 1 and not await TimeRulePlan.filter(rule_id=rule.id).exists()
        outcomes = await asyncio.gather(run_time_rule(runs[0].id), run_time_rule(runs[0].id))
        assert sum(outcome is not None for outcome in outcomes) <= 1

        async def finished() -> TimeRuleRun | None:
            return await TimeRuleRun.filter(id=runs[0].id, finished_at__isnull=False).first()

        done = await eventually(finished, "the run to finish")
        # A paused rule's run is skipped: the ticket is left alone
        assert done.status is TriggerRunStatus.SKIPPED
        assert done.detail == {"reason": "gone or paused"}
    finally:
        await rule.delete()


BAD_RULES: list[tuple[dict[str, Any], str, str]] = [
    ({"name": " ", "afterMinutes": 60}, "VALIDATION", "name"),
    ({"status": "CLOSED"}, "VALIDATION", "status"),
    ({"status": "MERGED"}, "VALIDATION", "status"),
    ({"afterMinutes": 0}, "VALIDATION", "afterMinutes"),
    ({"afterMinutes": 366 * 24 * 60}, "VALIDATION", "afterMinutes"),
    ({"actions": []}, "VALIDATION", "actions"),
    ({"actions": [{"type": "SET_IMPACT"}]}, "VALIDATION", "actions.impact"),
    ({"actions": [{"type": "SET_STATUS", "status": "OPEN"}]}, "VALIDATION", "actions.status"),
    (
        {"conditions": {"requesterDomains": ["nodomain"]}},
        "VALIDATION",
        "conditions.requesterDomains",
    ),
    ({"timeRuleId": encode_id("TimeRule", 999_999)}, "NOT_FOUND", "timeRuleId"),
    ({"timeRuleId": encode_id("Trigger", 1)}, "VALIDATION", "timeRuleId"),
]


@pytest.mark.parametrize(("change", "code", "field"), BAD_RULES)
async def test_bad_time_rules_are_typed_errors_naming_the_field_and_change_nothing(
    gql: GraphQLClient, admin_token: str, change: dict[str, Any], code: str, field: str
) -> None:
    base: dict[str, Any] = {
        "name": "Mala",
        "status": "WAITING_ON_AGENT",
        "afterMinutes": 60,
        "actions": [{"type": "ADD_TAGS", "tags": ["x"]}],
    }
    before = await TimeRule.all().count()
    result = (await gql.execute(SAVE, {"input": {**base, **change}}, token=admin_token)).data
    error = result["saveTimeRule"]
    assert (error["code"], error["field"]) == (code, field), error
    assert error["message"]
    assert await TimeRule.all().count() == before
