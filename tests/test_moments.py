"""A DateTime (and a Date) is written as its isoformat(), whichever way it is
written (api.core.moments): orjson's where it writes the same, isoformat()'s elsewhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from operator import methodcaller
from zoneinfo import ZoneInfo

import tortoise.timezone
from graphql import GraphQLScalarType
from hypothesis import example, given, settings
from hypothesis import strategies as st

from api.core.moments import iso_list_writer, iso_writer
from api.schema import schema


def _serializer(name: str) -> object:
    scalar = schema._schema.type_map[name]
    assert isinstance(scalar, GraphQLScalarType)
    return scalar.coerce_output_value


@settings(max_examples=500, deadline=None)
@given(
    value=st.datetimes(timezones=st.none() | st.timezones())
    | st.dates()
    | st.times(timezones=st.none() | st.timezones())
)
def test_every_moment_is_written_as_the_schema_writes_it(value: datetime | date | time) -> None:
    # Any zone, any offset (whole minutes, or the seconds of a local mean time), or none
    for name in ("DateTime", "Date"):  # the schema has no Time
        serialize = _serializer(name)
        try:
            expected = serialize(value)  # type: ignore[operator]
        except Exception as error:  # a scalar refusing a value is refused the same way
            try:
                iso_writer(serialize)(value)  # type: ignore[arg-type]
            except type(error):
                continue
            raise AssertionError(f"{name} wrote {value!r}") from None
        assert iso_writer(serialize)(value) == expected  # type: ignore[arg-type]


def test_only_isoformat_itself_is_written_another_way() -> None:
    # The schema's DateTime is written by the fast writer; other serializers are their own
    assert iso_writer(_serializer("DateTime")) is not _serializer("DateTime")  # type: ignore[arg-type]
    for other in (str, methodcaller("isoformat", " "), methodcaller("strftime", "%Y")):
        assert iso_writer(other) is other


# Python's UTC, the IANA one, and Tortoise's (a subclass of ZoneInfo, as rows are read)
_AT_UTC = st.sampled_from([UTC, ZoneInfo("UTC"), tortoise.timezone.ZoneInfo("UTC")])
_FIXED = st.timedeltas(min_value=-timedelta(hours=23), max_value=timedelta(hours=23)).map(
    timezone  # offsets in whole minutes, and with seconds (a local mean time's)
)
_ANY = st.datetimes(timezones=st.none() | st.timezones() | _AT_UTC | _FIXED) | st.dates()


@settings(max_examples=300, deadline=None)
@given(
    at_utc=st.lists(st.datetimes(timezones=_AT_UTC), max_size=60),
    others=st.lists(_ANY, max_size=3),
)
# The IANA UTC's other name, a zone of one offset, is written at once too (a run found it)
@example(at_utc=[], others=[datetime(2000, 1, 1, tzinfo=ZoneInfo("Etc/UTC"))])
def test_a_list_of_moments_is_written_as_each_is(
    at_utc: list[datetime], others: list[datetime | date]
) -> None:
    serialize = _serializer("DateTime")
    write_all = iso_list_writer(serialize)  # type: ignore[arg-type]

    # A list of moments at UTC is written at once, each as the schema writes it
    assert write_all(at_utc) == [serialize(value) for value in at_utc]  # type: ignore[operator]

    # and a list with anything else in it is written at once only as each is written,
    # and never with a date, a naive moment or a zone whose offset changes in it
    mixed = at_utc + others
    written = write_all(mixed)
    if written is not None:
        assert written == [serialize(value) for value in mixed]  # type: ignore[operator]
    if any(
        type(value) is not datetime
        or value.tzinfo is None
        or (isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key not in ("UTC", "Etc/UTC"))
        for value in others
    ):
        assert written is None


def test_only_isoformat_itself_writes_lists_at_once() -> None:
    for other in (str, methodcaller("isoformat", " ")):
        assert iso_list_writer(other) is None
