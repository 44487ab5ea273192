"""Reference data types: support levels and their targets, business calendars, departments,
categories."""
# mypy: disable-error-code="empty-body"
# (fields declared with api.core.relations.relation have no body of their own)

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Self

import strawberry
from strawberry import relay

from api.core.columns import Columns, from_columns
from api.core.context import Info
from api.core.enums import Channel, ChannelCondition, Impact, SlaClock
from api.core.relations import relation
from domain import models
from domain.catalog.entitlements import condition_of


@strawberry.input
class ChannelRuleInput:
    channel: Channel
    condition: ChannelCondition = ChannelCondition.ALWAYS


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
    monthly_price: Decimal | None = strawberry.field(
        description="What the level costs a month, before taxes; null when not priced."
    )
    currency: str | None = strawberry.field(description="ISO 4217 code of the price.")
    is_active: bool = strawberry.field(description="False: retired, offered to no new service.")
    calendar_pk: strawberry.Private[int | None]

    @strawberry.field(description="Where business-hours targets are counted; null: none.")
    async def calendar(self, info: Info) -> BusinessCalendar | None:
        if self.calendar_pk is None:
            return None
        row = await info.context.loaders.calendar_by_id.load(self.calendar_pk)
        return None if row is None else BusinessCalendar.from_model(row)

    @strawberry.field
    @relation("targets_by_support_level_id", by="id", build=SlaTarget.from_model, many=True)
    async def targets(self, info: Info) -> list[SlaTarget]: ...

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
            monthly_price=row.monthly_price,
            currency=row.currency,
            is_active=row.is_active,
            calendar_pk=row.calendar_id,
        )


@strawberry.type
class Department(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    name_es: str
    is_active: bool
    signature_es_value: strawberry.Private[str | None] = None
    signature_en_value: strawberry.Private[str | None] = None

    @strawberry.field(description="Appended to emailed replies in Spanish (staff only).")
    def signature_es(self, info: Info) -> str | None:
        viewer = info.context.viewer
        return self.signature_es_value if viewer is not None and viewer.is_staff else None

    @strawberry.field(description="Appended to emailed replies in English (staff only).")
    def signature_en(self, info: Info) -> str | None:
        viewer = info.context.viewer
        return self.signature_en_value if viewer is not None and viewer.is_staff else None

    COLUMNS: ClassVar[Columns] = Columns(
        "code",
        "name",
        "name_es",
        "is_active",
        signature_es_value="signature_es",
        signature_en_value="signature_en",
    )

    @classmethod
    @from_columns
    def from_model(cls, row: models.Department) -> Self:
        return cls.COLUMNS.build(cls, row)


@strawberry.type(description="A case type; it carries the impact a ticket starts with.")
class Category(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    name_es: str
    default_impact: Impact
    is_active: bool
    department_pk: strawberry.Private[int]

    @strawberry.field
    @relation("department_by_id", by="department_pk", build=Department.from_model)
    async def department(self, info: Info) -> Department: ...

    COLUMNS: ClassVar[Columns] = Columns(
        "code", "name", "name_es", "default_impact", "is_active", department_pk="department_id"
    )

    @classmethod
    @from_columns
    def from_model(cls, row: models.Category) -> Self:
        return cls.COLUMNS.build(cls, row)


@strawberry.type(description="One opening window of a weekday, in the calendar's local time.")
class OpeningWindow:
    weekday: int = strawberry.field(description="0 = Monday ... 6 = Sunday.")
    start: str = strawberry.field(description="HH:MM, local time.")
    end: str = strawberry.field(description="HH:MM, local time; 00:00 means midnight.")


@strawberry.type(description="A custom date a calendar is closed on.")
class CalendarHoliday:
    date: date
    name: str


@strawberry.type(description="Opening hours of a support team, minus its holidays.")
class BusinessCalendar(relay.Node):
    id: relay.NodeID[int]
    name: str
    timezone: str
    holiday_country: str | None
    weekly_hours: list[OpeningWindow]

    @strawberry.field(description="Custom holidays (the country's public ones are implied).")
    async def holidays(self) -> list[CalendarHoliday]:
        rows = await models.CalendarHoliday.filter(calendar_id=self.id).order_by("date")
        return [CalendarHoliday(date=row.date, name=row.name) for row in rows]

    @classmethod
    def from_model(cls, row: models.BusinessCalendar) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            timezone=row.timezone,
            holiday_country=row.holiday_country,
            weekly_hours=[
                OpeningWindow(weekday=int(day), start=start, end=end)
                for day, windows in sorted(row.weekly_hours.items())
                for start, end in windows
            ],
        )
