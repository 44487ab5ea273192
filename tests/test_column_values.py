"""A type's declared columns (api.core.columns) read from a row read in part, by the reader
made for its class of rows, give what they give read one attribute at a time from any
other row: each field's column, converted, and None for a column the row was read without."""

from __future__ import annotations

from collections import namedtuple
from types import SimpleNamespace
from typing import Any, get_type_hints

from hypothesis import given, settings
from hypothesis import strategies as st

from api.core.columns import Columns
from api.tickets.types import Message, Ticket
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

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


def _types_with_columns() -> list[type]:
    from api.core.columns import declared_columns
    from api.schema import schema

    found = []
    for graphql_type in schema._schema.type_map.values():
        definition = getattr(graphql_type, "extensions", {}).get("strawberry-definition")
        origin = getattr(definition, "origin", None)
        if declared_columns(origin) is not None and hasattr(origin, "from_model"):
            found.append(origin)
    return found


def test_every_type_built_from_a_row_read_in_part_is_what_its_init_makes() -> None:
    types = _types_with_columns()
    assert {Ticket, Message} <= set(types) and len(types) >= 6
    for cls in types:
        columns = cls.COLUMNS  # type: ignore[attr-defined]
        names = ("id", *sorted({column for column, _ in columns.fields.values()}))
        row = _convertible(columns, _row_class(names)(*range(len(names))))
        given = {"row": row} if cls is Ticket else {}

        # When the type is built from the row by its from_model, and by its dataclass __init__
        built = cls.from_model(row)  # type: ignore[attr-defined]
        initialised = cls(id=row.id, **given, **columns.values(row))

        # Then it is the same object: its class, and every attribute the __init__ sets
        assert type(built) is cls
        assert vars(built) == vars(initialised), cls
        assert built == initialised
        # and it was made without the __init__ (the declaration is known to match it)
        assert columns.made[cls][1] is not None, cls


def test_a_type_whose_init_does_more_is_built_by_it() -> None:
    from dataclasses import dataclass, field

    @dataclass
    class Counted:
        id: int
        body: str | None
        seen: list[int] = field(default_factory=list)

    columns = Columns("body")
    row = _row_class(("id", "body"))(7, "a")
    built = columns.build(Counted, row)
    assert built == Counted(id=7, body="a") and built.seen == []
    assert built.seen is not columns.build(Counted, row).seen  # a fresh default each time
    assert columns.made[Counted][1] is None


async def test_a_models_rows_give_what_their_attributes_give_whole_or_in_part(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    await create_ticket(gql, customer_token)  # a ticket and its message, at least
    built_types = set()
    for cls in _types_with_columns():
        columns = cls.COLUMNS  # type: ignore[attr-defined]
        model = get_type_hints(cls.from_model)["row"]  # type: ignore[attr-defined]
        whole = await model.all().limit(10)
        some = [column for column, _ in columns.fields.values()][:2]
        in_part = await model.all().limit(10).only("id", *some)
        for row in [*whole, *in_part]:
            # When its declared fields are read by the reader made for the model
            found = columns.values(row)
            # Then they are what each attribute gives (None where the row was read without it)
            assert found == columns._looked_up(row), (cls, row)
            assert columns.readers[type(row)] is not None
            # and the type built from it is what its __init__ makes of them
            given = {"row": row} if "row" in vars(cls.from_model(row)) else {}  # type: ignore[attr-defined]
            built = cls.from_model(row)  # type: ignore[attr-defined]
            assert vars(built) == vars(cls(id=row.id, **given, **found)), cls
        if whole:
            built_types.add(cls)
    assert {Ticket, Message} < built_types, built_types  # and the types they show
