"""Triggers as administrators manage them: list, save, pause or resume, delete (audited)."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.automation.rules import Action, Conditions, TriggerEvent, clean_action, clean_conditions
from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import NotFound, ValidationFailed
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import Trigger
from domain.uow import unit_of_work

NAME_MAX = 100
ACTIONS_MAX = 20
FIELDS = ("name", "is_active", "position", "events", "conditions", "actions")


@dataclass(frozen=True)
class TriggerInput:
    name: str
    events: list[TriggerEvent]
    actions: list[Action]
    conditions: Conditions = field(default_factory=Conditions)
    is_active: bool = True
    position: int = 0


async def list_triggers(*, viewer: Viewer | None) -> list[Trigger]:
    """Every trigger, in the order they run (admins)."""
    require_admin(viewer)
    return await Trigger.all().order_by("position", "id")


async def save_trigger(
    *, viewer: Viewer | None, trigger_id: int | None, data: TriggerInput
) -> Trigger:
    """Create or change a trigger (admins)."""
    viewer = require_admin(viewer)
    name = " ".join(data.name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Give the trigger a name of up to {NAME_MAX} characters.", field="name"
        )
    if not data.events:
        raise ValidationFailed("Choose the events that fire the trigger.", field="events")
    if not 1 <= len(data.actions) <= ACTIONS_MAX:
        raise ValidationFailed(f"Give 1 to {ACTIONS_MAX} actions.", field="actions")
    if not -1000 <= data.position <= 1000:
        raise ValidationFailed("Choose a position from -1000 to 1000.", field="position")
    values = {
        "name": name,
        "is_active": data.is_active,
        "position": data.position,
        "events": sorted({event.value for event in data.events}),
        "conditions": await clean_conditions(data.conditions),
        "actions": [await clean_action(action) for action in data.actions],
    }
    async with unit_of_work() as uow:
        trigger = await audit.save_audited(
            uow.connection,
            viewer,
            Trigger,
            trigger_id,
            values,
            audited=FIELDS,
            entity="trigger",
            missing=NotFound("Trigger not found.", field="triggerId"),
        )
    return trigger


async def set_trigger_active(*, viewer: Viewer | None, trigger_id: int, is_active: bool) -> Trigger:
    """Pause or resume a trigger (admins)."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        trigger = await Trigger.filter(id=trigger_id).using_db(uow.connection).first()
        if trigger is None:
            raise NotFound("Trigger not found.", field="triggerId")
        if trigger.is_active != is_active:
            await (
                Trigger.filter(id=trigger_id)
                .using_db(uow.connection)
                .update(is_active=is_active, updated_at=utcnow())
            )
            await audit.record(
                uow.connection,
                actor=viewer,
                action="trigger.update",
                entity="trigger",
                entity_id=trigger_id,
                before={"is_active": trigger.is_active},
                after={"is_active": is_active},
            )
            trigger.is_active = is_active
    return trigger


async def delete_trigger(*, viewer: Viewer | None, trigger_id: int) -> int:
    """Remove a trigger and its run records (admins); returns its id."""
    viewer = require_admin(viewer)
    async with unit_of_work() as uow:
        trigger = await Trigger.filter(id=trigger_id).using_db(uow.connection).first()
        if trigger is None:
            raise NotFound("Trigger not found.", field="triggerId")
        await audit.record(
            uow.connection,
            actor=viewer,
            action="trigger.delete",
            entity="trigger",
            entity_id=trigger_id,
            before=audit.snapshot(trigger, FIELDS),
            after=None,
        )
        await Trigger.filter(id=trigger_id).using_db(uow.connection).delete()
    return trigger_id
