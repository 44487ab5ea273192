"""The authorization matrix's rows for automation: webhooks (admins, and partners their
own), their deliveries, the automation settings, triggers and time rules (admins), custom
fields (admins define them, anyone reads the customers' ones, staff change a ticket's values)."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id, parse_global_id
from domain.clock import utcnow
from domain.models import (
    AgentHours,
    AutoAssignment,
    CustomField,
    CustomFieldType,
    CustomFieldVisibility,
    Department,
    Staff,
    Ticket,
    TicketFieldValue,
    TicketStatus,
    TimeRule,
    TimeRuleClock,
    Trigger,
    Webhook,
    WebhookDelivery,
    WebhookDeliveryStatus,
)
from tests.matrix_rows import ADMIN, ALL, DESK, STAFF, Case, R, found, nothing
from tests.matrix_world import World, unique

MANAGERS = ADMIN | {"partner"}
PUBLIC_URL = "https://93.184.216.34/hooks/mesa"
# A delivery the matrix made: a re-send starts its budget again, so the count of untouched
# ones shows a re-send (whatever a worker does later with the ones that were allowed).
UNTOUCHED_FAILURES = 3


async def _partner_webhook(world: World) -> Webhook:
    """A paused webhook of the matrix's partner (paused: nothing is ever sent to it)."""
    parsed = parse_global_id(world.partner_id)
    assert parsed is not None
    now = utcnow()
    return await Webhook.create(
        partner_id=parsed[1],
        name=unique("Matriz "),
        url=PUBLIC_URL,
        event_kinds=["CREATED"],
        is_active=False,
        secret="whsec_matrix",
        created_at=now,
        updated_at=now,
    )


async def _webhook_id(world: World) -> dict[str, Any]:
    return {"id": encode_id("Webhook", (await _partner_webhook(world)).id)}


async def _delivery_id(world: World) -> dict[str, Any]:
    hook = await _partner_webhook(world)
    now = utcnow()
    delivery = await WebhookDelivery.create(
        webhook_id=hook.id,
        delivery_uid=unique("matrix-"),
        event_id=0,
        event_kind="CREATED",
        ticket_id=0,
        payload={},
        status=WebhookDeliveryStatus.DELIVERED,
        failures_in_row=UNTOUCHED_FAILURES,
        created_at=now,
        delivered_at=now,
    )
    return {"id": encode_id("WebhookDelivery", delivery.id)}


async def _new_webhook(_: World) -> dict[str, Any]:
    return {
        "input": {
            "name": unique("Integración "),
            "url": PUBLIC_URL,
            "eventKinds": ["CREATED"],
            "isActive": False,
        }
    }


async def _trigger_id(_: World) -> dict[str, Any]:
    """A paused trigger (paused: it never acts on the matrix's tickets)."""
    now = utcnow()
    trigger = await Trigger.create(
        name=unique("Matriz "),
        is_active=False,
        events=["TICKET_CREATED"],
        conditions={},
        actions=[{"type": "ADD_TAGS", "tags": ["matriz"]}],
        created_at=now,
        updated_at=now,
    )
    return {"id": encode_id("Trigger", trigger.id)}


async def _new_trigger(_: World) -> dict[str, Any]:
    return {
        "input": {
            "name": unique("Matriz "),
            "isActive": False,
            "events": ["TICKET_CREATED"],
            "actions": [{"type": "ADD_TAGS", "tags": ["matriz"]}],
        }
    }


async def _time_rule_id(_: World) -> dict[str, Any]:
    """A paused time rule (paused: it is never planned for the matrix's tickets)."""
    now = utcnow()
    rule = await TimeRule.create(
        name=unique("Matriz "),
        is_active=False,
        status=TicketStatus.WAITING_ON_AGENT,
        after_minutes=60,
        clock=TimeRuleClock.CALENDAR,
        conditions={},
        actions=[{"type": "ADD_TAGS", "tags": ["matriz"]}],
        created_at=now,
        updated_at=now,
    )
    return {"id": encode_id("TimeRule", rule.id)}


async def _new_time_rule(_: World) -> dict[str, Any]:
    return {
        "input": {
            "name": unique("Matriz "),
            "isActive": False,
            "status": "WAITING_ON_AGENT",
            "afterMinutes": 240,
            "actions": [{"type": "ADD_TAGS", "tags": ["matriz"]}],
        }
    }


