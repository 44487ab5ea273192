"""api.http.wellformed.parse: JSON text that its scan finds plain skips the walk of its
value, and is then exactly what the walk would accept; everything else is walked, so a NUL,
a lone surrogate or nesting past the limit is refused however it is written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cross_web import HTTPException
from hypothesis import given, settings
from hypothesis import strategies as st

from api.http import wellformed

TEXT = st.text(st.characters(codec=None, blacklist_categories=()), max_size=8)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)


def _outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return ("value", parse(text))
    except HTTPException as error:
        return ("refused", str(error))


def _walked(text: str) -> object:
    """What the value's walk alone decides (the scan left out)."""
    value = json.loads(text)
    wellformed.check(value)
    return value


def _nested(depth: int, leaf: object) -> object:
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"k": leaf}
    return leaf


@settings(max_examples=300, deadline=None)
@given(value=VALUES, depth=st.sampled_from([0, 1, 30, 31, 32, 33, 40]), ascii_only=st.booleans())
def test_the_scan_decides_as_the_walk(value: object, depth: int, ascii_only: bool) -> None:
    """Text of any value (NUL and lone surrogates among its characters, escaped or written
    as themselves), nested to around the limit: parsed or refused as the walk decides."""
    try:
        text = json.dumps(_nested(depth, value), ensure_ascii=ascii_only)
    except (RecursionError, ValueError):
        return
    assert _outcome(wellformed.parse, text) == _outcome(_walked, text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "\\u0000"}',
        '{"\\u0000": 1}',
        '{"a": "\\ud800"}',
        '["\\uDFFF"]',
        '{"a": "\ud800"}',
        '{"a": "\x00"}',
        "[" * 33 + "]" * 33,
        '{"k": ' * 33 + "1" + "}" * 33,
    ],
)
def test_what_the_walk_refuses_is_refused(text: str) -> None:
    outcome = _outcome(wellformed.parse, text)
    assert outcome[0] == "refused", text


def test_plain_text_is_parsed_without_the_walk() -> None:
    plain = '{"query": "mutation { createTicket(input: $input) { ok } }", "variables": [1, {}]}'
    assert wellformed._plain(plain)
    assert wellformed.parse(plain) == json.loads(plain)
    assert not wellformed._plain('{"a": "caf\\u00e9"}')  # any escape of a code point: walked
    assert wellformed.parse('{"a": "caf\\u00e9"}') == {"a": "café"}
