"""A 1 GB upload to a real API process (uvicorn subprocess, embedded mode): the figure is
the API process's peak memory increase (must stay within 64 MB: the file is streamed to
quarantine, never held) and its throughput, next to a plain copy of a 1 GB file on the same
disk measured in the same run. The body is generated on the fly, never kept in memory."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from tests.cluster import cluster, seed_demo
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.services import free_port
from tests.uploads import ATTACHMENTS, REPLY_WITH_FILES

NAME = "upload"
SIZE = 1024**3
CHUNK = 1024 * 1024
MEMORY_BUDGET = 64 * 1024 * 1024
BOUNDARY = "mesa-bench-boundary"


def run() -> None:
    asyncio.run(_run())


def _chunk() -> bytes:
    line = b"2026-11-23 10:00:00 ERROR upstream timed out while reading the response\n"
    return (line * (CHUNK // len(line) + 1))[:CHUNK]


def _memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def _reset_peak(pid: int) -> int:
    """Reset the process's peak RSS to its current RSS (Linux `clear_refs` 5), so a higher
    peak from start-up cannot hide growth; returns the current RSS in kB."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    return _memory_kb(pid, "VmRSS")


def _multipart(ticket_id: str) -> tuple[bytes, bytes]:
    operations = {
        "query": REPLY_WITH_FILES,
        "variables": {"input": {"ticketId": ticket_id, "message": "1 GB", "attachments": [None]}},
    }
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f"{json.dumps(operations)}\r\n"
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        f'{{"0": ["variables.input.attachments.0"]}}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="big.log"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    return head, f"\r\n--{BOUNDARY}--\r\n".encode()


async def _body(head: bytes, tail: bytes) -> AsyncIterator[bytes]:
    yield head
    chunk = _chunk()
    for _ in range(SIZE // CHUNK):
        yield chunk
    yield tail


def _plain_copy(folder: Path) -> float:
    """Seconds to copy a 1 GB file (written first, on the same disk)."""
    source, target = folder / "copy-source", folder / "copy-target"
    chunk = _chunk()
    with source.open("wb") as stream:
        for _ in range(SIZE // CHUNK):
            stream.write(chunk)
        os.fsync(stream.fileno())
    started = time.perf_counter()
    shutil.copyfile(source, target)
    with target.open("rb+") as stream:
        os.fsync(stream.fileno())
    elapsed = time.perf_counter() - started
    source.unlink()
    target.unlink()
    return elapsed


async def _run() -> None:
    with tempfile.TemporaryDirectory(prefix="mesa-bench-upload-") as name:
        folder = Path(name)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
        env |= {
            "MESA_DATABASE_URL": f"sqlite://{folder / 'bench.sqlite3'}",
            "MESA_DATA_DIR": str(folder),
            "MESA_ATTACHMENT_MAX_FILE_BYTES": str(2 * SIZE),
            "MESA_ATTACHMENT_MAX_TICKET_BYTES": str(2 * SIZE),
        }
        await seed_demo(env)
        with cluster(env, folder) as processes:
            gql = GraphQLClient(processes.api(free_port()))
            api_pid = processes.processes[-1].pid
            try:
                token = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
                ticket = await create_ticket(gql, token)
                head, tail = _multipart(ticket["id"])
                before = _reset_peak(api_pid)
                started = time.perf_counter()
                async with httpx.AsyncClient(base_url=gql.base_url, timeout=600) as client:
                    response = await client.post(
                        "/graphql",
                        content=_body(head, tail),
                        headers={
                            "Authorization": f"Bearer {token}",
                            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                            "Content-Length": str(len(head) + SIZE + len(tail)),
                        },
                    )
                upload_seconds = time.perf_counter() - started
                payload = response.json()["data"]["replyToTicket"]
                assert payload["__typename"] == "ReplyToTicketSuccess", payload
                upload_peak = _memory_kb(api_pid, "VmHWM")
                # The embedded worker then sniffs, hashes and stores it in the same process.
                stored_at = time.perf_counter()
                while True:
                    answer = await gql.execute(
                        ATTACHMENTS, {"t": ticket["trackingId"]}, token=token
                    )
                    states = [a["state"] for a in answer.data["ticket"]["attachments"]]
                    if states and states[0] != "PENDING":
                        break
                    await asyncio.sleep(0.2)
                store_seconds = time.perf_counter() - stored_at
                final_peak = _memory_kb(api_pid, "VmHWM")
            finally:
                await gql.close()
        copy_seconds = await asyncio.to_thread(_plain_copy, folder)
    mb = SIZE / 1e6
    upload_growth = (upload_peak - before) * 1024
    total_growth = (final_peak - before) * 1024
    print(
        f"upload: 1 GB multipart upload {mb / upload_seconds:.0f} MB/s ({upload_seconds:.1f} s), "
        f"baseline plain file copy {mb / copy_seconds:.0f} MB/s ({copy_seconds:.1f} s); "
        f"worker stored it ({states[0]}) in {store_seconds:.1f} s"
    )
    print(
        f"upload: API peak RSS +{upload_growth / 2**20:.1f} MB during the upload, "
        f"+{total_growth / 2**20:.1f} MB including storing (budget 64 MB, "
        f"RSS before {before / 1024:.0f} MB)"
    )
    if total_growth > MEMORY_BUDGET:
        raise SystemExit("upload: the API process's memory grew past 64 MB")
