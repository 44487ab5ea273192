"""Apply a catalogue file (custom fields included) in one transaction: create what is
missing, change what differs, never delete (deactivate with `active = false`); every change
is audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from domain.catalog import audit
from domain.catalog.config_file import Catalogue, TargetSpec
from domain.clock import utcnow
from domain.models import (
    BusinessCalendar,
    CalendarHoliday,
    Category,
    CustomField,
    Department,
    SlaTarget,
    SupportLevel,
)

CLI_ACTOR = "mesa apply-config"


@dataclass(frozen=True)
class Change:
    entity: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any]

    def __str__(self) -> str:
        if self.before is None:
            return f"+ {self.entity} {self.key}"
        details = "; ".join(
            f"{name}: {self.before.get(name)!r} -> {value!r}" for name, value in self.after.items()
        )
        return f"~ {self.entity} {self.key}: {details}"


class _DryRun(Exception):
    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes


async def apply_catalogue(
    catalogue: Catalogue,
    *,
    dry_run: bool = False,
    actor: str = CLI_ACTOR,
    connection: BaseDBAsyncClient | None = None,
) -> list[Change]:
    """Bring the database to the catalogue; the changes made (or, dry, that would be made)."""
    if connection is not None:
        return await _Applier(connection, actor).run(catalogue)
    try:
        async with in_transaction() as transaction:
            changes = await _Applier(transaction, actor).run(catalogue)
            if dry_run:
                # Running the real thing and rolling it back shows exactly what a run would do.
                raise _DryRun(changes)
    except _DryRun as rolled_back:
        return rolled_back.changes
    return changes


class _Applier:
    def __init__(self, connection: BaseDBAsyncClient, actor: str) -> None:
        self.connection = connection
        self.actor = actor
        self.changes: list[Change] = []

    async def run(self, catalogue: Catalogue) -> list[Change]:
        calendars: dict[str, int] = {}
        for calendar in catalogue.calendars:
            row = await self.upsert(
                BusinessCalendar,
                "calendar",
                {"name": calendar.name},
                {
                    "timezone": calendar.timezone,
                    "weekly_hours": calendar.weekly_hours,
                    "holiday_country": calendar.holiday_country,
                },
            )
            calendars[calendar.name] = row.pk
            for day, name in (calendar.extra_holidays or {}).items():
                await self.upsert(
                    CalendarHoliday,
                    "holiday",
                    {"calendar_id": row.pk, "date": day},
                    {"name": name},
                    key=f"{calendar.name} {day.isoformat()}",
                )
        for level in catalogue.support_levels:
            row = await self.upsert(
                SupportLevel,
                "support level",
                {"code": level.code},
                {
                    "name": level.name,
                    "rank": level.rank,
                    "description": level.description,
                    "calendar_id": calendars.get(level.calendar or ""),
                    "monthly_price": level.monthly_price,
                    "currency": level.currency,
                    "channels": level.channels,
                    "channel_conditions": level.channel_conditions,
                    "is_active": level.active,
                },
            )
            for target in level.targets:
                await self.target(row.pk, level.code, target)
        departments: dict[str, int] = {}
        for department in catalogue.departments:
            row = await self.upsert(
                Department,
                "department",
                {"code": department.code},
                {
                    "name": department.name,
                    "name_es": department.name_es,
                    "is_active": department.active,
                },
            )
            departments[department.code] = row.pk
        # Each category's id and its department's.
        categories: dict[str, tuple[int, int]] = {}
        for category in catalogue.categories:
            row = await self.upsert(
                Category,
                "category",
                {"code": category.code},
                {
                    "department_id": departments[category.department],
                    "name": category.name,
                    "name_es": category.name_es,
                    "default_impact": category.default_impact,
                    "is_active": category.active,
                },
            )
            categories[category.code] = (row.pk, departments[category.department])
        for spec in catalogue.custom_fields:
            placed = categories.get(spec.category or "")
            now = utcnow()
            await self.upsert(
                CustomField,
                "custom field",
                {"key": spec.key},
                {
                    "field_type": spec.field_type,
                    "label_es": spec.label_es,
                    "label_en": spec.label_en,
                    "help_es": spec.help_es,
                    "help_en": spec.help_en,
                    "options": spec.options,
                    # A category implies its department, as saveCustomField keeps it.
                    "department_id": placed[1]
                    if placed
                    else departments.get(spec.department or ""),
                    "category_id": placed[0] if placed else None,
                    "is_required": spec.required,
                    "visibility": spec.visibility,
                    "position": spec.position,
                    "is_active": spec.active,
                },
                created={"created_at": now, "updated_at": now},
            )
        return self.changes

    async def target(self, level_id: int, level_code: str, target: TargetSpec) -> None:
        await self.upsert(
            SlaTarget,
            "target",
            {"support_level_id": level_id, "impact": target.impact},
            {
                "clock": target.clock,
                "first_response_expected_minutes": target.expected_minutes,
                "first_response_due_minutes": target.due_minutes,
                "resolution_due_minutes": target.resolution_due_minutes,
            },
            key=f"{level_code} {target.impact.value}",
        )

    async def upsert(
        self,
        model: type[Model],
        entity: str,
        lookup: dict[str, Any],
        values: dict[str, Any],
        *,
        key: str | None = None,
        created: dict[str, Any] | None = None,
    ) -> Model:
        """The row found by `lookup`, created or changed to `values`, the change recorded;
        `created` are columns set only when the row is new (its timestamps)."""
        label = key or str(next(iter(lookup.values())))
        row = await model.filter(**lookup).using_db(self.connection).first()
        wanted = audit.plain(values)
        if row is None:
            row = await model.create(
                **lookup, **values, **(created or {}), using_db=self.connection
            )
            self.changes.append(Change(entity, label, None, wanted))
            await self.audit(entity, row.pk, None, {**audit.plain(lookup), **wanted})
            return row
        before = audit.snapshot(row, tuple(values))
        differing = {name for name in values if before[name] != wanted[name]}
        if not differing:
            return row
        await (
            model.filter(pk=row.pk)
            .using_db(self.connection)
            .update(**{name: values[name] for name in differing})
        )
        old = {name: before[name] for name in sorted(differing)}
        new = {name: wanted[name] for name in sorted(differing)}
        self.changes.append(Change(entity, label, old, new))
        await self.audit(entity, row.pk, old, new)
        return row

    async def audit(
        self,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any],
    ) -> None:
        await audit.record(
            self.connection,
            actor=self.actor,
            action=f"{entity.replace(' ', '_')}.{'create' if before is None else 'update'}",
            entity=entity.replace(" ", "_"),
            entity_id=entity_id,
            before=before,
            after=after,
        )
