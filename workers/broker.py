"""The one place the dramatiq broker is configured, and the embedded worker threads.

Embedded (MESA_REDIS_URL unset): an in-memory StubBroker consumed by worker threads inside
the API process. The ORM lives on the app's event loop (uvicorn's), so async actors run their
coroutines on that loop instead of on a loop thread of their own.

Distributed (MESA_REDIS_URL set): a RedisBroker; API processes only enqueue, and `dramatiq`
worker processes run actors on the loop thread of dramatiq's AsyncIO middleware, where
DatabaseLifecycle opens the ORM. The outbox relay, which sends through this broker, is the
one middleware added beside the actors (workers.actors), not here.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import dramatiq
import orjson
from dramatiq.asyncio import EventLoopThread, set_event_loop_thread
from dramatiq.broker import Consumer, MessageProxy
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker, _StubConsumer
from dramatiq.encoder import JSONEncoder, MessageData
from dramatiq.errors import QueueNotFound
from dramatiq.middleware import AsyncIO, Retries

from domain.config import get_settings
from domain.db_priority import background
from workers import metrics
from workers.heartbeat import WorkerHeartbeat
from workers.middleware import DatabaseLifecycle, OutboxFailures

logger = logging.getLogger(__name__)

R = TypeVar("R")

DEFAULT_QUEUE = "default"


class _RequeueingConsumer(_StubConsumer):
    def requeue(self, messages: Iterable[MessageProxy]) -> None:
        """Put back what stopping workers fetched but did not run. The stub's consumer drops
        it, and its queue then never counts as done (a later join waits forever)."""
        for message in messages:
            self.queue.put(message.encode())
            self.queue.task_done()  # the fetch that took it out


class InProcessBroker(StubBroker):
    """The embedded broker: dramatiq's in-memory one, keeping what stopped workers held."""

    def consume(self, queue_name: str, prefetch: int = 1, timeout: int = 100) -> Consumer:
        try:
            queue, dead = self.queues[queue_name], self.dead_letters_by_queue[queue_name]
        except KeyError:
            raise QueueNotFound(queue_name) from None
        return _RequeueingConsumer(queue, dead, prefetch, timeout)


class OrjsonEncoder(dramatiq.Encoder):
    """dramatiq's JSON messages, written and read by orjson: the same JSON values as its
    default JSONEncoder (which any process reads), in a fifth of the time. The API encodes
    every job of a write as it relays it (a new ticket's five), on the event loop. What
    orjson refuses (a lone surrogate, a key that is not a string, an integer past 64 bits)
    goes through dramatiq's own encoder, as before. Jobs' arguments come from the outbox's
    JSON column, which Tortoise writes with orjson too."""

    _standard = JSONEncoder()

    def encode(self, data: MessageData) -> bytes:
        try:
            return orjson.dumps(data)
        except TypeError:
            return self._standard.encode(data)

    def decode(self, data: bytes) -> MessageData:
        try:
            decoded: MessageData = orjson.loads(data)
        except orjson.JSONDecodeError:
            return self._standard.decode(data)  # its DecodeError for what is no JSON
        return decoded


def _build_broker(redis_url: str | None) -> dramatiq.Broker:
    broker: dramatiq.Broker
    if redis_url is None:
        # No AsyncIO middleware: it would start its own loop at worker boot, away from the ORM.
        broker = InProcessBroker()
    else:
        broker = RedisBroker(url=redis_url)
        broker.add_middleware(AsyncIO())
        broker.add_middleware(DatabaseLifecycle())
    broker.add_middleware(OutboxFailures(), before=Retries)
    broker.add_middleware(metrics.JobMetrics())
    broker.add_middleware(WorkerHeartbeat())  # read by `mesa health worker`
    metrics.install()
    return broker


# Distributed: the Redis the broker was built for (None: the in-memory broker).
broker_url = get_settings().redis_url
broker = _build_broker(broker_url)
dramatiq.set_encoder(OrjsonEncoder())
dramatiq.set_broker(broker)


async def ping_broker() -> None:
    """One round trip to Redis (distributed); the in-memory broker is always reachable."""
    if isinstance(broker, RedisBroker):
        await asyncio.to_thread(broker.client.ping)


async def _in_background(coro: Awaitable[R]) -> R:
    """An actor's coroutine, as background work: requests go first at the database."""
    with background():
        return await coro


class AppLoopThread(EventLoopThread):
    """dramatiq's event loop thread, bound to a loop that is already running (the app's).

    No thread of its own: start/stop/join do nothing, and run_coroutine (inherited) hands each
    actor's coroutine to the app loop with run_coroutine_threadsafe, waiting in the worker
    thread, where dramatiq's time limit can still interrupt the wait and cancel the task.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, interrupt_check_ival: float = 0.1):
        threading.Thread.__init__(self, name="mesa-app-loop", daemon=True)
        self.loop = loop
        self.logger = logger
        self.interrupt_check_ival = interrupt_check_ival

    def start(self, *, timeout: float | None = None) -> None:
        return None

    def stop(self) -> None:
        return None

    def join(self, timeout: float | None = None) -> None:
        return None

    def run_coroutine(self, coro: Awaitable[R]) -> R:
        try:
            on_app_loop = asyncio.get_running_loop() is self.loop
        except RuntimeError:
            on_app_loop = False
        if on_app_loop:
            # Blocking the loop until a coroutine on that same loop finishes never returns.
            raise RuntimeError("Call actors with .send(), not directly, from the app loop.")
        return super().run_coroutine(_in_background(coro))


@dataclass
class EmbeddedWorkers:
    """Handle on the worker threads started by start_embedded_workers."""

    worker: dramatiq.Worker
    stop_timeout_ms: int

    def stop(self) -> None:
        """Finish in-flight jobs and stop; blocking, so never call it on the app loop."""
        self.worker.stop(timeout=self.stop_timeout_ms)
        # Worker.start registers a middleware that is never removed; drop ours so that a
        # later start (tests, reloads) does not add consumers for a stopped worker.
        broker.middleware = [
            m for m in broker.middleware if getattr(m, "worker", None) is not self.worker
        ]
        set_event_loop_thread(None)


_process_booted = False
STOP_CHECK_MS = 100


def start_embedded_workers(
    loop: asyncio.AbstractEventLoop, threads: int, *, stop_timeout_ms: int = 30_000
) -> EmbeddedWorkers:
    """Start `threads` worker threads whose async actors run on `loop` (the running app loop)."""
    global _process_booted
    if not isinstance(broker, StubBroker):
        raise RuntimeError("Embedded workers need the in-memory broker (MESA_REDIS_URL unset).")
    set_event_loop_thread(AppLoopThread(loop))
    if not _process_booted:
        # What the dramatiq CLI does once per process; it starts the TimeLimit watchdog.
        broker.emit_after("process_boot")
        _process_booted = True
    # Threads check for a stop every STOP_CHECK_MS (dramatiq's default, a second, makes every
    # stop of the embedded workers wait two: the consumer's poll, then the workers').
    worker = dramatiq.Worker(broker, worker_threads=threads, worker_timeout=STOP_CHECK_MS)
    worker.start()
    return EmbeddedWorkers(worker=worker, stop_timeout_ms=stop_timeout_ms)


async def stop_embedded_workers(workers: EmbeddedWorkers) -> None:
    """Stop the embedded workers from the app loop without blocking it (their jobs need it)."""
    await asyncio.to_thread(workers.stop)
