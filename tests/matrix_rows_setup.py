"""The authorization matrix's rows for setting up an install: the catalogue mutations, the
staff, partner and audit lists, and staff password recovery."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from domain.models import Category, Department, SupportLevel
from tests.matrix_rows import ADMIN, ALL, STAFF, Case, R, found, n3_level, nothing
from tests.matrix_world import World, unique


async def _new_level(_: World) -> dict[str, Any]:
    return {
        "input": {
            "code": unique("L").upper(),
            "name": "Nivel nuevo",
            "rank": 9,
            "channels": [{"channel": "WEB"}],
            "monthlyPrice": "19.99",
            "currency": "USD",
        }
    }


async def _n3_and_its_calendar(_: World) -> dict[str, Any]:
    level = await SupportLevel.get(code="N3")
    assert level.calendar_id is not None
    return {
        "l": encode_id("SupportLevel", level.id),
        "c": encode_id("BusinessCalendar", level.calendar_id),
    }


async def _general_department(_: World) -> dict[str, Any]:
    return {"d": encode_id("Department", (await Department.get(code="GENERAL")).id)}


async def _how_to_category(_: World) -> dict[str, Any]:
    return {"c": encode_id("Category", (await Category.get(code="how_to")).id)}


async def _nobody(_: World) -> dict[str, Any]:
    return {"e": f"{unique('nobody')}@mesa.example"}


SETUP_ROWS: dict[str, list[Case]] = {
    "staff": [Case("{ staff { id name } }", STAFF, nothing, found(lambda d: len(d["staff"]) > 0))],
    "partners": [
        Case("{ partners { id keys { prefix } } }", ADMIN, nothing, found(lambda d: True))
    ],
    "auditLog": [
        Case(
            "{ auditLog(first: 5) { edges { node { action actorName } } } }",
            ADMIN,
            nothing,
            found(lambda d: True),
        )
    ],
    "createSupportLevel": [
        Case(
            "mutation($input: CreateSupportLevelInput!) "
            f"{{ createSupportLevel(input: $input) {R} }}",
            ADMIN,
            _new_level,
        )
    ],
    "setSupportLevelCalendar": [
        Case(
            "mutation($l: ID!, $c: ID) "
            f"{{ setSupportLevelCalendar(supportLevelId: $l, calendarId: $c) {R} }}",
            ADMIN,
            _n3_and_its_calendar,
        )
    ],
    "setSupportLevelActive": [
        Case(
            "mutation($l: ID!) "
            f"{{ setSupportLevelActive(supportLevelId: $l, isActive: true) {R} }}",
            ADMIN,
            lambda w: n3_level(),
        )
    ],
    "setDepartmentActive": [
        Case(
            f"mutation($d: ID!) {{ setDepartmentActive(departmentId: $d, isActive: true) {R} }}",
            ADMIN,
            _general_department,
        )
    ],
    "setCategoryActive": [
        Case(
            f"mutation($c: ID!) {{ setCategoryActive(categoryId: $c, isActive: true) {R} }}",
            ADMIN,
            _how_to_category,
        )
    ],
    "requestStaffPasswordReset": [
        Case(
            f"mutation($e: String!) {{ requestStaffPasswordReset(email: $e) {R} }}",
            ALL,
            _nobody,
        )
    ],
}
