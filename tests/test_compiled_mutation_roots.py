"""A mutation's root fields run by api.core.compiled (`_mutation`) as graphql-core's
execute_operation runs them: one after the other, a resolver's error located at its field, a
null in a nullable field, and in a non-null one the whole data null and no later field run.

A schema of its own, whose resolvers write to a log, lets Hypothesis make any sequence of
fields (sync and async, answering or raising, nullable or not, aliased); each operation runs
with the compiled path and with graphql-core's, and the data, the errors with their paths and
the log of the resolvers run must be the same."""

from __future__ import annotations

import logging

import pytest
import strawberry
from hypothesis import given, settings
from hypothesis import strategies as st

from api.core import compiled
from api.core.compiled import CompiledExecutor

run: list[str] = []


@strawberry.type
class Query:
    ok: int = 1


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def add(self, n: int) -> int:
        run.append(f"add {n}")
        return len(run)

    @strawberry.mutation
    def add_sync(self, n: int) -> int:
        run.append(f"add_sync {n}")
        return len(run)

    @strawberry.mutation
    async def fail(self) -> int:
        run.append("fail")
        raise ValueError("no / no")

    @strawberry.mutation
    def fail_sync(self) -> int:
        run.append("fail_sync")
        raise ValueError("sync no")

    @strawberry.mutation
    async def maybe(self) -> int | None:
        run.append("maybe")
        raise ValueError("maybe no")

    @strawberry.mutation
    def maybe_sync(self) -> int | None:
        run.append("maybe_sync")
        raise ValueError("maybe sync no")


schema = strawberry.Schema(query=Query, mutation=Mutation, execution_context_class=CompiledExecutor)
fields = st.sampled_from(
    ["add(n: 1)", "addSync(n: 2)", "fail", "failSync", "maybe", "maybeSync", "__typename"]
)


async def _both(document: str) -> list[tuple[object, ...]]:
    outcomes: list[tuple[object, ...]] = []
    for on in (True, False):
        compiled.enabled = on
        run.clear()
        before = compiled.direct_mutations
        try:
            result = await schema.execute(document)
        finally:
            compiled.enabled = True
        errors = [(error.message, error.path) for error in result.errors or []]
        outcomes.append((result.data, errors, list(run), compiled.direct_mutations - before))
    return outcomes


@pytest.fixture(autouse=True)
def quiet_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="strawberry.execution")


@settings(max_examples=150, deadline=None)
@given(chosen=st.lists(fields, min_size=1, max_size=5))
async def test_any_root_fields_run_as_graphql_core_runs_them(chosen: list[str]) -> None:
    document = "mutation { " + " ".join(f"f{i}: {field}" for i, field in enumerate(chosen)) + " }"
    ours, theirs = await _both(document)
    assert ours[:3] == theirs[:3], document
    assert (ours[3], theirs[3]) == (1, 0)  # the compiled path ran the first


async def test_a_non_null_field_failing_nulls_the_data_and_stops_the_fields_after_it() -> None:
    ours, theirs = await _both("mutation { a: add(n: 1) f: fail b: add(n: 3) }")
    assert ours[:3] == theirs[:3] == (None, [("no / no", ["f"])], ["add 1", "fail"])
