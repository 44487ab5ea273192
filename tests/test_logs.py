"""domain.logs: a JSON line holds what the straightforward formatting gives (every attribute of
the record that is not a standard one, in order, encoded by json.dumps), and the logging
switches `configure_json_logging` turns off leave every line's fields as they were."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.logs import JsonFormatter, configure_json_logging, job_id, request_id

STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def _reference(record: logging.LogRecord) -> str:
    """The line as JsonFormatter first wrote it: every record attribute looked over."""
    entry: dict[str, object] = {
        "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
        "level": record.levelname.lower(),
        "logger": record.name,
        "message": record.getMessage(),
    }
    if (current := request_id.get()) is not None:
        entry["request_id"] = current
    if (job := job_id.get()) is not None:
        entry["job_id"] = job
    for key, value in record.__dict__.items():
        if key not in STANDARD and not key.startswith("_"):
            entry[key] = value
    if record.exc_info:
        entry["exception"] = logging.Formatter().formatException(record.exc_info)
    return json.dumps(entry, default=str, ensure_ascii=False)


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities too
    st.text(),  # non-ASCII, quotes, control characters
    st.datetimes(timezones=st.just(UTC)),
    st.decimals(allow_nan=False),  # not JSON: through default=str
    st.lists(st.integers(), max_size=3),
)
# Extra fields' names; one led by "_" is never a field.
names = st.from_regex(r"_?[A-Za-z][A-Za-z_]{0,10}", fullmatch=True).filter(
    lambda name: name not in STANDARD
)


@settings(max_examples=300, deadline=None)
@given(
    extra=st.dictionaries(names, values, max_size=6),
    late=st.dictionaries(names, values, max_size=2),
    message=st.text(max_size=20),
    ids=st.tuples(st.none() | st.text(max_size=8), st.none() | st.integers()),
)
def test_a_line_is_the_reference_formatting_of_its_record(
    extra: dict[str, Any], late: dict[str, Any], message: str, ids: tuple[str | None, int | None]
) -> None:
    record = logging.getLogger("mesa.test").makeRecord(
        "mesa.test", logging.INFO, __file__, 1, "%s", (message,), None, extra=extra
    )
    for key, value in late.items():  # set after the record was made (a filter's)
        setattr(record, key, value)
    record.message = "formatted by another handler"  # standard: never a field
    tokens = request_id.set(ids[0]), job_id.set(ids[1])
    try:
        assert JsonFormatter().format(record) == _reference(record)
    finally:
        request_id.reset(tokens[0])
        job_id.reset(tokens[1])


def test_an_exception_is_formatted_as_before() -> None:
    try:
        raise ValueError("¿qué?")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("mesa.test", logging.ERROR, __file__, 1, "x", None, exc_info)
    record.__dict__["amount"] = Decimal("1.10")
    line = JsonFormatter().format(record)
    assert line == _reference(record)
    assert json.loads(line)["amount"] == "1.10" and "¿qué?" in json.loads(line)["exception"]


@pytest.fixture
def json_logging() -> Iterator[io.StringIO]:
    """configure_json_logging, writing into a buffer; the process's logging restored after."""
    root = logging.getLogger()
    saved = (
        root.handlers[:],
        root.level,
        logging._srcfile,
        logging.logThreads,
        logging.logProcesses,
        logging.logMultiprocessing,
    )
    configure_json_logging()
    stream = io.StringIO()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    try:
        yield stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging._srcfile = saved[2]
        logging.logThreads, logging.logProcesses, logging.logMultiprocessing = saved[3:]


def test_a_configured_process_writes_every_field_of_an_access_line(
    json_logging: io.StringIO,
) -> None:
    token = request_id.set("abc")
    try:
        logging.getLogger("mesa.access").info(
            "%s %s %s",
            "POST",
            "/graphql",
            200,
            extra={"method": "POST", "path": "/graphql", "status": 200, "duration_ms": 1.5},
        )
    finally:
        request_id.reset(token)
    line = json.loads(json_logging.getvalue())
    time = line.pop("time")
    assert datetime.fromisoformat(time).tzinfo is not None
    assert line == {
        "level": "info",
        "logger": "mesa.access",
        "message": "POST /graphql 200",
        "request_id": "abc",
        "method": "POST",
        "path": "/graphql",
        "status": 200,
        "duration_ms": 1.5,
    }
    # What a line leaves out is not looked up for each record any more.
    record = logging.getLogger("mesa.x").makeRecord("mesa.x", logging.INFO, "f", 1, "m", (), None)
    assert record.thread is None and record.process is None and record.processName is None
