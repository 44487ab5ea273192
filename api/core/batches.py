"""A compiled plan's loads of a whole page, batched as Strawberry's DataLoader batches them
but without a future per key to wait on.

`DataLoader.load_many(keys)` makes each key a future and gathers them: for a page of 50 rows
and a few relations, hundreds of futures whose results each schedule a gathering callback on
the event loop (about a tenth of a compiled page of 50 tickets, `make bench`'s (a)). Here a
plan's call for many keys waits on one future of its batch instead. Everything else is the
loader's: the same `load_fn`, called once per batch with the keys not loaded yet (in order,
without repeats), the same batch for every call made before the loop turns (the batch runs
in a task scheduled with `call_soon`, as DataLoader's does), and the same cache, which is
filled with each key's future, so a resolver that asks the loader for a key later in the
request (graphql-core's path) finds it, and a failed load stays failed for its keys, as
DataLoader keeps it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.exceptions import WrongNumberOfResultsReturned

_PENDING = "_mesa_pending_batch"


class _Batch:
    __slots__ = ("finished", "items", "task", "waiters")

    def __init__(self) -> None:
        self.items: list[tuple[Any, asyncio.Future[Any]]] = []
        # One future per call waiting for the batch, each its own: a call cancelled stops
        # waiting alone (what asyncio.shield of one shared future did, one more turn of the
        # event loop later).
        self.waiters: list[asyncio.Future[None]] = []
        self.finished = False
        self.task: asyncio.Task[None] | None = None


def load_many(loader: DataLoader[Any, Any], keys: Sequence[Any]) -> Awaitable[list[Any]]:
    """The loader's values for `keys`, in order (raising as its load_many would). The keys
    join the batch when this is called, as DataLoader.load_many's do, not when awaited."""
    if not loader.cache or loader.max_batch_size is not None:
        return loader.load_many(keys)
    loop = asyncio.get_running_loop()
    cache = loader.cache_map
    futures: list[asyncio.Future[Any]] = []
    batch: _Batch | None = None
    for key in keys:
        future = cache.get(key)
        if future is None or future.cancelled():
            future = loop.create_future()
            cache.set(key, future)
            if batch is None:
                batch = _joined(loader, loop)
            batch.items.append((key, future))
        futures.append(future)
    return _values(batch, futures)


async def _values(batch: _Batch | None, futures: list[asyncio.Future[Any]]) -> list[Any]:
    if batch is not None and not batch.finished:
        waiter = asyncio.get_running_loop().create_future()
        batch.waiters.append(waiter)
        await waiter
    for future in futures:
        if not future.done():  # a key another call's batch is loading
            await asyncio.wait([future])
    # Every error looked at (as gather does), the first raised.
    errors = [future.exception() for future in futures if not future.cancelled()]
    first = next((error for error in errors if error is not None), None)
    if first is not None:
        raise first
    return [future.result() for future in futures]


def _joined(loader: DataLoader[Any, Any], loop: asyncio.AbstractEventLoop) -> _Batch:
    """The batch that runs when the loop next turns, begun by the first call."""
    batch: _Batch | None = getattr(loader, _PENDING, None)
    if batch is None:
        new = batch = _Batch()
        setattr(loader, _PENDING, new)

        def start() -> None:
            new.task = loop.create_task(_dispatch(loader, new))

        loop.call_soon(start)
    return batch


async def _dispatch(loader: DataLoader[Any, Any], batch: _Batch) -> None:
    setattr(loader, _PENDING, None)  # calls from now on begin the next batch
    keys = [key for key, _ in batch.items]
    try:
        values = list(await loader.load_fn(keys))
        if len(values) != len(keys):
            raise WrongNumberOfResultsReturned(expected=len(keys), received=len(values))
        for (_, future), value in zip(batch.items, values, strict=True):
            if future.done():
                continue
            if isinstance(value, BaseException):
                future.set_exception(value)
            else:
                future.set_result(value)
    except Exception as error:  # every waiter gets it, as DataLoader's dispatch does
        for _, future in batch.items:
            if not future.done():
                future.set_exception(error)
    finally:
        for _, future in batch.items:
            if not future.done():
                future.cancel()  # the batch itself was cancelled
        batch.finished = True
        for waiter in batch.waiters:
            if not waiter.done():  # not cancelled with its call
                waiter.set_result(None)
