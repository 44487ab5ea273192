"""The schema runs its extensions' hooks through api.core.extension_hooks, which looks each
class's hooks up once: every kind of hook Strawberry accepts (generator, async generator,
plain function, coroutine function) is entered and left in the same order, sees the same
errors and gives the same results as through Strawberry's own runner."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

from api.core.extension_hooks import ExtensionHooks
from api.core.schema import MesaSchema
from api.schema import schema

Log = list[str]


class Generators(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        log(self).append("operation in")
        yield
        errors = getattr(self.execution_context.result, "errors", None)
        log(self).append(f"operation out, errors: {bool(errors)}")

    def on_execute(self) -> Iterator[None]:
        log(self).append("execute in")
        yield
        log(self).append("execute out")

    def get_results(self) -> dict[str, Any]:
        return {"generators": len(log(self))}


class AsyncGenerators(SchemaExtension):
    async def on_parse(self) -> AsyncIterator[None]:
        log(self).append("parse in")
        yield
        log(self).append("parse out")

    async def on_execute(self) -> AsyncIterator[None]:
        log(self).append("async execute in")
        yield
        log(self).append("async execute out")

    async def get_results(self) -> dict[str, Any]:
        return {"asyncGenerators": True}


class Plain(SchemaExtension):
    def on_validate(self) -> None:  # type: ignore[override]
        log(self).append("validate (plain)")

    def on_operation(self) -> None:  # type: ignore[override]
        log(self).append("operation (plain)")
        if self.execution_context.variables and self.execution_context.variables.get("stop"):
            raise ValueError("refused before the operation")  # in a stage of plain hooks


class Coroutines(SchemaExtension):
    async def on_validate(self) -> None:  # type: ignore[override]
        log(self).append("validate (coroutine)")

    async def on_execute(self) -> None:  # type: ignore[override]
        log(self).append("execute (coroutine)")
        if self.execution_context.variables and self.execution_context.variables.get("refuse"):
            raise ValueError("refused by a hook")


class Defaults(SchemaExtension):
    """Keeps every default hook and get_results: never called."""


def log(extension: SchemaExtension) -> Log:
    trail: Log = extension.execution_context.context["log"]
    return trail


@strawberry.type
class Query:
    @strawberry.field
    def hello(self, fail: bool = False) -> str:
        if fail:
            raise ValueError("a resolver failed")
        return "hola"


class StrawberrysRunner(MesaSchema):
    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return SchemaExtensionsRunner(execution_context=execution_context, extensions=extensions)


EXTENSIONS = [Generators, AsyncGenerators, Plain, Coroutines, Defaults]


async def run(schema_class: type[MesaSchema], query: str, variables: dict[str, Any]) -> Any:
    built = schema_class(query=Query, extensions=EXTENSIONS)
    trail: Log = []
    result = await built.execute(query, variable_values=variables, context_value={"log": trail})
    return trail, result.data, [e.message for e in result.errors or []], result.extensions


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ hello }", {}),
        ("query($f: Boolean!) { hello(fail: $f) }", {"f": True}),
        ("query($refuse: Boolean!) { hello @include(if: $refuse) }", {"refuse": True}),
        ("query($stop: Boolean!) { hello @include(if: $stop) }", {"stop": True}),
        ("{ nope }", {}),
        ("{ hello", {}),
    ],
    ids=["answered", "resolver error", "hook error", "plain hook error", "invalid", "unparsable"],
)
async def test_hooks_run_as_through_strawberrys_runner(
    query: str, variables: dict[str, Any]
) -> None:
    ours = await run(MesaSchema, query, variables)
    theirs = await run(StrawberrysRunner, query, variables)
    assert ours == theirs
    assert ours[0][:2] == ["operation in", "operation (plain)"]


async def test_the_schema_runs_its_extensions_through_the_hooks_looked_up_once() -> None:
    seen: list[SchemaExtensionsRunner] = []
    create = schema.create_extensions_runner

    def recording(context: ExecutionContext, extensions: list[SchemaExtension]) -> Any:
        seen.append(create(context, extensions))
        return seen[-1]

    schema.create_extensions_runner = recording  # type: ignore[method-assign,assignment]
    try:
        result = await schema.execute("{ __typename }", context_value={})
    finally:
        del schema.create_extensions_runner
    assert result.data == {"__typename": "Query"}
    assert [type(runner) for runner in seen] == [ExtensionHooks]
