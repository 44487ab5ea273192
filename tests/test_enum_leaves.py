"""A compiled plan writes an enum member as the enum's own serializer does, looked up once per
member (api.core.plan_leaves.enum_members), and anything else through the serializer itself."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLEnumType

from api.core.plan_leaves import enum_members, leaf
from api.schema import schema

ENUMS = [
    named
    for named in schema._schema.type_map.values()
    if isinstance(named, GraphQLEnumType) and hasattr(named, "wrapped_cls")
]


def _outcome(complete: Any, values: Any) -> Any:
    try:
        return complete(None, values if isinstance(values, list) else [values], None, None)
    except Exception as error:  # the same refusal both ways
        return type(error)


@pytest.mark.parametrize("enum", ENUMS, ids=lambda enum: enum.name)
def test_a_member_is_written_as_the_enum_serializes_it(enum: GraphQLEnumType) -> None:
    coerce = enum.coerce_output_value
    found = enum_members(enum, coerce)
    assert found is not None and found[0] is enum.wrapped_cls  # type: ignore[attr-defined]
    looked_up = leaf(coerce, None, found)
    serialized = leaf(coerce)
    members: list[Any] = list(found[0])

    assert len(found[1]) == len(members)
    assert _outcome(looked_up, members) == [coerce(member) for member in members]
    # A value equal to a member but not one (its text, say) is the serializer's to judge.
    for member in members:
        for lookalike in (member.value, str(member.value), member.name):
            assert _outcome(looked_up, lookalike) == _outcome(serialized, lookalike)


def test_a_scalar_or_plain_enum_has_no_members_to_look_up() -> None:
    string = schema._schema.type_map["String"]
    assert enum_members(string, string.coerce_output_value) is None  # type: ignore[attr-defined]
