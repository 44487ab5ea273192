"""Load from wrk against a running server: requests per second and latency, and the CPU
per request of the processes watched meanwhile (bench.api_cpu)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.api_cpu import Watch, per_request

DURATION_SECONDS = 5
CONNECTIONS = 16
THREADS = 2


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_us: dict[str, float] = field(default_factory=dict)  # per request, of each watched tree

    def __str__(self) -> str:
        rate = f"{self.requests_per_second:8.0f} req/s"
        return f"{rate}  p50 {self.p50_ms:6.1f} ms  p99 {self.p99_ms:6.1f} ms"


def best(loads: list[Load]) -> Load:
    """The fastest of several measures of one figure."""
    return max(loads, key=lambda load: load.requests_per_second)


async def in_turn(measures: Sequence[Callable[[], Load]], rounds: int) -> list[Load]:
    """Each measure `rounds` times, in turn (a, b, a, b, ...), and the best of each: a burst
    of other work on the machine lands in one sample of one side, not in the ratio."""
    samples: list[list[Load]] = [[] for _ in measures]
    for _ in range(rounds):
        for measure, kept in zip(measures, samples, strict=True):
            kept.append(await asyncio.to_thread(measure))
    return [best(kept) for kept in samples]


def _lua(
    method: str,
    body: object | None,
    headers: dict[str, str],
    bodies: list[object] | None = None,
) -> str:
    lines = [f'wrk.method = "{method}"']
    if body is not None:
        lines.append(f"wrk.body = {json.dumps(json.dumps(body))}")
    if bodies:
        # Each request the next of `bodies`, round and round (each thread from its own start).
        listed = ",\n".join(json.dumps(json.dumps(item)) for item in bodies)
        lines += [
            f"bodies = {{\n{listed}\n}}",
            "turn = 0",
            "init = function(args) turn = math.random(#bodies) end",
            "request = function()",
            "  turn = turn % #bodies + 1",
            "  return wrk.format(nil, nil, nil, bodies[turn])",
            "end",
        ]
    lines += [f'wrk.headers["{key}"] = {json.dumps(value)}' for key, value in headers.items()]
    # Count responses that are not 2xx, or GraphQL responses with errors, as errors. Each wrk
    # thread runs the script in its own Lua state: `done` sums the threads' counters.
    lines += [
        "bad = 0",
        "threads = {}",
        "setup = function(thread) table.insert(threads, thread) end",
        "response = function(status, headers, body)",
        "  if status >= 300 or string.find(body, '\"errors\"', 1, true) then bad = bad + 1 end",
        "end",
        "done = function(summary, latency, requests)",
        "  local total = 0",
        '  for _, thread in ipairs(threads) do total = total + thread:get("bad") end',
        '  io.write(string.format("BAD %d\\n", total))',
        "end",
    ]
    return "\n".join(lines) + "\n"


def _ms(text: str) -> float:
    value, unit = float(re.match(r"[\d.]+", text)[0]), re.sub(r"[\d.]+", "", text)  # type: ignore[index]
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(
    url: str,
    *,
    method: str = "GET",
    body: object | None = None,
    headers: dict[str, str] | None = None,
    bodies: list[object] | None = None,
    watch: Watch | None = None,
) -> Load:
    """`bodies`: send these in turn instead of one `body` (writes spread over many rows);
    `watch`: the processes whose CPU per request the load gives (`Load.cpu_us`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(method, body, headers or {}, bodies))
    argv = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION_SECONDS}s", "--latency"]
    argv += ["-s", script.name, url]
    before = watch.sample() if watch else {}
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=120).stdout
    finally:
        Path(script.name).unlink()
    after = watch.sample() if watch else {}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out)[1])  # type: ignore[index]
    bad = int(re.search(r"BAD (\d+)", out)[1])  # type: ignore[index]
    sent = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    return Load(rate, p50, p99, bad, per_request(before, after, sent))