async def _throwaway_department(_: World) -> dict[str, Any]:
    code = unique("M").upper()
    department = await Department.create(code=code, name=f"Matriz {code}", is_active=False)
    return {"d": encode_id("Department", department.id)}


async def _throwaway_staff(_: World) -> dict[str, Any]:
    staff = await Staff.create(
        email=f"{unique('matriz')}@mesa.example", name="Matriz", password_hash="x"
    )
    return {"s": encode_id("Staff", staff.id)}


# Fields the matrix reads: one each way, in a retired department of their own.
CUSTOMER_FIELD, STAFF_FIELD = "matriz_cliente", "matriz_personal"


async def _matrix_field(key: str, visibility: CustomFieldVisibility) -> CustomField:
    department, _ = await Department.get_or_create(
        code="MATRIZCF", defaults={"name": "Matriz campos", "is_active": False}
    )
    now = utcnow()
    field, _ = await CustomField.get_or_create(
        key=key,
        defaults={
            "field_type": CustomFieldType.TEXT,
            "label_es": "Matriz",
            "label_en": "Matrix",
            "department_id": department.id,
            "visibility": visibility,
            "created_at": now,
            "updated_at": now,
        },
    )
    return field


async def _both_fields(_: World) -> dict[str, Any]:
    await _matrix_field(CUSTOMER_FIELD, CustomFieldVisibility.CUSTOMERS)
    await _matrix_field(STAFF_FIELD, CustomFieldVisibility.STAFF)
    return {}


def _lists(key: str) -> Any:
    return found(lambda d: key in [field["key"] for field in d["customFields"]])


async def _new_field(_: World) -> dict[str, Any]:
    department, _ = await Department.get_or_create(
        code="MATRIZCF", defaults={"name": "Matriz campos", "is_active": False}
    )
    return {
        "input": {
            "key": unique("matriz_"),
            "type": "TEXT",
            "labelEs": "Matriz",
            "labelEn": "Matrix",
            "departmentId": encode_id("Department", department.id),
        }
    }


async def _field_id(_: World) -> dict[str, Any]:
    field = await _matrix_field(unique("matriz_"), CustomFieldVisibility.STAFF)
    return {"id": encode_id("CustomField", field.id)}


async def _b_ticket_values(world: World) -> dict[str, Any]:
    """A fresh ticket of B and a value for a staff-only field of its department."""
    ticket = await world.b_ticket()
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    now = utcnow()
    field, _ = await CustomField.get_or_create(
        key=f"matriz_d{row.department_id}",
        defaults={
            "field_type": CustomFieldType.TEXT,
            "label_es": "Nota de la matriz",
            "label_en": "Matrix note",
            "department_id": row.department_id,
            "visibility": CustomFieldVisibility.STAFF,
            "created_at": now,
            "updated_at": now,
        },
    )
    return {"id": ticket["id"], "values": [{"key": field.key, "value": unique("v")}]}


async def snapshot() -> dict[str, Any]:
    """What a denied automation case could have changed."""
    from domain.models import AutomationSettings

    return {
        "webhooks": await Webhook.all().order_by("id").values(),
        "deliveries": await WebhookDelivery.all().count(),
        "untouched_deliveries": await WebhookDelivery.filter(
            failures_in_row=UNTOUCHED_FAILURES
        ).count(),
        "automation_settings": await AutomationSettings.all().values(),
        "triggers": await Trigger.all().order_by("id").values(),
        "time_rules": await TimeRule.all().order_by("id").values(),
        "auto_assignments": await AutoAssignment.all().order_by("department_id").values(),
        "agent_hours": await AgentHours.all().order_by("staff_id").values(),
        "custom_fields": await CustomField.all().order_by("id").values(),
        "field_values": await TicketFieldValue.all().order_by("id").values(),
    }


