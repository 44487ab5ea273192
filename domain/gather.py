"""What a queue holds after a few milliseconds, taken at once: one round trip for many.

The live bus (domain.live.bus) and the outbox relay (workers.outbox) send what each commit
hands them to Redis from one task each. Sent as it came, every commit cost its own round
trip, and on the bus its own message for every process to read back; under load most of
that was the client's per-call work, not Redis's. Waiting a few milliseconds after the
first item lets the commits of that moment go together (Nagle's algorithm, or a database's
group commit, do the same). Nothing a client sees waits for it: the commit is done, and a
live update or a job starts no more than `GATHER_SECONDS` later.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

GATHER_SECONDS = 0.005

T = TypeVar("T")


async def gathered(queue: asyncio.Queue[T], limit: int) -> list[T]:
    """The queue's next item and, `GATHER_SECONDS` later, those that joined it meanwhile
    (`limit` in all at most), in their order."""
    batch = [await queue.get()]
    await asyncio.sleep(GATHER_SECONDS)
    while len(batch) < limit and not queue.empty():
        batch.append(queue.get_nowait())
    return batch
