"""`make bench`: run every registered scenario (or those named on the command line).

A scenario is a module in this package with `NAME` and `def run()` (plain or async); each prints its
figure next to a baseline measured in the same run. Add yours to SCENARIOS.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys

SCENARIOS = {
    "guest_timing": "bench.guest_timing",
    "sla_sweep": "bench.sla_sweep",
    "sla_lateness": "bench.sla_lateness",
    "email_ingest": "bench.email_ingest",
    "distributed": "bench.distributed",
    "live": "bench.live",
    "upload": "bench.upload",
    "kb_search": "bench.kb_search",
    "view_counts": "bench.view_counts",
    "ticket_search": "bench.ticket_search",
    "api": "bench.api",
    "webhook_fanout": "bench.webhook_fanout",
    "time_rule_planning": "bench.time_rule_planning",
    "trigger_throughput": "bench.trigger_throughput",
}


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        print(f"unknown scenarios: {', '.join(unknown)} (known: {', '.join(SCENARIOS)})")
        return 2
    for name in names or list(SCENARIOS):
        print(f"== {name}")
        result = importlib.import_module(SCENARIOS[name]).run()
        if inspect.iscoroutine(result):
            asyncio.run(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