AUTOMATION_ROWS: dict[str, list[Case]] = {
    "autoAssignments": [
        Case("{ autoAssignments { mode } }", ADMIN, nothing, found(lambda d: True))
    ],
    "setAutoAssignment": [
        Case(
            f"mutation($d: ID!) {{ setAutoAssignment(departmentId: $d, mode: OFF) {R} }}",
            ADMIN,
            _throwaway_department,
        )
    ],
    "setAgentHours": [
        Case(
            f"mutation($s: ID!) {{ setAgentHours(staffId: $s, calendarId: null) {R} }}",
            ADMIN,
            _throwaway_staff,
        )
    ],
    "triggers": [Case("{ triggers { id name } }", ADMIN, nothing, found(lambda d: True))],
    "saveTrigger": [
        Case(
            f"mutation($input: SaveTriggerInput!) {{ saveTrigger(input: $input) {R} }}",
            ADMIN,
            _new_trigger,
        )
    ],
    "setTriggerActive": [
        Case(
            f"mutation($id: ID!) {{ setTriggerActive(triggerId: $id, isActive: false) {R} }}",
            ADMIN,
            _trigger_id,
        )
    ],
    "deleteTrigger": [
        Case(f"mutation($id: ID!) {{ deleteTrigger(triggerId: $id) {R} }}", ADMIN, _trigger_id)
    ],
    "timeRules": [Case("{ timeRules { id name } }", ADMIN, nothing, found(lambda d: True))],
    "saveTimeRule": [
        Case(
            f"mutation($input: SaveTimeRuleInput!) {{ saveTimeRule(input: $input) {R} }}",
            ADMIN,
            _new_time_rule,
        )
    ],
    "setTimeRuleActive": [
        Case(
            f"mutation($id: ID!) {{ setTimeRuleActive(timeRuleId: $id, isActive: false) {R} }}",
            ADMIN,
            _time_rule_id,
        )
    ],
    "deleteTimeRule": [
        Case(f"mutation($id: ID!) {{ deleteTimeRule(timeRuleId: $id) {R} }}", ADMIN, _time_rule_id)
    ],
    "webhooks": [Case("{ webhooks { id url } }", MANAGERS, nothing, found(lambda d: True))],
    "webhookDeliveries": [
        Case(
            "query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }",
            MANAGERS,
            _webhook_id,
            found(lambda d: True),
        )
    ],
    "automationSettings": [
        Case(
            "{ automationSettings { webhookAllowedNetworks } }",
            ADMIN,
            nothing,
            found(lambda d: True),
        )
    ],
    "saveWebhook": [
        Case(
            f"mutation($input: SaveWebhookInput!) {{ saveWebhook(input: $input) {R} }}",
            MANAGERS,
            _new_webhook,
        )
    ],
    "rotateWebhookSecret": [
        Case(
            f"mutation($id: ID!) {{ rotateWebhookSecret(webhookId: $id) {R} }}",
            MANAGERS,
            _webhook_id,
        )
    ],
    "deleteWebhook": [
        Case(f"mutation($id: ID!) {{ deleteWebhook(webhookId: $id) {R} }}", MANAGERS, _webhook_id)
    ],
    "resendWebhookDelivery": [
        Case(
            f"mutation($id: ID!) {{ resendWebhookDelivery(deliveryId: $id) {R} }}",
            MANAGERS,
            _delivery_id,
        )
    ],
    "customFields": [
        Case("{ customFields { key } }", ALL, _both_fields, _lists(CUSTOMER_FIELD)),
        Case("{ customFields { key } }", STAFF, _both_fields, _lists(STAFF_FIELD)),
    ],
    "saveCustomField": [
        Case(
            f"mutation($input: SaveCustomFieldInput!) {{ saveCustomField(input: $input) {R} }}",
            ADMIN,
            _new_field,
        )
    ],
    "deleteCustomField": [
        Case(
            f"mutation($id: ID!) {{ deleteCustomField(customFieldId: $id) {R} }}",
            ADMIN,
            _field_id,
        )
    ],
    "setTicketCustomFields": [
        Case(
            "mutation($id: ID!, $values: [CustomFieldValueInput!]!) { setTicketCustomFields("
            f"input: {{ticketId: $id, values: $values}}) {R} }}",
            DESK,
            _b_ticket_values,
        )
    ],
    "updateAutomationSettings": [
        Case(
            f"mutation {{ updateAutomationSettings(input: {{webhookAllowedNetworks: []}}) {R} }}",
            ADMIN,
            nothing,
        )
    ],
}
