"""A compiled plan's walk (api.core.plan_walk) leaves no coroutine of a resolver unclosed,
however the request that started it ends."""

from __future__ import annotations

import gc
import warnings

from graphql import parse
from starlette.requests import Request

from api.core import plan_walk
from api.core.compiled import PLANS, CompiledExecutor
from api.core.context import Context
from api.schema import schema
from bench.api_requests import PAGE


def _walk_started() -> tuple[object, CompiledExecutor]:
    """A page's walk begun, as the compiled path begins it: its resolvers' coroutines made,
    none started; its awaitable."""
    request = Request({"type": "http", "headers": [], "client": ("127.0.0.1", 50000)})
    executor = CompiledExecutor.build(
        schema._schema, parse(PAGE), context_value=Context(request=request, viewer=None)
    )
    assert isinstance(executor, CompiledExecutor), executor
    plan = PLANS.get(executor)
    assert plan is not None
    walk = plan_walk.run(plan, executor)
    assert hasattr(walk, "__await__")
    return walk, executor


def test_a_walk_dropped_before_it_starts_closes_its_resolvers_coroutines() -> None:
    # Given a walk begun, whose awaitable never runs: a task cancelled before its first step
    # throws into it, which closes it without running its body
    walk, executor = _walk_started()

    # When it is dropped, and the garbage collector has run
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        walk.close()  # type: ignore[attr-defined]
        del walk, executor
        gc.collect()

    # Then no coroutine it made warns that it was never awaited
    unawaited = [str(w.message) for w in caught if "never awaited" in str(w.message)]
    assert unawaited == []
