"""The API bench's CPU per request (bench.api_cpu): a watched tree is charged the CPU of its
root and of every process below it (PostgreSQL's backends are the postmaster's children),
and nothing of a process outside it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from bench.api_cpu import Watch, per_request

# A child that burns CPU for the seconds given, and a parent that starts it and waits.
BURN = """
import sys, time
end = time.process_time() + float(sys.argv[1])
while time.process_time() < end:
    pass
"""
BURNING_CHILD = f"""
import subprocess, sys
subprocess.run([sys.executable, "-c", {BURN!r}, sys.argv[1]], check=True)
input()
"""


@pytest.fixture
def burning_tree() -> Iterator[subprocess.Popen[str]]:
    parent = subprocess.Popen(
        [sys.executable, "-c", BURNING_CHILD, "0.6"], stdin=subprocess.PIPE, text=True
    )
    yield parent
    parent.kill()
    parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_tree_is_charged_its_childrens_cpu_and_an_idle_process_nothing(
    burning_tree: subprocess.Popen[str],
) -> None:
    idle = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE, text=True)
    try:
        watch = Watch({"tree": burning_tree.pid, "idle": idle.pid})
        before = watch.sample()
        # Sampled while the child burns: once it exits its CPU leaves the tree's sum.
        deadline = time.monotonic() + 30
        while (during := watch.sample())["tree"] - before["tree"] < 0.3:
            assert time.monotonic() < deadline, during
            time.sleep(0.05)
        charged = per_request(before, during, requests=1000)
        # 0.3 s or more over 1,000 requests: 300 us or more each; the idle process's
        # interpreter had started before the first sample.
        assert charged["tree"] >= 300, charged
        assert charged["idle"] < 50, charged
    finally:
        idle.kill()
        idle.wait()


def test_no_requests_no_figures() -> None:
    assert per_request({"a": 1.0}, {"a": 2.0}, requests=0) == {}
