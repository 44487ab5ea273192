"""Jobs travel as dramatiq's JSON messages, written and read by orjson (workers.broker): the
same JSON values dramatiq's own encoder writes and reads, whatever a job carries, so a
process of another release reads them."""

from __future__ import annotations

import json
from typing import Any

import dramatiq
import pytest
from dramatiq.encoder import JSONEncoder
from dramatiq.errors import DecodeError

from workers.broker import OrjsonEncoder

PAYLOADS: dict[str, dict[str, Any]] = {
    "a delivery job": {
        "queue_name": "default",
        "actor_name": "deliver_notification",
        "args": [],
        "kwargs": {"notification_id": 12, "outbox_id": 40, "request_id": "a1b2"},
        "options": {"redis_message_id": "5e7c", "retries": 2},
        "message_id": "9f1d",
        "message_timestamp": 1_796_500_000_000,
    },
    "text in any script": {"kwargs": {"subject": "¿Dónde está? 日本語 \u2028 ✓", "n": None}},
    "a lone surrogate": {"kwargs": {"body": "roto \udce9 aquí"}},
    "a key that is not a string": {"kwargs": {"by_id": {1: "uno"}}},
    "an integer past 64 bits": {"kwargs": {"big": 2**70, "ratio": 1.5}},
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_job_is_written_and_read_as_dramatiq_s_own_json(name: str) -> None:
    payload, standard = PAYLOADS[name], JSONEncoder()
    written = OrjsonEncoder().encode(payload)
    # The same JSON value dramatiq's encoder writes
    assert json.loads(written) == json.loads(standard.encode(payload))
    # Read back as dramatiq reads it, and dramatiq's own writing read as dramatiq reads it
    assert OrjsonEncoder().decode(written) == standard.decode(standard.encode(payload))
    assert OrjsonEncoder().decode(standard.encode(payload)) == standard.decode(
        standard.encode(payload)
    )


def test_what_is_no_json_is_dramatiq_s_decode_error() -> None:
    with pytest.raises(DecodeError):
        OrjsonEncoder().decode(b'{"kwargs": ')


def test_every_message_of_the_process_uses_it() -> None:
    import workers.broker  # noqa: F401  (configures dramatiq)

    assert isinstance(dramatiq.get_encoder(), OrjsonEncoder)
    message = dramatiq.Message(
        queue_name="default", actor_name="a", args=(), kwargs={"x": "ü"}, options={}
    )
    assert dramatiq.Message.decode(message.encode()) == message
