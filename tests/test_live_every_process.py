"""Every process publishes what it commits (issue 15, point 5): an event committed by a
process that has no subscribers of its own (`mesa import-mail` here; `mesa smtpd` and
`mesa scheduler` commit the same way) reaches the live subscribers of `mesa serve`, embedded
(through the event table) and distributed (Redis, and the table behind it)."""

from __future__ import annotations

import asyncio
import mailbox
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from domain.clock import clock
from tests import rate_limits
from tests.conftest import DISTRIBUTED
from tests.factories import department_id
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client
from tests.sla_support import open_ticket_at
from tests.test_live_delivery import SLA_ALERTS
from tests.test_live_updates import QUEUE_EVENTS, subscribe

pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]


def import_mail(mbox: Path) -> subprocess.CompletedProcess[str]:
    """`mesa import-mail` in a process of its own, on the suite's database (and Redis)."""
    environment = {k: v for k, v in os.environ.items() if k != "MESA_REDIS_URL"}
    if rate_limits.redis_url is not None:  # the distributed suite
        environment["MESA_REDIS_URL"] = rate_limits.redis_url
    return subprocess.run(
        [sys.executable, "-m", "mesa", "import-mail", str(mbox)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_message_mbox(folder: Path, subject: str) -> Path:
    message = EmailMessage()
    message["From"] = "lucia@cliente.example"
    message["To"] = "soporte@mesa.example"
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash(subject))}@cliente.example>"
    message.set_content("El panel no carga desde esta mañana.")
    path = folder / "one.mbox"
    box = mailbox.mbox(path)
    box.add(message)
    box.flush()
    return path


async def test_a_ticket_another_process_commits_reaches_queue_subscribers(
    server: str, gql: GraphQLClient, agent_token: str, tmp_path: Path
) -> None:
    technical = await department_id(gql, "TECH")
    subject = f"Panel caído {tmp_path.name}"
    async with live_client(server, agent_token) as agent:
        # given an agent watching the technical queue of `mesa serve`
        await subscribe(agent, QUEUE_EVENTS, department=technical)

        # when another process imports a mail that becomes a technical ticket
        imported = await asyncio.to_thread(import_mail, one_message_mbox(tmp_path, subject))

        # then its creation reaches the agent within a few seconds
        assert imported.returncode == 0, imported.stderr
        events: list[dict[str, Any]] = []
        while not any(e["kind"] == "CREATED" for e in events):
            events.append((await agent.next_data(within=5))["queueEvents"])
    created = next(e for e in events if e["kind"] == "CREATED")
    assert created["ticket"] == {"subject": subject}


async def test_alerts_the_scheduler_records_reach_sla_subscribers(
    request: pytest.FixtureRequest, server: str, supervisor_token: str
) -> None:
    if request.node.callspec.params["server"] != DISTRIBUTED:
        pytest.skip("the embedded suite's server runs no scheduler; mesa serve's is in-process")
    async with live_client(server, supervisor_token) as supervisor:
        # given a supervisor watching SLA alerts, and a HIGH ticket due three seconds from now
        await subscribe(supervisor, SLA_ALERTS)
        ticket = await open_ticket_at(
            datetime.now(UTC) - timedelta(minutes=60, seconds=-3), "service_down"
        )
        clock.reset()

        # when nobody touches it, then the scheduler's sweep (another process) records the
        # breach and the supervisor hears of it
        alerts: list[dict[str, Any]] = []
        while not any(a["ticket"]["trackingId"] == ticket.tracking_id for a in alerts):
            alerts.append((await supervisor.next_data(within=15))["slaAlerts"])
    mine = [a["kind"] for a in alerts if a["ticket"]["trackingId"] == ticket.tracking_id]
    assert mine[0] in ("WARNING", "BREACH")
