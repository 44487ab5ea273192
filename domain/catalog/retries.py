"""Catalogue creates a client may retry with an idempotency key (domain.idempotency): a
partner's retried addService never gives a customer a second service."""

from __future__ import annotations

from domain.catalog import admin
from domain.idempotency import run_once
from domain.identity.viewer import Viewer
from domain.models import Service


async def add_service(
    *,
    viewer: Viewer | None,
    customer_id: int,
    name: str,
    support_level_id: int,
    idempotency_key: str | None,
) -> Service:
    """addService; with an idempotency key, every call with it yields the first service."""

    async def load(service_id: int) -> Service:
        return await Service.get(id=service_id)

    return await run_once(
        viewer=viewer,
        key=idempotency_key,
        operation="addService",
        inputs={"customer_id": customer_id, "name": name, "support_level_id": support_level_id},
        action=lambda: admin.add_service(
            viewer=viewer, customer_id=customer_id, name=name, support_level_id=support_level_id
        ),
        created_id=lambda service: service.id,
        load=load,
    )
