"""The desk's automation settings (one row), which administrators change through the API."""

from __future__ import annotations

from domain.automation.targets import Network, parse_networks
from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import ValidationFailed
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import AutomationSettings
from domain.uow import unit_of_work

ROW_ID = 1
MAX_NETWORKS = 50


async def current() -> AutomationSettings:
    row = await AutomationSettings.get_or_none(id=ROW_ID)
    return row or AutomationSettings(id=ROW_ID, webhook_allowed_networks="", updated_at=utcnow())


async def allowed_networks() -> list[Network]:
    """Private networks webhooks may reach all the same (none unless an admin allowed some)."""
    try:
        return parse_networks((await current()).webhook_allowed_networks)
    except ValueError:
        return []  # never saved invalid; if edited by hand, allow nothing extra


async def read_settings(*, viewer: Viewer | None) -> AutomationSettings:
    """The settings (admins)."""
    require_admin(viewer)
    return await current()


async def update_settings(
    *, viewer: Viewer | None, webhook_allowed_networks: list[str]
) -> AutomationSettings:
    """Allow webhooks to reach these private or loopback networks (admins, audited)."""
    viewer = require_admin(viewer)
    if len(webhook_allowed_networks) > MAX_NETWORKS:
        raise ValidationFailed(
            f"Allow at most {MAX_NETWORKS} networks.", field="webhookAllowedNetworks"
        )
    try:
        networks = parse_networks(",".join(webhook_allowed_networks))
    except ValueError as error:
        raise ValidationFailed(
            f"{error} is not a network (write it like 10.0.0.0/8 or 127.0.0.1).",
            field="webhookAllowedNetworks",
        ) from error
    text = ",".join(str(network) for network in networks)
    async with unit_of_work() as uow:
        before = await current()
        row, _ = await AutomationSettings.update_or_create(
            id=ROW_ID,
            defaults={"webhook_allowed_networks": text, "updated_at": utcnow()},
            using_db=uow.connection,
        )
        await audit.record(
            uow.connection,
            actor=viewer,
            action="automation_settings.update",
            entity="automation_settings",
            entity_id=ROW_ID,
            before={"webhook_allowed_networks": before.webhook_allowed_networks},
            after={"webhook_allowed_networks": text},
        )
    return row
