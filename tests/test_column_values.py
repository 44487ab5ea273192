"""A type's declared columns (api.core.columns) read from a row read in part, by the reader
made for its class of rows, give what they give read one attribute at a time from any
other row: each field's column, converted, and None for a column the row was read without."""

from __future__ import annotations

from collections import namedtuple
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from api.core.columns import Columns
from api.tickets.types import Message, Ticket

_DECLARED: tuple[Columns, ...] = (Ticket.COLUMNS, Message.COLUMNS)


def _row_class(columns: tuple[str, ...]) -> Any:
    return namedtuple("Row", columns)  # as domain.partial_rows makes them


_READ = st.sampled_from(_DECLARED).flatmap(
    lambda columns: st.tuples(
        st.just(columns),
        st.lists(
            st.sampled_from(sorted({column for column, _ in columns.fields.values()})),
            unique=True,
        ).map(lambda picked: ("id", *picked)),
        st.data(),
    )
)


@settings(max_examples=150, deadline=None)
@given(_READ)
def test_a_row_read_in_part_gives_what_its_attributes_give(read: Any) -> None:
    columns, names, data = read
    row_class = _row_class(names)
    values = st.text(max_size=3) | st.integers() | st.none()
    row = row_class(*data.draw(st.lists(values, min_size=len(names), max_size=len(names))))
    converted = _convertible(columns, row)

    # When the row's declared fields are read by position and by attribute
    by_position = columns.values(converted)
    by_attribute = columns.values(SimpleNamespace(**converted._asdict()))

    # Then they are the same fields, with the same values
    assert by_position == by_attribute
    assert set(by_position) == set(columns.fields)
    assert columns.readers[row_class] is not None  # the reader was made for the class


def _convertible(columns: Columns, row: Any) -> Any:
    """`row` with a value each column's conversion takes (a conversion checks its input)."""
    fixed = row._asdict()
    for column, convert in columns.fields.values():
        if convert is not None and column in fixed:
            fixed[column] = _a_value_for(convert)
    return type(row)(**fixed)


def _a_value_for(convert: Any) -> Any:
    for candidate in (1, "public", "internal", 0, None):
        try:
            convert(candidate)
        except Exception:  # not a value of this column
            continue
        return candidate
    raise AssertionError(f"no value converts with {convert}")


def test_each_class_of_rows_gets_its_own_reader() -> None:
    columns = Message.COLUMNS
    first, second = _row_class(("id", "body")), _row_class(("id", "body", "author_name"))
    assert columns.values(first(1, "a")) == columns.values(SimpleNamespace(id=1, body="a"))
    found = columns.values(second(1, "a", "Ana"))
    assert (found["body"], found["author_name"], found["channel"]) == ("a", "Ana", None)
    assert {first, second} <= set(columns.readers)
