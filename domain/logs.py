"""Structured logs: one JSON object a line, carrying the id of the request being served."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from itertools import islice

from domain.json_text import dumps_with

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
# The outbox job a worker is running: with request_id (the request, SMTP session or periodic
# run that recorded the job), it links a worker's log lines to what caused them.
job_id: ContextVar[int | None] = ContextVar("job_id", default=None)

# A fresh record's attributes, in the order LogRecord sets them; the caller's extra fields
# come after them (Logger.makeRecord), and none of these is an extra field.
_FRESH = logging.LogRecord("", 0, "", 0, "", None, None).__dict__
_STANDARD = set(_FRESH) | {"message", "asctime"}
_FIRST_EXTRA = len(_FRESH)

# A line's text: json.dumps(entry, default=str, ensure_ascii=False).
_encode = dumps_with(default=str, ensure_ascii=False)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current is not None:
            entry["request_id"] = current
        job = job_id.get()
        if job is not None:
            entry["job_id"] = job
        # Only the attributes after the standard ones (an access line has four, a record
        # some twenty-five): the same fields, in the same order.
        for key, value in islice(record.__dict__.items(), _FIRST_EXTRA, None):
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return _encode(entry)


def configure_json_logging(level: int = logging.INFO) -> None:
    # What a JSON line leaves out (the record's caller, thread and process) is not looked up
    # for each record: the switches of the logging HOWTO's "Optimization" section. A served
    # process writes a line for every request (its access line).
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)
