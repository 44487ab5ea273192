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
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
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


class Exploding(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        yield
        if self.execution_context.variables and self.execution_context.variables.get("explode"):
            raise ValueError("failed on the way out")


class Catching(SchemaExtension):
    """Handles an error thrown into it: swallows it, or raises another in its place."""

    def on_operation(self) -> Iterator[None]:
        try:
            yield
        except ValueError as error:
            log(self).append(f"caught: {error}")
            if (self.execution_context.variables or {}).get("replace"):
                raise KeyError("replaced") from error


class AsyncCatching(SchemaExtension):
    """Sees every error that reaches it; swallows a KeyError, or replaces it."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        except Exception as error:
            log(self).append(f"async saw: {error!r}")
            if not isinstance(error, KeyError):
                raise
            if (self.execution_context.variables or {}).get("again"):
                raise LookupError("replaced again") from error
        finally:
            log(self).append("async operation out")


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


EXTENSIONS = [AsyncCatching, Catching, Generators, AsyncGenerators, Plain, Coroutines]
EXTENSIONS += [Exploding, Defaults]


async def run(schema_class: type[MesaSchema], query: str, variables: dict[str, Any]) -> Any:
    built = schema_class(query=Query, extensions=EXTENSIONS)
    trail: Log = []
    try:
        result = await built.execute(query, variable_values=variables, context_value={"log": trail})
    except Exception as error:  # what escapes Strawberry's execute escapes both ways
        context = error.__context__
        return trail, "raised", type(error).__name__, str(error), type(context).__name__
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
        ("query($explode: Boolean!) { hello @include(if: $explode) }", {"explode": True}),
        (
            "query($explode: Boolean!, $replace: Boolean!) "
            "{ a: hello @include(if: $explode) b: hello @include(if: $replace) }",
            {"explode": True, "replace": True},
        ),
        (
            "query($explode: Boolean!, $replace: Boolean!, $again: Boolean!) "
            "{ a: hello @include(if: $explode) b: hello @include(if: $replace) "
            "c: hello @include(if: $again) }",
            {"explode": True, "replace": True, "again": True},
        ),
        ("mutation { hello }", {}),
    ],
    ids=[
        "answered",
        "resolver error",
        "hook error",
        "plain hook error",
        "invalid",
        "unparsable",
        "error swallowed by a hook",
        "error replaced by a hook",
        "error replaced by an async hook",
        "no such operation type",
    ],
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


SYNC_EXTENSIONS = [Catching, Generators, Plain, Exploding, Defaults]


def run_sync(schema_class: type[MesaSchema], query: str, variables: dict[str, Any]) -> Any:
    # graphql-core's own executor: a compiled query in differential mode is always async.
    built = schema_class(
        query=Query,
        extensions=SYNC_EXTENSIONS,
        execution_context_class=StrawberryGraphQLCoreExecutionContext,
    )
    trail: Log = []
    try:
        result = built.execute_sync(query, variable_values=variables, context_value={"log": trail})
    except Exception as error:
        return trail, "raised", type(error).__name__, str(error)
    return trail, result.data, [e.message for e in result.errors or []], result.extensions


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ hello }", {}),
        ("query($f: Boolean!) { hello(fail: $f) }", {"f": True}),
        ("query($stop: Boolean!) { hello @include(if: $stop) }", {"stop": True}),
        ("query($explode: Boolean!) { hello @include(if: $explode) }", {"explode": True}),
        (
            "query($explode: Boolean!, $replace: Boolean!) "
            "{ a: hello @include(if: $explode) b: hello @include(if: $replace) }",
            {"explode": True, "replace": True},
        ),
    ],
    ids=["answered", "resolver error", "plain hook error", "swallowed", "replaced"],
)
def test_sync_execution_runs_the_hooks_as_strawberrys_runner(
    query: str, variables: dict[str, Any]
) -> None:
    assert run_sync(MesaSchema, query, variables) == run_sync(StrawberrysRunner, query, variables)


def test_an_async_hook_refuses_sync_execution_as_strawberrys_runner_does() -> None:
    raised = []
    for schema_class in (MesaSchema, StrawberrysRunner):
        built = schema_class(
            query=Query,
            extensions=EXTENSIONS,
            execution_context_class=StrawberryGraphQLCoreExecutionContext,
        )
        with pytest.raises(RuntimeError) as error:
            built.execute_sync("{ hello }", context_value={"log": []})
        raised.append((str(error.value), type(error.value.__context__).__name__))
    assert raised[0] == raised[1]
    assert raised[0][1] == "RuntimeError"  # the stage's own refusal, then the results'
