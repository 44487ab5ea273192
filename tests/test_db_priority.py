"""The SQLite connection's lock serves requests before background work (domain.db_priority),
without starving the background, and stays a lock whatever its waiters do."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest
from tortoise import connections

from domain.db_priority import PriorityLock, background, is_background
from workers.broker import _in_background


async def _queue(lock: PriorityLock, order: list[str], name: str, *, in_background: bool) -> None:
    async def wait() -> None:
        await lock.acquire()
        order.append(name)
        await asyncio.sleep(0)
        lock.release()

    if in_background:
        with background():
            await wait()
    else:
        await wait()


async def _started(*coroutines: Coroutine[Any, Any, None]) -> list[asyncio.Task[None]]:
    """Tasks for `coroutines`, each queued at the lock before the next is made."""
    tasks: list[asyncio.Task[None]] = []
    for coroutine in coroutines:
        tasks.append(asyncio.create_task(coroutine))
        await asyncio.sleep(0)
    return tasks


async def test_a_request_waiting_goes_before_background_that_waited_first() -> None:
    lock, order = PriorityLock(max_wait=60), list[str]()
    await lock.acquire()  # a request holds it
    tasks = await _started(
        _queue(lock, order, "job 1", in_background=True),
        _queue(lock, order, "job 2", in_background=True),
        _queue(lock, order, "request 1", in_background=False),
        _queue(lock, order, "request 2", in_background=False),
    )
    lock.release()
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert order == ["request 1", "request 2", "job 1", "job 2"]
    assert not lock.locked()


async def test_background_is_served_once_it_waited_its_longest_under_requests() -> None:
    lock, order = PriorityLock(max_wait=0.05, quiet=60), list[str]()
    await lock.acquire()
    (job,) = await _started(_queue(lock, order, "job", in_background=True))

    async def requests() -> None:
        # A stream of requests that always has one waiting when the lock is released.
        for index in range(40):
            await _queue(lock, order, f"request {index}", in_background=False)
            await asyncio.sleep(0.005)

    stream = asyncio.create_task(requests())
    await asyncio.sleep(0)
    lock.release()
    await asyncio.wait_for(asyncio.gather(job, stream), 10)
    assert 0 < order.index("job") < 39, order


async def test_background_takes_a_free_lock_only_after_requests_were_quiet() -> None:
    lock, order = PriorityLock(max_wait=60, quiet=0.05), list[str]()
    await lock.acquire()
    lock.release()  # a request just used it
    loop = asyncio.get_running_loop()
    started = loop.time()
    with background():
        await asyncio.wait_for(lock.acquire(), 5)  # woken by the quiet time's timer
    waited = loop.time() - started
    lock.release()
    assert waited >= 0.04
    with background():  # long quiet now: at once
        await asyncio.wait_for(lock.acquire(), 0.01)
    lock.release()
    assert order == []


async def test_background_waiters_go_in_the_order_they_came() -> None:
    lock, order = PriorityLock(max_wait=0.02, quiet=60), list[str]()
    await lock.acquire()
    first, second = await _started(
        _queue(lock, order, "job 1", in_background=True),
        _queue(lock, order, "job 2", in_background=True),
    )
    lock.release()  # a request's: the jobs wait for their longest wait, then go in turn
    with background():
        await asyncio.wait_for(lock.acquire(), 5)  # a newcomer meanwhile goes after them
    order.append("job 3")
    lock.release()
    await asyncio.gather(first, second)
    assert order == ["job 1", "job 2", "job 3"]


async def test_a_request_takes_the_free_lock_at_once_even_with_background_waiting() -> None:
    lock, order = PriorityLock(max_wait=60, quiet=60), list[str]()
    await lock.acquire()
    lock.release()
    (job,) = await _started(_queue(lock, order, "job", in_background=True))
    await asyncio.wait_for(lock.acquire(), 0.01)
    assert lock.locked() and order == []
    lock.release()
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    assert not lock.locked()


async def test_a_waiter_cancelled_before_or_after_its_turn_passes_the_lock_on() -> None:
    lock, order = PriorityLock(max_wait=60), list[str]()
    await lock.acquire()
    gone, handed, last = await _started(
        _queue(lock, order, "gone", in_background=False),
        _queue(lock, order, "handed", in_background=False),
        _queue(lock, order, "last", in_background=False),
    )
    gone.cancel()  # cancelled while waiting: skipped
    await asyncio.sleep(0)
    lock.release()  # hands the lock to "handed"
    handed.cancel()  # ... cancelled before it ran: it passes the lock to "last"
    await asyncio.wait_for(asyncio.gather(gone, handed, last, return_exceptions=True), 5)
    assert order == ["last"]
    assert not lock.locked()


async def test_releasing_a_free_lock_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        PriorityLock().release()


async def test_the_embedded_workers_actors_and_the_scheduler_run_as_background() -> None:
    async def inside() -> bool:
        return is_background()

    assert not is_background()
    assert await _in_background(inside())
    assert not is_background()


async def test_the_sqlite_connection_takes_the_priority_lock(in_process_server: str) -> None:
    client = connections.get("default")
    assert client.capabilities.dialect == "sqlite"
    assert isinstance(client._lock, PriorityLock)
    with background():
        await client.execute_query("SELECT 1")
