"""Time rules over GraphQL (admins): `timeRules`, `saveTimeRule`, `setTimeRuleActive`,
`deleteTimeRule`, with the triggers' conditions and actions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.automation.trigger_types import (
    TriggerAction,
    TriggerActionInput,
    TriggerConditions,
    TriggerConditionsInput,
)
from api.core.context import Info
from api.core.errors import ConflictError, NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_id, decode_optional_id, encode_id
from domain import models
from domain.automation import time_rules
from domain.models import TicketStatus, TimeRuleClock

strawberry.enum(TimeRuleClock, description="How a time rule counts the wait.")

_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError


@strawberry.type(
    description="After a ticket has been in a status this long, if the conditions hold, the "
    "actions run once for that stay (admins)."
)
class TimeRule:
    id: strawberry.ID
    name: str
    is_active: bool
    status: TicketStatus = strawberry.field(description="The status the ticket waits in.")
    after_minutes: int = strawberry.field(description="How long it waits there.")
    clock: TimeRuleClock
    conditions: TriggerConditions
    actions: list[TriggerAction]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.TimeRule) -> TimeRule:
        return cls(
            id=strawberry.ID(encode_id("TimeRule", row.id)),
            name=row.name,
            is_active=row.is_active,
            status=row.status,
            after_minutes=row.after_minutes,
            clock=row.clock,
            conditions=TriggerConditions.from_stored(row.conditions),
            actions=[TriggerAction.from_stored(a) for a in row.actions],
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.input
class SaveTimeRuleInput:
    time_rule_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: create a new time rule."
    )
    name: str
    status: TicketStatus = strawberry.field(
        description="NEW, OPEN, WAITING_ON_AGENT, WAITING_ON_CUSTOMER or RESOLVED."
    )
    after_minutes: int = strawberry.field(description="1 minute to a year.")
    clock: TimeRuleClock = strawberry.field(
        default=TimeRuleClock.BUSINESS_HOURS,
        description="BUSINESS_HOURS: of the ticket's own calendar; CALENDAR: every minute.",
    )
    conditions: TriggerConditionsInput | None = None
    actions: list[TriggerActionInput]
    is_active: bool = True
    idempotency_key: str | None = idempotency_key_field("time rule")


@strawberry.type
class SaveTimeRuleSuccess:
    time_rule: TimeRule


@strawberry.type
class SetTimeRuleActiveSuccess:
    time_rule: TimeRule


@strawberry.type
class DeleteTimeRuleSuccess:
    time_rule_id: strawberry.ID


SaveTimeRuleResult = Annotated[
    SaveTimeRuleSuccess | _Failure, strawberry.union("SaveTimeRuleResult")
]
SetTimeRuleActiveResult = Annotated[
    SetTimeRuleActiveSuccess | _Failure, strawberry.union("SetTimeRuleActiveResult")
]
DeleteTimeRuleResult = Annotated[
    DeleteTimeRuleSuccess | _Failure, strawberry.union("DeleteTimeRuleResult")
]


@strawberry.type
class TimeRuleQuery:
    @strawberry.field(description="Every time rule, by status and wait (admins).")
    async def time_rules(self, info: Info) -> list[TimeRule]:
        rows = await time_rules.list_time_rules(viewer=info.context.viewer)
        return [TimeRule.from_model(row) for row in rows]


@strawberry.type
class TimeRuleMutation:
    @strawberry.mutation(
        description="Create or change a time rule (admins); it is planned for the tickets "
        "already in its status."
    )
    async def save_time_rule(self, info: Info, input: SaveTimeRuleInput) -> SaveTimeRuleResult:
        async def run() -> models.TimeRule:
            data = time_rules.TimeRuleInput(
                name=input.name,
                status=input.status,
                after_minutes=input.after_minutes,
                clock=input.clock,
                conditions=(input.conditions or TriggerConditionsInput()).to_domain(),
                actions=[action.to_domain() for action in input.actions],
                is_active=input.is_active,
            )
            return await time_rules.save_time_rule(
                viewer=info.context.viewer,
                time_rule_id=decode_optional_id(input.time_rule_id, "TimeRule", field="timeRuleId"),
                data=data,
            )

        return await attempt(
            lambda: create_once(info, input, run, lambda pk: models.TimeRule.get(id=pk)),
            lambda row: SaveTimeRuleSuccess(time_rule=TimeRule.from_model(row)),
        )

    @strawberry.mutation(description="Pause or resume a time rule (admins).")
    async def set_time_rule_active(
        self, info: Info, time_rule_id: strawberry.ID, is_active: bool
    ) -> SetTimeRuleActiveResult:
        async def run() -> models.TimeRule:
            pk = decode_id(time_rule_id, "TimeRule", field="timeRuleId")
            return await time_rules.set_time_rule_active(
                viewer=info.context.viewer, time_rule_id=pk, is_active=is_active
            )

        return await attempt(
            run, lambda row: SetTimeRuleActiveSuccess(time_rule=TimeRule.from_model(row))
        )

    @strawberry.mutation(description="Remove a time rule (admins).")
    async def delete_time_rule(
        self, info: Info, time_rule_id: strawberry.ID
    ) -> DeleteTimeRuleResult:
        async def run() -> int:
            pk = decode_id(time_rule_id, "TimeRule", field="timeRuleId")
            return await time_rules.delete_time_rule(viewer=info.context.viewer, time_rule_id=pk)

        return await attempt(
            run,
            lambda pk: DeleteTimeRuleSuccess(time_rule_id=strawberry.ID(encode_id("TimeRule", pk))),
        )
