"""The schema's extension hooks, looked up once per extension class instead of per request.

For every request Strawberry's runner looks at each extension's class for each of the four
hooks (operation, parsing, validation, execution), and wraps every hook it finds in a new
context manager function (`contextlib.contextmanager` of a bound method, which copies the
function's metadata each time); then it asks every extension for its results, awaiting
each. With the schema's nine extensions that cost about 35 us of the 140 us of CPU that
executing `{ __typename }` took.

What a hook is depends only on the extension's class, so here it is decided once per class
and hook: the wrapper is made once, from the plain function, and called with the request's
extension (`contextmanager(f)(extension)` is `contextmanager(MethodType(f, extension))()`).
The hooks are entered and left through the same exit stacks, in the same order, as
Strawberry's, and an extension whose class keeps the default `get_results` (which answers
`{}`) is not asked. An extension class that a future Strawberry calls in another way fails
the test suite, which runs every request through this runner (tests/test_extension_hooks.py
checks that it is the one in use).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
    WrappedHook,
)
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

_Factory = Callable[[SchemaExtension], Any]
# A stage's hooks for a list of extension classes: (index of the extension, context manager
# factory taking it, whether it is async), in the list's order.
_Stage = tuple[tuple[int, _Factory, bool], ...]
_STAGES = ("on_operation", "on_parse", "on_validate", "on_execute")


@dataclass(frozen=True)
class _Plan:
    stages: dict[str, _Stage]
    with_results: tuple[int, ...]  # the extensions whose class answers get_results itself


_plans: dict[tuple[type[SchemaExtension], ...], _Plan] = {}


def _plan(classes: tuple[type[SchemaExtension], ...]) -> _Plan:
    """The hooks of a list of extension classes; made once per list (a schema has one)."""
    found = _plans.get(classes)
    if found is None:
        stages: dict[str, _Stage] = {}
        for name in _STAGES:
            hooks = ((i, _factory(c, name)) for i, c in enumerate(classes))
            stages[name] = tuple((i, *hook) for i, hook in hooks if hook is not None)
        with_results = tuple(
            i for i, c in enumerate(classes) if c.get_results is not SchemaExtension.get_results
        )
        found = _plans[classes] = _Plan(stages, with_results)
    return found


def _factory(
    extension_class: type[SchemaExtension], hook_name: str
) -> tuple[_Factory, bool] | None:
    """As Strawberry's ExtensionContextManagerBase.get_hook decides: None for the default
    hook, else a context manager factory taking the extension and whether it is async."""
    hook: Any = getattr(extension_class, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isgeneratorfunction(hook):
        return contextlib.contextmanager(hook), False
    if inspect.isasyncgenfunction(hook):
        return contextlib.asynccontextmanager(hook), True
    if not callable(hook):
        raise ValueError(f"Hook {hook_name} on {extension_class} must be callable, got {hook!r}")
    if inspect.iscoroutinefunction(hook):

        @contextlib.asynccontextmanager
        async def awaited(extension: SchemaExtension) -> AsyncIterator[None]:
            await hook(extension)
            yield

        return awaited, True

    @contextlib.contextmanager
    def called(extension: SchemaExtension) -> Iterator[None]:
        hook(extension)
        yield

    return called, False


def _bound(extensions: list[SchemaExtension], stage: _Stage) -> list[WrappedHook]:
    return [WrappedHook(extensions[i], partial(f, extensions[i]), a) for i, f, a in stage]


class _Bound(ExtensionContextManagerBase):
    """A stage's context manager given its hooks already bound (Strawberry's finds them)."""

    __slots__ = ()

    def __init__(self, hooks: list[WrappedHook]) -> None:
        self.hooks = hooks


class _Operation(_Bound, OperationContextManager):
    __slots__ = ()


class _Parsing(_Bound, ParsingContextManager):
    __slots__ = ()


class _Validation(_Bound, ValidationContextManager):
    __slots__ = ()


class _Executing(_Bound, ExecutingContextManager):
    __slots__ = ()


class ExtensionHooks(SchemaExtensionsRunner):
    """Strawberry's runner, with the hooks of a list of extension classes looked up once
    (see the module)."""

    def __init__(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension] | None = None
    ) -> None:
        super().__init__(execution_context, extensions)
        self._plan = _plan(tuple(map(type, self.extensions)))

    def operation(self) -> OperationContextManager:
        return _Operation(_bound(self.extensions, self._plan.stages["on_operation"]))

    def parsing(self) -> ParsingContextManager:
        return _Parsing(_bound(self.extensions, self._plan.stages["on_parse"]))

    def validation(self) -> ValidationContextManager:
        return _Validation(_bound(self.extensions, self._plan.stages["on_validate"]))

    def executing(self) -> ExecutingContextManager:
        return _Executing(_bound(self.extensions, self._plan.stages["on_execute"]))

    async def get_extensions_results(self, ctx: ExecutionContext) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for i in self._plan.with_results:
            results = self.extensions[i].get_results()
            data.update(await results if inspect.isawaitable(results) else results)
        data.update(ctx.extensions_results)
        return data

    def get_extensions_results_sync(self) -> dict[str, Any]:
        own = [self.extensions[i] for i in self._plan.with_results]
        return SchemaExtensionsRunner(self.execution_context, own).get_extensions_results_sync()
