"""Automation queries: webhooks and their deliveries (admins, partners their own), and the
automation settings (admins)."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.automation.trigger_types import Trigger
from api.automation.types import AutoAssignment, AutomationSettings, Webhook, WebhookDelivery
from api.core.context import Info
from api.core.cursors import decode_cursor, to_connection
from api.core.ids import decode_id
from domain.automation import assignment, settings, triggers, webhooks


@strawberry.type
class AutomationQuery:
    @strawberry.field(
        description="The webhooks the viewer manages: admins every one, partners their own."
    )
    async def webhooks(self, info: Info) -> list[Webhook]:
        rows = await webhooks.list_webhooks(viewer=info.context.viewer)
        return [Webhook.from_model(row) for row in rows]

    @strawberry.field(description="A webhook's deliveries, newest first, with their attempts.")
    async def webhook_deliveries(
        self,
        info: Info,
        webhook_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> relay.Connection[WebhookDelivery]:
        page = await webhooks.list_deliveries(
            viewer=info.context.viewer,
            webhook_id=decode_id(webhook_id, "Webhook", field="webhookId"),
            first=first,
            after=decode_cursor(after, "id"),
        )
        return to_connection(page, "id", WebhookDelivery.from_model)

    @strawberry.field(description="The desk's automation settings (admins).")
    async def automation_settings(self, info: Info) -> AutomationSettings:
        row = await settings.read_settings(viewer=info.context.viewer)
        return AutomationSettings.from_model(row)

    @strawberry.field(description="Every trigger, in the order they run (admins).")
    async def triggers(self, info: Info) -> list[Trigger]:
        rows = await triggers.list_triggers(viewer=info.context.viewer)
        return [Trigger.from_model(row) for row in rows]

    @strawberry.field(description="Each active department's automatic assignment (admins).")
    async def auto_assignments(self, info: Info) -> list[AutoAssignment]:
        rows = await assignment.list_auto_assignments(viewer=info.context.viewer)
        return [AutoAssignment.from_domain(row) for row in rows]
