"""The schema's extension hooks, looked up once per extension class instead of per request,
and run without a context manager per hook.

For every request Strawberry's runner looks at each extension's class for each of the four
hooks (operation, parsing, validation, execution), and wraps every hook it finds in a new
context manager function (`contextlib.contextmanager` of a bound method, which copies the
function's metadata each time); then it enters them through an exit stack and asks every
extension for its results, awaiting each. With the schema's nine extensions that cost about
35 us of the 140 us of CPU that executing `{ __typename }` took; the exit stacks and the
context manager objects were still 8 % of an authenticated `mutation { __typename }` under
wrk once the hooks were looked up once.

What a hook is depends only on the extension's class, so here it is decided once per class
and hook, and each stage steps the hooks' generators itself, in the same order, with the
outcomes Strawberry's stages give: a hook that fails to enter leaves the stage at once; an
error is thrown into each hook still running, in reverse order, and a hook may swallow it
(the stage still lets the error go on, as Strawberry's does) or raise another in its place.
An extension whose class keeps the default `get_results` (which answers `{}`) is not asked.
tests/test_extension_hooks.py runs hooks of every kind Strawberry accepts through this
runner and through Strawberry's, with errors swallowed and replaced, and compares what they
saw and answered; the test suite runs every request through this runner (the same file
checks that it is the one in use).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
)
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

# How a hook is run: a generator function (entered by its first step, left by its second), an
# async generator function, a plain function or a coroutine function (called on entering).
GENERATOR, ASYNC_GENERATOR, CALL, AWAIT = range(4)
# A stage's hooks for a list of extension classes: (index of the extension, hook, how), in
# the list's order.
_Stage = tuple[tuple[int, Callable[..., Any], int], ...]
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
            hooks = ((i, _kind(c, name)) for i, c in enumerate(classes))
            stages[name] = tuple((i, *hook) for i, hook in hooks if hook is not None)
        with_results = tuple(
            i for i, c in enumerate(classes) if c.get_results is not SchemaExtension.get_results
        )
        found = _plans[classes] = _Plan(stages, with_results)
    return found


def _kind(
    extension_class: type[SchemaExtension], hook_name: str
) -> tuple[Callable[..., Any], int] | None:
    """As Strawberry's ExtensionContextManagerBase.get_hook decides: None for the default
    hook, else the hook's function and how it is run."""
    hook: Any = getattr(extension_class, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isgeneratorfunction(hook):
        return hook, GENERATOR
    if inspect.isasyncgenfunction(hook):
        return hook, ASYNC_GENERATOR
    if not callable(hook):
        raise ValueError(f"Hook {hook_name} on {extension_class} must be callable, got {hook!r}")
    return hook, AWAIT if inspect.iscoroutinefunction(hook) else CALL


class _Bound(ExtensionContextManagerBase):
    """A stage's hooks, entered and left as Strawberry's context manager does through an
    exit stack of `contextlib.contextmanager`s, but stepping the hooks' generators directly:
    a fifth of the cost (an exit stack and a context manager object per hook per request
    were 8 % of an authenticated `mutation { __typename }`). A hook entered is left in
    reverse order; an error is thrown into each hook still running, which may handle it,
    replace it or let it go on, with the outcomes `contextmanager.__exit__` gives."""

    __slots__ = ("extensions", "running", "stage")

    def __init__(self, extensions: list[SchemaExtension], stage: _Stage) -> None:
        self.extensions = extensions
        self.stage = stage
        # Once entered: the generators to leave, each with whether it is async.
        self.running: list[tuple[Any, bool]] = []

    def __enter__(self) -> None:
        extensions, running = self.extensions, self.running
        for i, hook, how in self.stage:
            if how in (ASYNC_GENERATOR, AWAIT):
                raise RuntimeError(
                    f"SchemaExtension hook {extensions[i]}.{self.HOOK_NAME} "
                    "failed to complete synchronously."
                )
            if how == GENERATOR:
                generator = hook(extensions[i])
                next(generator)
                running.append((generator, False))
            else:
                hook(extensions[i])

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        pending = exc_val if exc_type is None or exc_val is not None else exc_type()
        received = pending
        for generator, _ in reversed(self.running):
            pending = _left(generator, pending)
        _outcome(received, pending)

    async def __aenter__(self) -> None:
        extensions, running = self.extensions, self.running
        for i, hook, how in self.stage:
            if how == GENERATOR:
                generator = hook(extensions[i])
                next(generator)
                running.append((generator, False))
            elif how == ASYNC_GENERATOR:
                generator = hook(extensions[i])
                await generator.__anext__()
                running.append((generator, True))
            elif how == AWAIT:
                await hook(extensions[i])
            else:
                hook(extensions[i])

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        pending = exc_val if exc_type is None or exc_val is not None else exc_type()
        received = pending
        for generator, is_async in reversed(self.running):
            if is_async:
                pending = await _left_async(generator, pending)
            else:
                pending = _left(generator, pending)
        _outcome(received, pending)


def _left(generator: Any, pending: BaseException | None) -> BaseException | None:
    """A generator hook left, given the error on the way out (None for none): the error that
    goes on, as `contextmanager.__exit__` and an exit stack decide."""
    if pending is None:
        try:
            next(generator)
        except StopIteration:
            return None
        except BaseException as error:
            return error
        return RuntimeError("generator didn't stop")
    try:
        generator.throw(pending)
    except StopIteration as stop:
        return None if stop is not pending else pending
    except RuntimeError as error:
        if error is pending or (isinstance(pending, StopIteration) and error.__cause__ is pending):
            return pending
        return _chained(error, pending)
    except BaseException as error:
        return pending if error is pending else _chained(error, pending)
    return _chained(RuntimeError("generator didn't stop after throw()"), pending)


async def _left_async(generator: Any, pending: BaseException | None) -> BaseException | None:
    """`_left` for an async generator hook, as `asynccontextmanager.__aexit__` decides."""
    if pending is None:
        try:
            await generator.__anext__()
        except StopAsyncIteration:
            return None
        except BaseException as error:
            return error
        return RuntimeError("generator didn't stop")
    try:
        await generator.athrow(pending)
    except StopAsyncIteration as stop:
        return None if stop is not pending else pending
    except RuntimeError as error:
        if error is pending or (
            isinstance(pending, StopIteration | StopAsyncIteration) and error.__cause__ is pending
        ):
            return pending
        return _chained(error, pending)
    except BaseException as error:
        return pending if error is pending else _chained(error, pending)
    return _chained(RuntimeError("generator didn't stop after throw()"), pending)


def _chained(error: BaseException, pending: BaseException) -> BaseException:
    if error.__context__ is None and error is not pending:
        error.__context__ = pending
    return error


def _outcome(received: BaseException | None, pending: BaseException | None) -> None:
    """As Strawberry's stages end: an error received goes on even when a hook swallowed it
    (their `__aexit__` answers None, not the exit stack's verdict), and an error a hook
    raised in its place replaces it."""
    if pending is not None and pending is not received:
        raise pending


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
        return _Operation(self.extensions, self._plan.stages["on_operation"])

    def parsing(self) -> ParsingContextManager:
        return _Parsing(self.extensions, self._plan.stages["on_parse"])

    def validation(self) -> ValidationContextManager:
        return _Validation(self.extensions, self._plan.stages["on_validate"])

    def executing(self) -> ExecutingContextManager:
        return _Executing(self.extensions, self._plan.stages["on_execute"])

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
