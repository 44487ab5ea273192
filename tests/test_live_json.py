"""What a process publishes to the others (distributed, through Redis) is read back as the
same live event, whatever it carries: a message, text in any script, a lone surrogate a
mail may have brought, nested before/after values, extra data."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from domain.frozen_init import replaced
from domain.live.events import LiveEvent, LiveMessage, live_from_json
from domain.models import AuthorKind, Channel, EventKind

MOMENT = datetime(2026, 12, 4, 16, 0, 0, 123, tzinfo=UTC)


def message(body: str) -> LiveMessage:
    return LiveMessage(
        id=5,
        body=body,
        author_kind=AuthorKind.AGENT,
        author_name="Ána Núñez",
        internal=False,
        channel=Channel.EMAIL,
        created_at=datetime(2026, 12, 4, 11, 0, tzinfo=timezone(timedelta(hours=-5))),
    )


REPLY = LiveEvent(
    id=9,
    ticket_id=3,
    kind=EventKind.MESSAGE_ADDED,
    actor_kind=AuthorKind.AGENT,
    actor_name="Ána Núñez",
    internal=False,
    created_at=MOMENT,
    customer_id=4,
    department_ids=(1, 2),
    actor_staff_id=7,
    message=message("¿Desde cuándo? 日本語 \u2028 ✓"),
    position=12,
)
EVENTS = {
    "a reply": REPLY,
    "a change": replace(
        REPLY,
        id=10,
        kind=EventKind.STATUS_CHANGED,
        actor_kind=AuthorKind.SYSTEM,
        actor_name="Mesa",
        internal=True,
        created_at=MOMENT.replace(microsecond=0),
        customer_id=None,
        department_ids=(1,),
        actor_staff_id=None,
        message=None,
        before={"status": "NEW", "tags": ["a", "ü"], "n": None},
        after={"status": "OPEN", "ratio": 1.5, "deep": {"x": [1, {"y": True}]}},
        extra={"timeRule": "Escalar esperas", "actions": ["SET_IMPACT"]},
        position=0,
    ),
    "a lone surrogate": replace(
        REPLY, id=11, actor_kind=AuthorKind.CUSTOMER, message=message("roto \udce9 aquí")
    ),
}


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_a_published_event_is_read_back_as_itself(name: str) -> None:
    event = EVENTS[name]
    published = event.to_json()
    assert live_from_json(published) == event
    # The same JSON value the standard library wrote before (another release's processes
    # may read it)
    before = json.dumps({"type": "ticket_event", **asdict(event)}, default=datetime.isoformat)
    assert json.loads(published) == json.loads(before)


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_a_copy_with_changes_is_what_dataclasses_replace_makes(name: str) -> None:
    event = EVENTS[name]
    other = EVENTS["a change"] if name != "a change" else REPLY
    for field in fields(LiveEvent):
        change = {field.name: getattr(other, field.name)}
        ours, theirs = replaced(event, **change), replace(event, **change)
        assert type(ours) is LiveEvent and vars(ours) == vars(theirs) and ours == theirs
        assert ours is not event and vars(event) == vars(EVENTS[name])  # the original kept
    assert replaced(event) == event and replaced(event) is not event
    if event.message is not None:
        renumbered = replaced(event.message, id=99)
        assert renumbered == replace(event.message, id=99) and event.message.id == 5
    wrongs: tuple[Any, ...] = (event, message("x"))
    for wrong in wrongs:
        with pytest.raises(TypeError) as ours_error:
            replaced(wrong, positon=3)
        with pytest.raises(TypeError) as theirs_error:
            replace(wrong, positon=3)
        assert str(ours_error.value) == str(theirs_error.value)
