"""What a trigger is made of: the ticket events that fire it, its conditions and its actions,
checked when saved and stored as plain JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.custom_fields.values import clean_equals
from domain.errors import NotFound, ValidationFailed
from domain.models import (
    AuthorKind,
    CannedResponse,
    Category,
    Channel,
    Department,
    EventKind,
    Impact,
    SatisfactionRating,
    Staff,
    SupportLevel,
    TicketEvent,
    TicketStatus,
    Webhook,
)
from domain.workspace.tags import normalise_tags

TEXT_MAX = 5000
CONTAINS_MAX = 200
DOMAINS_MAX = 50
FIELD_CONDITIONS_MAX = 10


class TriggerEvent(StrEnum):
    TICKET_CREATED = "TICKET_CREATED"
    CUSTOMER_REPLIED = "CUSTOMER_REPLIED"  # the requester (customer, guest, partner) wrote
    AGENT_REPLIED = "AGENT_REPLIED"
    NOTE_ADDED = "NOTE_ADDED"
    STATUS_CHANGED = "STATUS_CHANGED"
    IMPACT_CHANGED = "IMPACT_CHANGED"
    DEPARTMENT_CHANGED = "DEPARTMENT_CHANGED"
    ASSIGNED = "ASSIGNED"
    TAG_ADDED = "TAG_ADDED"
    SLA_WARNING = "SLA_WARNING"
    SLA_BREACHED = "SLA_BREACHED"
    SATISFACTION_RATED = "SATISFACTION_RATED"  # the requester rated the answer, or changed it


class ActionType(StrEnum):
    ASSIGN = "ASSIGN"  # staff_id
    SET_IMPACT = "SET_IMPACT"  # impact
    SET_DEPARTMENT = "SET_DEPARTMENT"  # department_id
    SET_CATEGORY = "SET_CATEGORY"  # category_id
    SET_STATUS = "SET_STATUS"  # status: RESOLVED or CLOSED
    ADD_TAGS = "ADD_TAGS"  # tags
    REPLY = "REPLY"  # canned_response_id: a public reply from Mesa, in the requester's language
    ADD_NOTE = "ADD_NOTE"  # text: an internal note
    CALL_WEBHOOK = "CALL_WEBHOOK"  # webhook_id: the desk's webhook gets this event
    NOTIFY_STAFF = "NOTIFY_STAFF"  # staff_ids, text: an internal note mentioning them


SETTABLE_STATUSES = (TicketStatus.RESOLVED, TicketStatus.CLOSED)
_REQUESTERS = frozenset({AuthorKind.CUSTOMER, AuthorKind.GUEST, AuthorKind.PARTNER})


def trigger_events_of(event: TicketEvent) -> set[TriggerEvent]:
    """The trigger events a stored ticket event is (the first message of a new ticket is
    told apart by the caller: it belongs to TICKET_CREATED, it is no reply)."""
    kind = event.kind
    if kind is EventKind.CREATED:
        return {TriggerEvent.TICKET_CREATED}
    if kind is EventKind.MESSAGE_ADDED:
        if event.actor_kind in _REQUESTERS:
            return {TriggerEvent.CUSTOMER_REPLIED}
        return {TriggerEvent.AGENT_REPLIED} if event.actor_kind is AuthorKind.AGENT else set()
    if kind is EventKind.TAGS_CHANGED:
        before = set((event.before or {}).get("tags", []))
        after = set((event.after or {}).get("tags", []))
        return {TriggerEvent.TAG_ADDED} if after - before else set()
    simple = {
        EventKind.NOTE_ADDED: TriggerEvent.NOTE_ADDED,
        EventKind.STATUS_CHANGED: TriggerEvent.STATUS_CHANGED,
        EventKind.IMPACT_CHANGED: TriggerEvent.IMPACT_CHANGED,
        EventKind.DEPARTMENT_CHANGED: TriggerEvent.DEPARTMENT_CHANGED,
        EventKind.ASSIGNED: TriggerEvent.ASSIGNED,
        EventKind.SLA_WARNING: TriggerEvent.SLA_WARNING,
        EventKind.SLA_BREACHED: TriggerEvent.SLA_BREACHED,
        EventKind.SATISFACTION_RATED: TriggerEvent.SATISFACTION_RATED,
    }
    return {simple[kind]} if kind in simple else set()


@dataclass(frozen=True)
class Conditions:
    """Every condition given must hold (an empty list or None: any)."""

    department_ids: list[int] = field(default_factory=list)
    category_ids: list[int] = field(default_factory=list)
    impacts: list[Impact] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    support_level_ids: list[int] = field(default_factory=list)
    statuses: list[TicketStatus] = field(default_factory=list)
    tags_any: list[str] = field(default_factory=list)
    requester_domains: list[str] = field(default_factory=list)
    subject_contains: str | None = None
    body_contains: str | None = None
    business_hours: bool | None = None  # in (True) or out of (False) the ticket's hours
    satisfaction_ratings: list[SatisfactionRating] = field(default_factory=list)
    # (custom field key, the value it must hold) pairs, every one
    custom_fields: list[tuple[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class Action:
    type: ActionType
    staff_id: int | None = None
    impact: Impact | None = None
    department_id: int | None = None
    category_id: int | None = None
    status: TicketStatus | None = None
    tags: list[str] = field(default_factory=list)
    canned_response_id: int | None = None
    text: str | None = None
    staff_ids: list[int] = field(default_factory=list)
    webhook_id: int | None = None


async def _exist(model: Any, ids: list[int], message: str, field_name: str) -> list[int]:
    unique = sorted(set(ids))
    if unique and await model.filter(id__in=unique).count() != len(unique):
        raise NotFound(message, field=field_name)
    return unique


def _contains(value: str | None, field_name: str) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > CONTAINS_MAX:
        raise ValidationFailed(
            f"Keep text conditions to {CONTAINS_MAX} characters.", field=field_name
        )
    return value


async def clean_conditions(conditions: Conditions) -> dict[str, Any]:
    """The conditions as stored, every reference checked."""
    domains = sorted({d.strip().lower().lstrip("@") for d in conditions.requester_domains})
    if len(domains) > DOMAINS_MAX or any(not d or " " in d or "." not in d for d in domains):
        raise ValidationFailed(
            "Give requester domains like example.com.", field="conditions.requesterDomains"
        )
    stored: dict[str, Any] = {
        "department_ids": await _exist(
            Department, conditions.department_ids, "Unknown department.", "conditions.departmentIds"
        ),
        "category_ids": await _exist(
            Category, conditions.category_ids, "Unknown category.", "conditions.categoryIds"
        ),
        "support_level_ids": await _exist(
            SupportLevel,
            conditions.support_level_ids,
            "Unknown support level.",
            "conditions.supportLevelIds",
        ),
        "impacts": sorted({i.value for i in conditions.impacts}),
        "channels": sorted({c.value for c in conditions.channels}),
        "statuses": sorted({s.value for s in conditions.statuses}),
        "tags_any": normalise_tags(conditions.tags_any),
        "requester_domains": domains,
        "subject_contains": _contains(conditions.subject_contains, "conditions.subjectContains"),
        "body_contains": _contains(conditions.body_contains, "conditions.bodyContains"),
        "business_hours": conditions.business_hours,
        "satisfaction_ratings": sorted({r.value for r in conditions.satisfaction_ratings}),
        "custom_fields": await _field_conditions(conditions.custom_fields),
    }
    return {key: value for key, value in stored.items() if value not in ([], None)}


async def _field_conditions(pairs: list[tuple[str, object]]) -> list[dict[str, str]]:
    if len(pairs) > FIELD_CONDITIONS_MAX or len({key for key, _ in pairs}) != len(pairs):
        raise ValidationFailed(
            f"Give at most {FIELD_CONDITIONS_MAX} custom fields, each once. / Indique como "
            f"máximo {FIELD_CONDITIONS_MAX} campos personalizados, cada uno una vez.",
            field="conditions.customFields",
        )
    return [
        await clean_equals(key, value, field=f"conditions.customFields.{index}")
        for index, (key, value) in enumerate(pairs)
    ]


def _require(value: object, field_name: str, action: ActionType) -> None:
    if value in (None, [], ""):
        raise ValidationFailed(f"{action.value} needs {field_name}.", field=f"actions.{field_name}")


async def clean_action(action: Action) -> dict[str, Any]:
    """One action as stored, its references checked."""
    kind = action.type
    stored: dict[str, Any] = {"type": kind.value}
    if kind is ActionType.ASSIGN:
        _require(action.staff_id, "staffId", kind)
        if not await Staff.exists(id=action.staff_id, is_active=True):
            raise NotFound("Unknown staff member.", field="actions.staffId")
        stored["staff_id"] = action.staff_id
    elif kind is ActionType.SET_IMPACT:
        _require(action.impact, "impact", kind)
        stored["impact"] = action.impact.value if action.impact else None
    elif kind is ActionType.SET_DEPARTMENT:
        _require(action.department_id, "departmentId", kind)
        await _exist(
            Department, [action.department_id or 0], "Unknown department.", "actions.departmentId"
        )
        stored["department_id"] = action.department_id
    elif kind is ActionType.SET_CATEGORY:
        _require(action.category_id, "categoryId", kind)
        await _exist(Category, [action.category_id or 0], "Unknown category.", "actions.categoryId")
        stored["category_id"] = action.category_id
    elif kind is ActionType.SET_STATUS:
        if action.status not in SETTABLE_STATUSES:
            raise ValidationFailed(
                "A trigger can set the status to RESOLVED or CLOSED.", field="actions.status"
            )
        stored["status"] = action.status.value if action.status else None
    elif kind is ActionType.ADD_TAGS:
        _require(action.tags, "tags", kind)
        stored["tags"] = normalise_tags(action.tags)
    elif kind is ActionType.REPLY:
        _require(action.canned_response_id, "cannedResponseId", kind)
        if not await CannedResponse.exists(id=action.canned_response_id, owner_id__isnull=True):
            raise NotFound(
                "A trigger replies with a shared canned response.",
                field="actions.cannedResponseId",
            )
        stored["canned_response_id"] = action.canned_response_id
    elif kind in (ActionType.ADD_NOTE, ActionType.NOTIFY_STAFF):
        _require(action.text, "text", kind)
        text = (action.text or "").strip()
        if len(text) > TEXT_MAX:
            raise ValidationFailed(f"Keep the text to {TEXT_MAX} characters.", field="actions.text")
        stored["text"] = text
        if kind is ActionType.NOTIFY_STAFF:
            _require(action.staff_ids, "staffIds", kind)
            stored["staff_ids"] = await _exist(
                Staff, action.staff_ids, "Unknown staff member.", "actions.staffIds"
            )
    elif kind is ActionType.CALL_WEBHOOK:
        _require(action.webhook_id, "webhookId", kind)
        if not await Webhook.exists(id=action.webhook_id, partner_id__isnull=True):
            raise NotFound("Webhook not found.", field="actions.webhookId")
        stored["webhook_id"] = action.webhook_id
    return stored
