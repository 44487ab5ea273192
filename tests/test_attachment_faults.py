"""Attachments under faults (distributed): a worker killed with -9 while it stores a file."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from pathlib import Path

import pytest

from tests.cluster import cluster
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.distributed_support import eventually, seeded_database, sql
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.services import Postgres, Redis, free_port
from tests.uploads import REPLY_WITH_FILES, files_under, upload

pytestmark = pytest.mark.slow


SIZE = 48 * 1024 * 1024
ATTEMPTS = 5


def _partial_copy_appears(temp: Path, within: float = 60.0) -> bool:
    """Wait until a partial stored copy appears (the worker is writing it)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if temp.exists() and any(temp.iterdir()):
            return True
        time.sleep(0.002)
    return False


async def test_a_worker_killed_while_storing_retries_to_a_single_stored_copy(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    env = await seeded_database(
        postgres,
        own_redis,
        data_dir=str(tmp_path),
        attachment_max_file_bytes=str(64 * 1024 * 1024),
        outbox_sweep_seconds="0.5",
        outbox_grace_seconds="0",
        outbox_stale_seconds="3",
    )
    blobs = tmp_path / "attachments" / "blobs"
    with cluster(env, tmp_path) as processes:
        gql = GraphQLClient(processes.api(free_port()))
        try:
            processes.scheduler()  # its outbox sweep re-sends the killed worker's job
            customer = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            ticket = await create_ticket(gql, customer)
            # Given a worker, and a large file being stored by it when it is killed with -9
            # (the file is stored in well under a second: retry until the kill lands mid-copy)
            for _attempt in range(ATTEMPTS):
                worker = processes.worker("worker", threads=1)
                content = b"log line\n" * (SIZE // 9) + os.urandom(16)
                key = hashlib.sha256(content).hexdigest()
                variables = {"input": {"ticketId": ticket["id"], "message": "Registro completo."}}
                reply = await upload(
                    gql,
                    REPLY_WITH_FILES,
                    variables,
                    [("big.log", content, "text/plain")],
                    token=customer,
                )
                (attachment,) = reply.data["replyToTicket"]["reply"]["attachments"]
                caught = await asyncio.to_thread(_partial_copy_appears, blobs / ".tmp")
                processes.stop(worker, kill=True)
                rows = await sql(
                    env,
                    "SELECT id, state FROM attachment WHERE sha256 IS NULL AND state = 'PENDING'",
                )
                if caught and rows and not (blobs / key[:2] / key[2:4] / key).exists():
                    break
            else:
                raise AssertionError(f"no kill landed mid-store in {ATTEMPTS} attempts")
            assert any((blobs / ".tmp").iterdir()), "the killed worker left its partial copy"

            # When a new worker starts (the outbox sends the unfinished job again)
            processes.worker("worker-2", threads=1)

            # Then the file is stored, once, whole, and the partial copy is gone
            (pending_id,) = [int(row["id"]) for row in rows]
            states = await eventually(
                lambda: sql(env, "SELECT state, sha256 FROM attachment WHERE id = $1", pending_id),
                lambda found: found[0]["state"] != "PENDING",
            )
            assert (states[0]["state"], states[0]["sha256"]) == ("STORED", key)
            stored = [path for path in files_under(blobs) if path.name == key]
            assert stored == [blobs / key[:2] / key[2:4] / key]
            assert hashlib.sha256(stored[0].read_bytes()).hexdigest() == key
            assert list((blobs / ".tmp").iterdir()) == []
            assert attachment["state"] == "PENDING"
            # And its quarantined upload was removed
            assert files_under(tmp_path / "attachments" / "quarantine") == set()
        finally:
            await gql.close()
