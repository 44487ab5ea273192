"""api.core.ids: a global ID parsed again answers from the bounded cache exactly as a fresh
parse does, for well-formed IDs of any type and number and for anything else a client sends."""

from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from api.core import ids
from api.core.ids import encode_id, parse_global_id

fresh = ids._parsed.__wrapped__  # the parse itself, without the cache


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()


values = st.one_of(
    st.builds(
        encode_id,
        st.sampled_from(["Ticket", "Category", "TicketEvent", "Nope"]),
        st.integers(min_value=0, max_value=2**64),
    ),
    st.builds(
        lambda kind, node: _b64(f"{kind}:{node}"),
        st.sampled_from(["Ticket", "", "Ticket:Ticket"]),
        st.one_of(st.text(max_size=8), st.just(" 1"), st.just("+1"), st.just("1_0")),
    ),
    st.text(max_size=40),  # not base64, or base64 of anything
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", max_size=24
    ),
    st.text(min_size=195, max_size=210),  # around the length limit
)


@settings(max_examples=500, deadline=None)
@given(value=values)
def test_a_parse_from_the_cache_is_a_fresh_parse(value: str) -> None:
    expected = None if len(value) > 200 else fresh(value)
    assert parse_global_id(value) == expected
    assert parse_global_id(value) == expected  # the second time, from the cache


def test_the_cache_is_bounded() -> None:
    for pk in range(1, ids.PARSED_IDS + 100):
        assert parse_global_id(encode_id("Ticket", pk)) == ("Ticket", pk)
    info = ids._parsed.cache_info()
    assert info.maxsize == ids.PARSED_IDS and info.currsize <= ids.PARSED_IDS
    assert parse_global_id(123) is None  # type: ignore[arg-type]  # not a string: not cached
