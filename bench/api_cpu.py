"""CPU per request of the processes a figure loads, read from /proc around each wrk run.

On these two-core machines the API's one process and the database server share the cores
with wrk: a figure is bound by whichever saturates first. Printed beside each figure, the
CPU each process spent per request shows which one that is (the API process at about one
core, say) and where the two sides differ (the API process or the database server), so a
ratio is read with its cause rather than from a separate profile.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Watch:
    """Named process trees (a root pid each: uvicorn's process, the postmaster or the
    wrapper that started it) whose CPU a wrk run is charged."""

    roots: Mapping[str, int]

    def sample(self) -> dict[str, float]:
        """Seconds of CPU so far of each tree (its processes alive now), or nothing where
        /proc cannot be read (not Linux)."""
        parents = _parents()
        if not parents:
            return {}
        return {name: sum(map(_cpu, _tree(root, parents))) for name, root in self.roots.items()}


def per_request(
    before: Mapping[str, float], after: Mapping[str, float], requests: int
) -> dict[str, float]:
    """Microseconds of CPU per request of each tree between two samples."""
    if not requests:
        return {}
    return {name: (after[name] - before[name]) * 1e6 / requests for name in after if name in before}


def _parents() -> dict[int, int]:
    """Each process's parent, from /proc."""
    found: dict[int, int] = {}
    try:
        entries = list(PROC.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        stat = _stat(int(entry.name))
        if stat is not None:
            found[int(entry.name)] = int(stat[1])
    return found


def _tree(root: int, parents: Mapping[int, int]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, ()))
    return found


def _cpu(pid: int) -> float:
    """User and system seconds of a process (all its threads), 0 once it is gone."""
    stat = _stat(pid)
    return 0.0 if stat is None else (int(stat[11]) + int(stat[12])) / _TICKS


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command's name (state first), or None."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text.rpartition(")")[2].split()
