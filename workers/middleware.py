"""Dramatiq middleware of Mesa: the ORM in worker processes, and failed jobs in the outbox."""

from __future__ import annotations

import logging
from typing import Any

import dramatiq
from dramatiq.asyncio import EventLoopThread, get_event_loop_thread
from dramatiq.middleware import Middleware, MiddlewareError

from domain import db, live
from domain.config import get_settings
from domain.logs import JsonFormatter
from domain.models import OutboxJob, OutboxStatus
from domain.uow import set_event_publisher

logger = logging.getLogger(__name__)

ERROR_MAX = 2000


def _loop_thread() -> EventLoopThread:
    loop_thread = get_event_loop_thread()
    if loop_thread is None:
        raise MiddlewareError("No event loop thread: add the AsyncIO middleware first.")
    return loop_thread


class DatabaseLifecycle(Middleware):
    """In `dramatiq` worker processes, open the ORM on the AsyncIO loop and close it at the end.

    Must come after dramatiq's AsyncIO middleware: its loop thread exists by our
    before_worker_boot, and (signals after_* run in reverse order) is still running when
    our after_worker_shutdown closes the connections.
    """

    bus: live.RedisBus | None = None

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        if get_settings().log_format == "json":
            # dramatiq's handlers stay (they carry the lines to the master); the lines are JSON.
            for handler in logging.getLogger().handlers:
                handler.setFormatter(JsonFormatter())
        try:
            _loop_thread().run_coroutine(db.connect())
        except Exception as error:
            # A MiddlewareError stops the boot; any other error would only be logged and
            # leave a worker that fails every job.
            raise MiddlewareError(f"Cannot open the database: {error}") from error
        # Events the actors commit reach the API processes' subscribers through Redis.
        redis_url = get_settings().redis_url
        if redis_url is not None:
            self.bus = live.RedisBus(redis_url, hub=None)
            set_event_publisher(self.bus.publish)

    def after_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        set_event_publisher(None)
        if self.bus is not None:
            _loop_thread().run_coroutine(self.bus.stop())
        _loop_thread().run_coroutine(db.close())


class OutboxFailures(Middleware):
    """Record each failure of an outbox job on its row, and mark it FAILED once retries run out.

    Added before dramatiq's Retries middleware so that, signals after_* running in reverse,
    it sees the message after Retries has decided whether it failed for good.
    """

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: dramatiq.MessageProxy,
        *,
        result: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        outbox_id = message.kwargs.get("outbox_id")
        if exception is None or not isinstance(outbox_id, int):
            return
        error = f"{type(exception).__name__}: {exception}"[:ERROR_MAX]
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            logger.error("outbox job %s failed and cannot be recorded: %s", outbox_id, error)
            return
        loop_thread.run_coroutine(_record_failure(outbox_id, error, final=bool(message.failed)))


async def _record_failure(outbox_id: int, error: str, *, final: bool) -> None:
    still_open = OutboxJob.filter(
        id=outbox_id, status__in=(OutboxStatus.PENDING, OutboxStatus.ENQUEUED)
    )
    if final:
        await still_open.update(status=OutboxStatus.FAILED, last_error=error)
    else:
        await still_open.update(last_error=error)
