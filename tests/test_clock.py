"""The one clock (domain.clock): a moment held by a task while time goes on elsewhere."""

from __future__ import annotations

import asyncio

from domain.clock import clock, utcnow


async def test_both_paths_of_a_differential_run_see_one_moment() -> None:
    """What depends on the time (an SLA's remaining seconds) must not tick between the two
    runs the suite compares: inside `clock.held()` (and the tasks it starts) time stands."""
    with clock.held():
        first = utcnow()
        await asyncio.sleep(0.01)
        inside = await asyncio.create_task(_now())
        assert utcnow() == first == inside
    await asyncio.sleep(0.01)
    assert utcnow() > first


async def _now() -> object:
    return utcnow()
