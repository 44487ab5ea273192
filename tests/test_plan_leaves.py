"""A compiled plan's list completion (api.core.plan_leaves.list_of) leaves to graphql-core
any list holding an awaitable item, as it did when it asked each item: it now asks once
per class of items whose instances hold no attributes of their own (named tuples, a
relation's plain rows), and every other item itself."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from strawberry.execution.is_awaitable import optimized_is_awaitable

from api.core.plan_leaves import Unsupported, list_of
from api.core.plan_paths import Paths

Row = namedtuple("Row", ["id", "body"])


class Plain:
    """An object with attributes of its own: asked itself, each time."""

    def __init__(self, awaitable: bool = False) -> None:
        if awaitable:
            self.__await__ = lambda: iter(())


class _Run:
    is_awaitable: Callable[[Any], bool] = staticmethod(optimized_is_awaitable)
    executor: Any = None

    def objects(self, selection: Any, sources: list[Any], paths: Paths) -> Any:
        raise NotImplementedError

    def later(self, coroutine: Any) -> Any:
        return coroutine


def _items(run: Any, values: list[Any], paths: Paths, info: Any) -> list[Any]:
    return list(values)  # the items, as an item's completion receives them


async def _coroutine() -> None:
    return None


def _completed(values: list[Any]) -> Any:
    return list_of(_items)(_Run(), values, Paths.of([None] * len(values)), None)


def test_lists_of_rows_and_objects_are_completed_together_and_regrouped() -> None:
    rows = [Row(1, "a"), Row(2, "b"), Row(3, "c")]
    plain = Plain()
    assert _completed([rows[:2], None, [rows[2], plain], []]) == [
        rows[:2],
        None,
        [rows[2], plain],
        [],
    ]


@pytest.mark.parametrize(
    "awaitable",
    [
        lambda: _coroutine(),  # a coroutine after rows of a class already answered
        lambda: Plain(awaitable=True),  # an object made awaitable by its own attribute
    ],
)
def test_a_list_holding_an_awaitable_item_is_left_to_graphql_core(
    awaitable: Callable[[], Awaitable[Any] | Plain],
) -> None:
    item = awaitable()
    with pytest.raises(Unsupported):
        _completed([[Row(1, "a"), Plain(), Row(2, "b")], [Plain(), item]])
    if hasattr(item, "close"):
        item.close()
