"""What a catalogue file describes, as plain values, and how a bad file is reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.models import CustomFieldType, CustomFieldVisibility, Impact, SlaClock


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ConfigInvalid(Exception):
    """The file cannot be applied; `problems` names every one, in line order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class CalendarSpec:
    name: str
    timezone: str
    weekly_hours: dict[str, list[list[str]]]
    holiday_country: str | None
    # None: the file does not manage the calendar's own holidays.
    extra_holidays: dict[date, str] | None


@dataclass(frozen=True)
class TargetSpec:
    impact: Impact
    clock: SlaClock
    expected_minutes: int
    due_minutes: int
    resolution_due_minutes: int | None


@dataclass(frozen=True)
class LevelSpec:
    code: str
    name: str
    rank: int
    description: str
    calendar: str | None
    monthly_price: Decimal | None
    currency: str | None
    channels: list[str]
    channel_conditions: dict[str, str]
    targets: list[TargetSpec]
    active: bool


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    name_es: str
    active: bool


@dataclass(frozen=True)
class CategorySpec:
    code: str
    department: str
    name: str
    name_es: str
    default_impact: Impact
    active: bool


@dataclass(frozen=True)
class CustomFieldSpec:
    key: str
    field_type: CustomFieldType
    label_es: str
    label_en: str
    help_es: str
    help_en: str
    options: list[dict[str, str]]
    department: str | None  # a department's code
    category: str | None  # a category's code
    required: bool
    visibility: CustomFieldVisibility
    position: int
    active: bool


@dataclass(frozen=True)
class Catalogue:
    calendars: list[CalendarSpec] = field(default_factory=list)
    support_levels: list[LevelSpec] = field(default_factory=list)
    departments: list[DepartmentSpec] = field(default_factory=list)
    categories: list[CategorySpec] = field(default_factory=list)
    custom_fields: list[CustomFieldSpec] = field(default_factory=list)
