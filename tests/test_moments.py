"""A DateTime (and a Date) is written as its isoformat(), whichever way it is
written (api.core.moments): orjson's where it writes the same, isoformat()'s elsewhere."""

from __future__ import annotations

from datetime import date, datetime, time
from operator import methodcaller

from graphql import GraphQLScalarType
from hypothesis import given, settings
from hypothesis import strategies as st

from api.core.moments import iso_writer
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
