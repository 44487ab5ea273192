"""Opaque connection cursors: base64 of the sort key and id where a page ended."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import orjson
import strawberry
from strawberry import relay
from strawberry.relay.types import NodeType

from api.core.ids import MAX_PK
from api.core.moments import whole_minutes
from domain.errors import ValidationFailed
from domain.pagination import Page, Position

T = TypeVar("T")


def encode_cursor(sort_field: str, item: Any) -> str:
    value = getattr(item, sort_field)
    if isinstance(value, datetime) and not whole_minutes(value.utcoffset()):
        value = value.isoformat()
    # orjson writes the compact JSON that json.dumps(separators=(",", ":")) does for these
    # ASCII names, ISO strings and integers, in half the time (one per edge of every page),
    # and a moment as its isoformat() where it writes the same (api.core.moments).
    return base64.urlsafe_b64encode(orjson.dumps([sort_field, value, item.id])).decode()


def decode_cursor(cursor: str | None, sort_field: str) -> Position | None:
    if cursor is None:
        return None
    try:
        field, value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()[:512]))
        if field != sort_field or type(pk) is not int or not 0 < pk <= MAX_PK:
            raise ValueError(pk)
        if sort_field.endswith("_at"):
            # Only what encode_cursor writes: an ISO string with its time zone.
            value = datetime.fromisoformat(value)
            if value.tzinfo is None:
                raise ValueError(value)
        elif type(value) is not int:  # the other sort key, id, is an integer
            raise ValueError(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed(
            "The cursor is not valid for this list and order.", field="after"
        ) from None
    return Position(value=value, id=pk)


@strawberry.type(description="A page of a list, with the cursors to go on.")
class Connection(relay.Connection[NodeType]):
    counter: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="How many items the whole list holds, on every page.")
    async def total_count(self) -> int:
        return 0 if self.counter is None else await self.counter()


def to_connection(page: Page[Any], sort_field: str, node: Any) -> Connection[Any]:
    edges = [
        relay.Edge(node=node(item), cursor=encode_cursor(sort_field, item)) for item in page.items
    ]
    return Connection(
        counter=page.count,
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


# Ranked results (searches) are ordered by relevance, not by a column: their cursors hold a
# position.
def position_cursor(position: int) -> str:
    raw = json.dumps(["search", position], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def position_offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        kind, position = json.loads(base64.urlsafe_b64decode(cursor.encode()[:128]))
        if kind != "search" or type(position) is not int or not 0 < position <= MAX_PK:
            raise ValueError(position)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed("The cursor is not valid for this search.", field="after") from None
    return position


def to_ranked_connection(page: Page[Any], offset: int, node: Any) -> Connection[Any]:
    edges = [
        relay.Edge(node=node(item), cursor=position_cursor(offset + n))
        for n, item in enumerate(page.items, start=1)
    ]
    return Connection(
        counter=page.count,
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
