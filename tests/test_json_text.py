"""domain.json_text: the text of json.dumps with the same options, or its error, for any value."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.json_text import dumps_with

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and the infinities too
    st.text(),  # non-ASCII, quotes, control characters, lone surrogates
    st.dates(),  # not JSON: default=str, or json's TypeError
    st.decimals(allow_nan=False),
)
keys = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats())
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=12,
)
options = st.fixed_dictionaries(
    {},
    optional={
        "sort_keys": st.booleans(),
        "ensure_ascii": st.booleans(),
        "default": st.sampled_from([str, repr]),
        "separators": st.sampled_from([(",", ":"), (", ", ": "), (";", "=")]),
    },
)


def _outcome(dump: Any, value: Any) -> tuple[str, str]:
    try:
        return "text", dump(value)
    except (TypeError, ValueError) as error:
        return "error", type(error).__name__


@settings(max_examples=600, deadline=None)
@given(value=values, chosen=options)
def test_the_text_or_error_is_json_dumps_s(value: Any, chosen: dict[str, Any]) -> None:
    expected = _outcome(lambda v: json.dumps(v, **chosen), value)
    assert _outcome(dumps_with(**chosen), value) == expected


@pytest.mark.parametrize(
    ("value", "chosen"),
    [
        ({"b": 1, "a": [1.5, float("nan")], "ñ": date(2026, 1, 2)}, {"default": str}),
        ({"b": 1, "a": {"z": None, "y": True}}, {"sort_keys": True}),
        ({"b": 1, 2: "x"}, {"sort_keys": True}),  # keys json cannot order: TypeError
        ({"amount": Decimal("1.10")}, {}),  # not JSON: TypeError
        ("¿qué?", {"ensure_ascii": False}),
        ("¿qué?", {}),
    ],
)
def test_known_values(value: Any, chosen: dict[str, Any]) -> None:
    assert _outcome(dumps_with(**chosen), value) == _outcome(
        lambda v: json.dumps(v, **chosen), value
    )


def test_one_encoder_serves_many_calls_after_a_failed_one() -> None:
    dump = dumps_with(sort_keys=True)
    with pytest.raises(TypeError):
        dump({"a": object()})
    shared = [1, 2]
    assert dump({"x": shared, "y": shared}) == json.dumps({"x": shared, "y": shared})
