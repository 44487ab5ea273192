"""The authorization matrix's rows for setting up an install: the catalogue mutations, the
staff, partner and audit lists, and staff password recovery."""

from __future__ import annotations

from typing import Any

from tests.matrix_rows import ALL, Case, R
from tests.matrix_world import World, unique


async def _nobody(_: World) -> dict[str, Any]:
    return {"e": f"{unique('nobody')}@mesa.example"}


SETUP_ROWS: dict[str, list[Case]] = {
    "requestStaffPasswordReset": [
        Case(
            f"mutation($e: String!) {{ requestStaffPasswordReset(email: $e) {R} }}",
            ALL,
            _nobody,
        )
    ],
}
