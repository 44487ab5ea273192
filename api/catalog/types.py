"""Reference data types: support levels and their targets, departments, categories."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay

from api.core.context import Info
from api.core.enums import Channel, ChannelCondition, Impact, SlaClock
from domain import models
from domain.catalog.entitlements import condition_of


@strawberry.type(description="A response promise of a support level for one impact.")
class SlaTarget:
    impact: Impact
    clock: SlaClock
    first_response_expected_minutes: int
    first_response_due_minutes: int
    resolution_due_minutes: int | None

    @classmethod
    def from_model(cls, row: models.SlaTarget) -> Self:
        return cls(
            impact=row.impact,
            clock=row.clock,
            first_response_expected_minutes=row.first_response_expected_minutes,
            first_response_due_minutes=row.first_response_due_minutes,
            resolution_due_minutes=row.resolution_due_minutes,
        )


@strawberry.type(description="A channel a support level includes, and when it is open.")
class ChannelRule:
    channel: Channel
    condition: ChannelCondition


@strawberry.type(description="Nivel 1, 2 or 3: channels and response times of a service.")
class SupportLevel(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    description: str
    rank: int
    channels: list[Channel]
    channel_conditions: list[ChannelRule] = strawberry.field(
        description="Each included channel and when it is open (business hours on the "
        "level's calendar, or only about an existing ticket)."
    )

    @strawberry.field
    async def targets(self, info: Info) -> list[SlaTarget]:
        rows = await info.context.loaders.targets_by_support_level_id.load(self.id)
        return [SlaTarget.from_model(row) for row in rows]

    @classmethod
    def from_model(cls, row: models.SupportLevel) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            description=row.description,
            rank=row.rank,
            channels=[models.Channel(c) for c in row.channels],
            channel_conditions=[
                ChannelRule(channel=channel, condition=condition)
                for channel in map(models.Channel, row.channels)
                if (condition := condition_of(row, channel)) is not None
            ],
        )


@strawberry.type
class Department(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    name_es: str

    @classmethod
    def from_model(cls, row: models.Department) -> Self:
        return cls(id=row.id, code=row.code, name=row.name, name_es=row.name_es)


@strawberry.type(description="A case type; it carries the impact a ticket starts with.")
class Category(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    name_es: str
    default_impact: Impact
    department_pk: strawberry.Private[int]

    @strawberry.field
    async def department(self, info: Info) -> Department:
        row = await info.context.loaders.department_by_id.load(self.department_pk)
        assert row is not None
        return Department.from_model(row)

    @classmethod
    def from_model(cls, row: models.Category) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            name_es=row.name_es,
            default_impact=row.default_impact,
            department_pk=row.department_id,
        )
