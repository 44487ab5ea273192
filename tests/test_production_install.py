"""From an empty database to a customer's first ticket, in production mode, with only the CLI
and GraphQL, in the order README "Running in production" gives: on SQLite (one embedded
process) and on PostgreSQL with Redis (API, worker and scheduler processes)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from domain.sla.calendar import BusinessCalendar
from tests.access_helpers import RESET_CODE, body_of, mail_to
from tests.cluster import MESA, Cluster, cluster, distributed_env
from tests.graphql_client import GraphQLClient
from tests.services import Postgres, Redis, free_port
from tests.test_cli import ROOT

pytestmark = pytest.mark.slow


ADMIN_EMAIL = "rosa@soporte.example"
ADMIN_PASSWORD = "una-clave-de-admin-larga"
MAIL_WAIT_SECONDS = 30.0
# Jobs written by another process (mesa import-mail) are picked up by the sweep: soon, here.
QUICK_SWEEPS = {"MESA_OUTBOX_SWEEP_SECONDS": "1", "MESA_OUTBOX_GRACE_SECONDS": "0"}


@dataclass
class Install:
    env: dict[str, str]
    data_dir: Path
    distributed: bool

    @property
    def kind(self) -> str:
        return "postgres" if self.distributed else "sqlite"


async def new_install(request: pytest.FixtureRequest, kind: str, folder: Path) -> Install:
    """An empty database and data folder in production mode: sqlite or postgres."""
    data_dir = folder / "data"
    os.makedirs(folder, exist_ok=True)  # the processes' logs go here
    if kind == "sqlite":
        env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
        env |= {
            "MESA_DATABASE_URL": f"sqlite://{data_dir / 'mesa.sqlite3'}",
            "MESA_DATA_DIR": str(data_dir),
            "MESA_ENV": "production",
            **QUICK_SWEEPS,
        }
        return Install(env, data_dir, distributed=False)
    postgres: Postgres = request.getfixturevalue("postgres")
    # A Redis of its own: the session's workers must not take this install's jobs.
    redis: Redis = request.getfixturevalue("own_redis")
    url = await postgres.create_database(f"install_{os.urandom(4).hex()}")
    env = distributed_env(url, redis.url, env="production", data_dir=str(data_dir))
    return Install({**env, **QUICK_SWEEPS}, data_dir, distributed=True)


@pytest.fixture(params=["sqlite", "postgres"])
async def install(request: pytest.FixtureRequest, tmp_path: Path) -> Install:
    return await new_install(request, request.param, tmp_path / "first")


def step(install: Install, *args: str, stdin: str | None = None) -> str:
    """One README command; it must succeed."""
    result = subprocess.run(
        [MESA, *args],
        env={**install.env, "COLUMNS": "200"},
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


@pytest.fixture
async def running(install: Install) -> AsyncIterator[GraphQLClient]:
    """Steps 1-3 (migrate, first admin, catalogue), then the processes of step 4."""
    await asyncio.to_thread(step, install, "migrate")
    created = await asyncio.to_thread(
        step,
        install,
        "create-admin",
        "--email",
        ADMIN_EMAIL,
        "--name",
        "Rosa Root",
        "--password-stdin",
        stdin=ADMIN_PASSWORD + "\n",
    )
    assert created == f"Administrator {ADMIN_EMAIL} created; log in with agentLogin.\n"
    applied = await asyncio.to_thread(step, install, "apply-config", "examples/helpdesk.toml")
    assert applied.endswith("Applied 34 change(s) from examples/helpdesk.toml.\n")
    with cluster(install.env, install.data_dir.parent) as processes:
        base_url = await asyncio.to_thread(processes.api, free_port())
        if install.distributed:
            _workers(processes)
        client = GraphQLClient(base_url)
        yield client
        await client.close()


def _workers(processes: Cluster) -> None:
    processes.worker("worker", processes=1, threads=2)
    processes.scheduler()


async def call(
    gql: GraphQLClient, query: str, token: str | None = None, **variables: object
) -> Any:
    payload = next(iter((await gql.execute(query, variables, token=token)).data.values()))
    return payload


async def welcome_code(folder: Path, recipient: str) -> str:
    waited = 0.0
    while not (found := mail_to(folder, recipient)) and waited < MAIL_WAIT_SECONDS:
        await asyncio.sleep(0.1)
        waited += 0.1
    assert len(found) == 1, f"no welcome mail to {recipient}"
    assert "Número de cliente: C-2001" in body_of(found[0])
    [code] = RESET_CODE.findall(body_of(found[0]))
    return code


async def test_from_an_empty_database_to_a_customers_first_ticket(
    install: Install, running: GraphQLClient
) -> None:
    gql = running

    # The admin logs in
    login = await call(
        gql,
        "mutation($e: String!, $p: String!) { agentLogin(email: $e, password: $p) "
        "{ __typename ... on LoginSuccess { token } } }",
        e=ADMIN_EMAIL,
        p=ADMIN_PASSWORD,
    )
    assert login["__typename"] == "LoginSuccess", login
    admin = login["token"]

    # The catalogue is there: Nivel 2 counts business hours in the Bogotá calendar
    levels = await call(gql, "{ supportLevels { id code calendar { name } } }")
    n2 = next(level for level in levels if level["code"] == "N2")
    assert n2["calendar"] == {"name": "Bogotá"}

    # The admin creates a customer with a Nivel 2 service, and welcomes them
    customer = await call(
        gql,
        "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) "
        "{ __typename ... on CustomerSuccess { customer { id } } } }",
        admin,
        input={
            "clientNumber": "C-2001",
            "name": "Ferretería El Tornillo",
            "email": "compras@tornillo.example",
            "sendWelcome": True,
        },
    )
    assert customer["__typename"] == "CustomerSuccess", customer
    service = await call(
        gql,
        "mutation($input: AddServiceInput!) { addService(input: $input) { __typename } }",
        admin,
        input={
            "customerId": customer["customer"]["id"],
            "name": "VPS Estándar",
            "supportLevelId": n2["id"],
        },
    )
    assert service["__typename"] == "ServiceSuccess", service

    # The customer sets a password from the mail and logs in
    code = await welcome_code(install.data_dir / "mail", "compras@tornillo.example")
    reset = await call(
        gql,
        "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) "
        "{ __typename } }",
        t=code,
        p="clave-del-tornillo",
    )
    assert reset["__typename"] == "ResetPasswordSuccess"
    session = await call(
        gql,
        'mutation { login(clientNumber: "C-2001", password: "clave-del-tornillo") '
        "{ __typename ... on LoginSuccess { token } } }",
    )
    token = session["token"]

    # and opens a ticket for their service in a medium-impact category
    services = await call(gql, "{ services { id } }", token)
    categories = await call(gql, "{ categories { id code } }")
    dns = next(c["id"] for c in categories if c["code"] == "dns_configuration")
    created = await call(
        gql,
        "mutation($input: CreateTicketInput!) { createTicket(input: $input) { __typename "
        "... on CreateTicketSuccess { ticket { createdAt sla { clock firstResponseExpectedAt "
        "firstResponseDueAt supportLevel { code } } } } ... on UserError { message } } }",
        token,
        input={
            "subject": "El DNS no resuelve",
            "message": "Cambié los registros y no se actualizan.",
            "serviceId": services[0]["id"],
            "categoryId": dns,
        },
    )
    assert created["__typename"] == "CreateTicketSuccess", created

    # Then its deadlines follow Nivel 2's medium target (2-3 h) in Bogotá business hours
    ticket = created["ticket"]
    sla = ticket["sla"]
    assert (sla["clock"], sla["supportLevel"]["code"]) == ("BUSINESS_HOURS", "N2")
    bogota = BusinessCalendar.with_public_holidays(
        "America/Bogota", {day: [(time(8), time(18))] for day in range(5)}, country="CO"
    )
    start = datetime.fromisoformat(ticket["createdAt"])
    assert datetime.fromisoformat(sla["firstResponseExpectedAt"]) == bogota.add_business_time(
        start, timedelta(hours=2)
    )
    assert datetime.fromisoformat(sla["firstResponseDueAt"]) == bogota.add_business_time(
        start, timedelta(hours=3)
    )
