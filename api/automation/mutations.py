"""Automation mutations: save, rotate, delete webhooks; re-send a delivery; settings."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.automation.trigger_types import Trigger, TriggerActionInput, TriggerConditionsInput
from api.automation.types import AutoAssignment, AutomationSettings, Webhook, WebhookDelivery
from api.core.context import Info
from api.core.errors import ConflictError, NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_id, decode_optional_id, encode_id
from api.people.types import Staff
from domain import models
from domain.automation import assignment, settings, triggers, webhooks
from domain.automation.rules import TriggerEvent
from domain.models import AssignmentMode, EventKind

_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError


@strawberry.input
class SaveWebhookInput:
    webhook_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: create a new webhook."
    )
    name: str
    url: str = strawberry.field(description="https://…; private addresses are refused.")
    event_kinds: list[EventKind]
    is_active: bool = True
    timeout_seconds: int = strawberry.field(default=10, description="1 to 30 seconds.")
    idempotency_key: str | None = idempotency_key_field(
        "webhook (without its secret: it is shown once)"
    )


@strawberry.type
class SaveWebhookSuccess:
    webhook: Webhook
    secret: str | None = strawberry.field(
        description="The signing secret, when the webhook was just created: shown this once."
    )


@strawberry.type
class RotateWebhookSecretSuccess:
    webhook: Webhook
    secret: str = strawberry.field(description="The new signing secret, shown this once.")


@strawberry.type
class DeleteWebhookSuccess:
    webhook_id: strawberry.ID


@strawberry.type
class ResendWebhookDeliverySuccess:
    delivery: WebhookDelivery


@strawberry.type
class UpdateAutomationSettingsSuccess:
    settings: AutomationSettings


@strawberry.input
class UpdateAutomationSettingsInput:
    webhook_allowed_networks: list[str] = strawberry.field(
        description="CIDR networks (10.0.0.0/8, 127.0.0.1) webhooks may reach although private."
    )


SaveWebhookResult = Annotated[SaveWebhookSuccess | _Failure, strawberry.union("SaveWebhookResult")]
RotateWebhookSecretResult = Annotated[
    RotateWebhookSecretSuccess | _Failure, strawberry.union("RotateWebhookSecretResult")
]
DeleteWebhookResult = Annotated[
    DeleteWebhookSuccess | _Failure, strawberry.union("DeleteWebhookResult")
]
ResendWebhookDeliveryResult = Annotated[
    ResendWebhookDeliverySuccess | _Failure, strawberry.union("ResendWebhookDeliveryResult")
]
UpdateAutomationSettingsResult = Annotated[
    UpdateAutomationSettingsSuccess | _Failure, strawberry.union("UpdateAutomationSettingsResult")
]


@strawberry.input
class SaveTriggerInput:
    trigger_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: create a new trigger."
    )
    name: str
    events: list[TriggerEvent]
    conditions: TriggerConditionsInput | None = None
    actions: list[TriggerActionInput]
    is_active: bool = True
    position: int = 0
    idempotency_key: str | None = idempotency_key_field("trigger")


@strawberry.type
class SaveTriggerSuccess:
    trigger: Trigger


@strawberry.type
class SetTriggerActiveSuccess:
    trigger: Trigger


@strawberry.type
class DeleteTriggerSuccess:
    trigger_id: strawberry.ID


SaveTriggerResult = Annotated[SaveTriggerSuccess | _Failure, strawberry.union("SaveTriggerResult")]
SetTriggerActiveResult = Annotated[
    SetTriggerActiveSuccess | _Failure, strawberry.union("SetTriggerActiveResult")
]
DeleteTriggerResult = Annotated[
    DeleteTriggerSuccess | _Failure, strawberry.union("DeleteTriggerResult")
]


@strawberry.type
class SetAutoAssignmentSuccess:
    auto_assignment: AutoAssignment


@strawberry.type
class SetAgentHoursSuccess:
    staff: Staff


SetAutoAssignmentResult = Annotated[
    SetAutoAssignmentSuccess | _Failure, strawberry.union("SetAutoAssignmentResult")
]
SetAgentHoursResult = Annotated[
    SetAgentHoursSuccess | _Failure, strawberry.union("SetAgentHoursResult")
]


@strawberry.type
class AutomationMutation:
    @strawberry.mutation(
        description="Create or change a webhook (admins; partners their own, for their "
        "customers' tickets). The secret is returned once, on creation."
    )
    async def save_webhook(self, info: Info, input: SaveWebhookInput) -> SaveWebhookResult:
        async def run() -> webhooks.SavedWebhook:
            return await webhooks.save_webhook(
                viewer=info.context.viewer,
                webhook_id=decode_optional_id(input.webhook_id, "Webhook", field="webhookId"),
                data=webhooks.WebhookInput(
                    name=input.name,
                    url=input.url,
                    event_kinds=[kind.value for kind in input.event_kinds],
                    is_active=input.is_active,
                    timeout_seconds=input.timeout_seconds,
                ),
            )

        async def load(pk: int) -> webhooks.SavedWebhook:
            return webhooks.SavedWebhook(await models.Webhook.get(id=pk), secret=None)

        return await attempt(
            lambda: create_once(
                info, input, run, load, created_id=lambda saved: int(saved.webhook.id)
            ),
            lambda saved: SaveWebhookSuccess(
                webhook=Webhook.from_model(saved.webhook), secret=saved.secret
            ),
        )

    @strawberry.mutation(
        description="Give a webhook a new secret (shown once); the old one also signs for "
        "MESA_WEBHOOK_PREVIOUS_SECRET_HOURS."
    )
    async def rotate_webhook_secret(
        self, info: Info, webhook_id: strawberry.ID
    ) -> RotateWebhookSecretResult:
        async def run() -> webhooks.SavedWebhook:
            pk = decode_id(webhook_id, "Webhook", field="webhookId")
            return await webhooks.rotate_secret(viewer=info.context.viewer, webhook_id=pk)

        return await attempt(
            run,
            lambda saved: RotateWebhookSecretSuccess(
                webhook=Webhook.from_model(saved.webhook), secret=saved.secret or ""
            ),
        )

    @strawberry.mutation(description="Remove a webhook and its deliveries.")
    async def delete_webhook(self, info: Info, webhook_id: strawberry.ID) -> DeleteWebhookResult:
        async def run() -> int:
            pk = decode_id(webhook_id, "Webhook", field="webhookId")
            return await webhooks.delete_webhook(viewer=info.context.viewer, webhook_id=pk)

        return await attempt(
            run,
            lambda pk: DeleteWebhookSuccess(webhook_id=strawberry.ID(encode_id("Webhook", pk))),
        )

    @strawberry.mutation(description="Send a delivery again now, with the same delivery id.")
    async def resend_webhook_delivery(
        self, info: Info, delivery_id: strawberry.ID
    ) -> ResendWebhookDeliveryResult:
        async def run() -> models.WebhookDelivery:
            pk = decode_id(delivery_id, "WebhookDelivery", field="deliveryId")
            return await webhooks.resend_delivery(viewer=info.context.viewer, delivery_id=pk)

        return await attempt(
            run, lambda row: ResendWebhookDeliverySuccess(delivery=WebhookDelivery.from_model(row))
        )

    @strawberry.mutation(description="Change the desk's automation settings (admins).")
    async def update_automation_settings(
        self, info: Info, input: UpdateAutomationSettingsInput
    ) -> UpdateAutomationSettingsResult:
        async def run() -> models.AutomationSettings:
            return await settings.update_settings(
                viewer=info.context.viewer,
                webhook_allowed_networks=input.webhook_allowed_networks,
            )

        return await attempt(
            run,
            lambda row: UpdateAutomationSettingsSuccess(
                settings=AutomationSettings.from_model(row)
            ),
        )

    @strawberry.mutation(description="Create or change a trigger (admins).")
    async def save_trigger(self, info: Info, input: SaveTriggerInput) -> SaveTriggerResult:
        async def run() -> models.Trigger:
            data = triggers.TriggerInput(
                name=input.name,
                events=list(input.events),
                conditions=(input.conditions or TriggerConditionsInput()).to_domain(),
                actions=[action.to_domain() for action in input.actions],
                is_active=input.is_active,
                position=input.position,
            )
            return await triggers.save_trigger(
                viewer=info.context.viewer,
                trigger_id=decode_optional_id(input.trigger_id, "Trigger", field="triggerId"),
                data=data,
            )

        return await attempt(
            lambda: create_once(info, input, run, lambda pk: models.Trigger.get(id=pk)),
            lambda row: SaveTriggerSuccess(trigger=Trigger.from_model(row)),
        )

    @strawberry.mutation(description="Pause or resume a trigger (admins).")
    async def set_trigger_active(
        self, info: Info, trigger_id: strawberry.ID, is_active: bool
    ) -> SetTriggerActiveResult:
        async def run() -> models.Trigger:
            pk = decode_id(trigger_id, "Trigger", field="triggerId")
            return await triggers.set_trigger_active(
                viewer=info.context.viewer, trigger_id=pk, is_active=is_active
            )

        return await attempt(
            run, lambda row: SetTriggerActiveSuccess(trigger=Trigger.from_model(row))
        )

    @strawberry.mutation(description="Remove a trigger (admins).")
    async def delete_trigger(self, info: Info, trigger_id: strawberry.ID) -> DeleteTriggerResult:
        async def run() -> int:
            pk = decode_id(trigger_id, "Trigger", field="triggerId")
            return await triggers.delete_trigger(viewer=info.context.viewer, trigger_id=pk)

        return await attempt(
            run,
            lambda pk: DeleteTriggerSuccess(trigger_id=strawberry.ID(encode_id("Trigger", pk))),
        )

    @strawberry.mutation(
        description="How a department's new tickets get an agent: OFF, ROUND_ROBIN or "
        "LEAST_OPEN (admins)."
    )
    async def set_auto_assignment(
        self, info: Info, department_id: strawberry.ID, mode: AssignmentMode
    ) -> SetAutoAssignmentResult:
        async def run() -> assignment.DepartmentAssignment:
            pk = decode_id(department_id, "Department", field="departmentId")
            return await assignment.set_auto_assignment(
                viewer=info.context.viewer, department_id=pk, mode=mode
            )

        return await attempt(
            run,
            lambda row: SetAutoAssignmentSuccess(auto_assignment=AutoAssignment.from_domain(row)),
        )

    @strawberry.mutation(
        description="The business calendar an agent works by (null: always); automatic "
        "assignment skips them outside it (admins)."
    )
    async def set_agent_hours(
        self, info: Info, staff_id: strawberry.ID, calendar_id: strawberry.ID | None = None
    ) -> SetAgentHoursResult:
        async def run() -> models.Staff:
            return await assignment.set_agent_hours(
                viewer=info.context.viewer,
                staff_id=decode_id(staff_id, "Staff", field="staffId"),
                calendar_id=decode_optional_id(calendar_id, "BusinessCalendar", field="calendarId"),
            )

        return await attempt(run, lambda row: SetAgentHoursSuccess(staff=Staff.from_model(row)))
