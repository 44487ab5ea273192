"""Trigger types: what fires a trigger, its conditions and its actions, as stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.core.ids import decode_id, encode_id
from domain import models
from domain.automation.rules import Action, ActionType, Conditions, TriggerEvent
from domain.models import Channel, Impact, SatisfactionRating, TicketStatus

strawberry.enum(TriggerEvent, description="What fires a trigger.")
strawberry.enum(ActionType, name="TriggerActionType", description="What a trigger does.")


def _ids(type_name: str, pks: list[int]) -> list[strawberry.ID]:
    return [strawberry.ID(encode_id(type_name, pk)) for pk in pks]


def _id(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(encode_id(type_name, pk))


@strawberry.type(description="A custom field the ticket must hold a value of.")
class TriggerFieldCondition:
    key: str
    equals: str = strawberry.field(
        description="The value in its canonical text: 12, 4.5, 2026-12-01, pro, true."
    )


@strawberry.input(description="A custom field the ticket must hold a value of.")
class TriggerFieldConditionInput:
    key: str
    equals: JSON


@strawberry.type(description="Every condition given must hold; an empty list means any.")
class TriggerConditions:
    department_ids: list[strawberry.ID]
    category_ids: list[strawberry.ID]
    support_level_ids: list[strawberry.ID]
    impacts: list[Impact]
    channels: list[Channel]
    statuses: list[TicketStatus]
    tags_any: list[str] = strawberry.field(description="The ticket has at least one of these.")
    requester_domains: list[str] = strawberry.field(
        description="The requester's email is at one of these domains (or a subdomain)."
    )
    subject_contains: str | None
    body_contains: str | None = strawberry.field(
        description="The event's message, or the ticket's first one (case-insensitive)."
    )
    business_hours: bool | None = strawberry.field(
        description="True: only within the ticket's business hours; false: only outside."
    )
    satisfaction_ratings: list[SatisfactionRating] = strawberry.field(
        default_factory=list,
        description="The requester's satisfaction answer is one of these (SATISFACTION_RATED).",
    )
    custom_fields: list[TriggerFieldCondition] = strawberry.field(
        description="The ticket holds each of these custom field values."
    )

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> TriggerConditions:
        return cls(
            department_ids=_ids("Department", stored.get("department_ids", [])),
            category_ids=_ids("Category", stored.get("category_ids", [])),
            support_level_ids=_ids("SupportLevel", stored.get("support_level_ids", [])),
            impacts=[Impact(v) for v in stored.get("impacts", [])],
            channels=[Channel(v) for v in stored.get("channels", [])],
            statuses=[TicketStatus(v) for v in stored.get("statuses", [])],
            tags_any=list(stored.get("tags_any", [])),
            requester_domains=list(stored.get("requester_domains", [])),
            subject_contains=stored.get("subject_contains"),
            body_contains=stored.get("body_contains"),
            business_hours=stored.get("business_hours"),
            satisfaction_ratings=[
                SatisfactionRating(v) for v in stored.get("satisfaction_ratings", [])
            ],
            custom_fields=[
                TriggerFieldCondition(key=item["key"], equals=item["equals"])
                for item in stored.get("custom_fields", [])
            ],
        )


@strawberry.type(description="One action; only the fields its type uses are set.")
class TriggerAction:
    type: ActionType
    staff_id: strawberry.ID | None
    impact: Impact | None
    department_id: strawberry.ID | None
    category_id: strawberry.ID | None
    status: TicketStatus | None
    tags: list[str]
    canned_response_id: strawberry.ID | None
    text: str | None
    staff_ids: list[strawberry.ID]
    webhook_id: strawberry.ID | None

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> TriggerAction:
        return cls(
            type=ActionType(stored["type"]),
            staff_id=_id("Staff", stored.get("staff_id")),
            impact=Impact(stored["impact"]) if stored.get("impact") else None,
            department_id=_id("Department", stored.get("department_id")),
            category_id=_id("Category", stored.get("category_id")),
            status=TicketStatus(stored["status"]) if stored.get("status") else None,
            tags=list(stored.get("tags", [])),
            canned_response_id=_id("CannedResponse", stored.get("canned_response_id")),
            text=stored.get("text"),
            staff_ids=_ids("Staff", stored.get("staff_ids", [])),
            webhook_id=_id("Webhook", stored.get("webhook_id")),
        )


@strawberry.type(description="A rule run after ticket events (admins).")
class Trigger:
    id: strawberry.ID
    name: str
    is_active: bool
    position: int = strawberry.field(description="Triggers one event fires run lowest first.")
    events: list[TriggerEvent]
    conditions: TriggerConditions
    actions: list[TriggerAction]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.Trigger) -> Trigger:
        return cls(
            id=strawberry.ID(encode_id("Trigger", row.id)),
            name=row.name,
            is_active=row.is_active,
            position=row.position,
            events=[TriggerEvent(e) for e in row.events],
            conditions=TriggerConditions.from_stored(row.conditions),
            actions=[TriggerAction.from_stored(a) for a in row.actions],
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def _pks(values: list[strawberry.ID] | None, type_name: str, field: str) -> list[int]:
    return [decode_id(v, type_name, field=field) for v in values or []]


def _pk(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field=field)


@strawberry.input
class TriggerConditionsInput:
    department_ids: list[strawberry.ID] | None = None
    category_ids: list[strawberry.ID] | None = None
    support_level_ids: list[strawberry.ID] | None = None
    impacts: list[Impact] | None = None
    channels: list[Channel] | None = None
    statuses: list[TicketStatus] | None = None
    tags_any: list[str] | None = None
    requester_domains: list[str] | None = None
    subject_contains: str | None = None
    body_contains: str | None = None
    business_hours: bool | None = None
    satisfaction_ratings: list[SatisfactionRating] | None = None
    custom_fields: list[TriggerFieldConditionInput] | None = strawberry.field(
        default=None, description="The ticket holds each of these custom field values."
    )

    def to_domain(self) -> Conditions:
        prefix = "conditions."
        return Conditions(
            department_ids=_pks(self.department_ids, "Department", prefix + "departmentIds"),
            category_ids=_pks(self.category_ids, "Category", prefix + "categoryIds"),
            support_level_ids=_pks(
                self.support_level_ids, "SupportLevel", prefix + "supportLevelIds"
            ),
            impacts=list(self.impacts or []),
            channels=list(self.channels or []),
            statuses=list(self.statuses or []),
            tags_any=list(self.tags_any or []),
            requester_domains=list(self.requester_domains or []),
            subject_contains=self.subject_contains,
            body_contains=self.body_contains,
            business_hours=self.business_hours,
            satisfaction_ratings=list(self.satisfaction_ratings or []),
            custom_fields=[(item.key, item.equals) for item in self.custom_fields or []],
        )


@strawberry.input(description="One action: set the fields its type uses.")
class TriggerActionInput:
    type: ActionType
    staff_id: strawberry.ID | None = None
    impact: Impact | None = None
    department_id: strawberry.ID | None = None
    category_id: strawberry.ID | None = None
    status: TicketStatus | None = None
    tags: list[str] | None = None
    canned_response_id: strawberry.ID | None = None
    text: str | None = None
    staff_ids: list[strawberry.ID] | None = None
    webhook_id: strawberry.ID | None = None

    def to_domain(self) -> Action:
        prefix = "actions."
        return Action(
            type=self.type,
            staff_id=_pk(self.staff_id, "Staff", prefix + "staffId"),
            impact=self.impact,
            department_id=_pk(self.department_id, "Department", prefix + "departmentId"),
            category_id=_pk(self.category_id, "Category", prefix + "categoryId"),
            status=self.status,
            tags=list(self.tags or []),
            canned_response_id=_pk(
                self.canned_response_id, "CannedResponse", prefix + "cannedResponseId"
            ),
            text=self.text,
            staff_ids=_pks(self.staff_ids, "Staff", prefix + "staffIds"),
            webhook_id=_pk(self.webhook_id, "Webhook", prefix + "webhookId"),
        )
