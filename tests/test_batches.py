"""A compiled plan loads a page's relations through api.core.batches.load_many, which must
behave as Strawberry's DataLoader.load_many on the same loader: the same calls of the load
function (one per batch, the keys not loaded yet, without repeats), the same values or
errors for each caller, and the same cache for whoever asks the loader afterwards."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest
from strawberry.dataloader import DataLoader

from api.core import batches

LoadMany = Callable[[DataLoader[int, Any], Sequence[int]], Awaitable[list[Any]]]


def dataloaders(loader: DataLoader[int, Any], keys: Sequence[int]) -> Awaitable[list[Any]]:
    return loader.load_many(keys)


def recording(values: Callable[[list[int]], list[Any]]) -> tuple[DataLoader[int, Any], list]:
    calls: list[list[int]] = []

    async def load(keys: list[int]) -> list[Any]:
        calls.append(list(keys))
        return values(keys)

    return DataLoader(load_fn=load), calls


async def outcome(waiting: Awaitable[list[Any]]) -> Any:
    try:
        return await waiting
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def doubled(keys: list[int]) -> list[Any]:
    return [ValueError(f"no {key}") if key == 13 else key * 2 for key in keys]


async def batched_together(load_many: LoadMany) -> Any:
    loader, calls = recording(doubled)
    assert await loader.load(1) == 2  # loaded before: not asked again
    # Two callers before the loop turns, with repeats and an overlap: one batch
    first, second = load_many(loader, [3, 1, 3, 5]), load_many(loader, [5, 7])
    results = [await outcome(first), await outcome(second)]
    # and afterwards the loader's own cache answers
    later = await loader.load(7)
    return calls, results, later


async def one_key_failing(load_many: LoadMany) -> Any:
    loader, calls = recording(doubled)
    results = [await outcome(load_many(loader, [12, 13])), await outcome(load_many(loader, [12]))]
    return calls, results, await outcome(loader.load(13))


async def the_load_failing(load_many: LoadMany) -> Any:
    def broken(keys: list[int]) -> list[Any]:
        raise RuntimeError("database away")

    loader, calls = recording(broken)
    first, second = load_many(loader, [1, 2]), load_many(loader, [2, 3])
    results = [await outcome(first), await outcome(second)]
    return calls, results, await outcome(loader.load(3))


async def too_few_values(load_many: LoadMany) -> Any:
    loader, calls = recording(lambda keys: keys[:-1])
    return calls, [await outcome(load_many(loader, [1, 2]))]


async def batches_in_turn(load_many: LoadMany) -> Any:
    loader, calls = recording(doubled)
    first = await load_many(loader, [1, 2])
    await asyncio.sleep(0)
    second = await load_many(loader, [2, 3])
    return calls, [first, second]


@pytest.mark.parametrize(
    "scenario",
    [batched_together, one_key_failing, the_load_failing, too_few_values, batches_in_turn],
)
async def test_a_plans_load_behaves_as_a_dataloaders(
    scenario: Callable[[LoadMany], Awaitable[Any]],
) -> None:
    ours = await scenario(batches.load_many)
    theirs = await scenario(dataloaders)
    assert ours == theirs
    calls = ours[0]
    assert calls and all(len(keys) == len(set(keys)) for keys in calls)


async def test_a_call_cancelled_while_its_batch_loads_leaves_the_batch_to_the_others() -> None:
    release, begun = asyncio.Event(), asyncio.Event()
    calls: list[list[int]] = []

    async def load(keys: list[int]) -> list[int]:
        calls.append(list(keys))
        begun.set()
        await release.wait()
        return [key * 2 for key in keys]

    loader: DataLoader[int, int] = DataLoader(load_fn=load)
    # Given two calls in one batch, which has begun loading
    cancelled = asyncio.ensure_future(batches.load_many(loader, [1, 2]))
    other = asyncio.ensure_future(batches.load_many(loader, [2, 3]))
    await begun.wait()
    assert calls == [[1, 2, 3]]

    # When the first call is cancelled before the batch ends
    cancelled.cancel()
    release.set()

    # Then the other call gets its values, the first its cancellation, and the batch's keys
    # (the cancelled call's too) are loaded for whoever asks the loader afterwards
    assert await other == [4, 6]
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert await loader.load(1) == 2
    assert calls == [[1, 2, 3]]
