"""A connection's cursors keep their form: base64 of the compact JSON `[sort field, value,
id]`, a moment as its ISO string with its offset. Clients keep cursors across releases, so
a cursor written today is read by the next release and the same one is written again."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.core.cursors import decode_cursor, encode_cursor
from domain.errors import ValidationFailed
from domain.pagination import Position

ITEM = SimpleNamespace(
    id=123456,
    created_at=datetime(2026, 12, 4, 16, 33, 24, 780296, tzinfo=UTC),
    updated_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5))),
)
# Written by the release before this test (json.dumps with compact separators).
WRITTEN = {
    "created_at": "WyJjcmVhdGVkX2F0IiwiMjAyNi0xMi0wNFQxNjozMzoyNC43ODAyOTYrMDA6MDAiLDEyMzQ1Nl0=",
    "id": "WyJpZCIsMTIzNDU2LDEyMzQ1Nl0=",
    "updated_at": "WyJ1cGRhdGVkX2F0IiwiMjAyNi0wMS0wMlQwMzowNDowNS0wNTowMCIsMTIzNDU2XQ==",
}


@pytest.mark.parametrize("sort_field", sorted(WRITTEN))
def test_a_cursor_is_written_as_before_and_read_back(sort_field: str) -> None:
    assert encode_cursor(sort_field, ITEM) == WRITTEN[sort_field]
    assert decode_cursor(WRITTEN[sort_field], sort_field) == Position(
        value=getattr(ITEM, sort_field), id=ITEM.id
    )


def test_a_cursor_of_another_order_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        decode_cursor(WRITTEN["created_at"], "updated_at")


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(timezones=st.none() | st.timezones()),
    pk=st.integers(min_value=1, max_value=2**62),
)
def test_any_moment_is_written_as_its_iso_string(moment: datetime, pk: int) -> None:
    # Any zone, any offset (whole minutes, or the seconds of a local mean time), or none
    item = SimpleNamespace(id=pk, created_at=moment)
    compact = json.dumps(["created_at", moment.isoformat(), pk], separators=(",", ":"))
    assert encode_cursor("created_at", item) == base64.urlsafe_b64encode(compact.encode()).decode()
