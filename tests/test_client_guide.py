"""The client guide (docs/clients.md) works: its Apollo Client, graphql-ws and urql setups,
copied verbatim from tests/clients/, run under node against a live `mesa serve` from another
origin (HTTP with the browser's CORS rules emulated, WebSocket with an Origin header)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cluster import MESA, Cluster, wait_until_ready
from tests.conftest import SPA_ORIGIN
from tests.services import free_port

pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "tests" / "clients"
GUIDE = ROOT / "docs" / "clients.md"
SNIPPETS = ("apollo.mjs", "urql.mjs")
STEPS = (
    "apollo: agentLogin returns the whole viewer",
    "apollo: upload a file with createTicket (multipart, cross-origin)",
    "apollo: ticket list with totalCount, SLA keyed by its ticket",
    "graphql-ws: live events, then resume after a disconnect",
    "apollo: user errors and GraphQL errors",
    "urql: a guest opens a ticket and follows it live",
    "another origin cannot read the API",
)


def test_the_guide_shows_the_snippets_the_test_runs() -> None:
    guide = GUIDE.read_text(encoding="utf-8")

    for name in SNIPPETS:
        assert (CLIENTS / name).read_text(encoding="utf-8") in guide, name


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: the client guide's snippets need them")
    installed = CLIENTS / "node_modules"
    if not installed.is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=CLIENTS, check=True, timeout=600
        )
    return installed


@pytest.fixture(scope="module")
def live_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mesa serve` (embedded: workers and scheduler in process) on the demo data."""
    folder = tmp_path_factory.mktemp("client-guide")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
    port = free_port()
    env |= {
        "MESA_DATABASE_URL": f"sqlite://{folder / 'mesa.sqlite3'}",
        "MESA_DATA_DIR": str(folder),
        "MESA_ALLOWED_ORIGINS": SPA_ORIGIN,
        "MESA_HOST": "127.0.0.1",
        "MESA_PORT": str(port),
    }
    subprocess.run([MESA, "seed-demo"], env=env, check=True, capture_output=True, timeout=120)
    processes = Cluster(env=env, logs=folder)
    try:
        serve = processes._spawn("serve", [MESA, "serve"])
        url = f"http://127.0.0.1:{port}"
        wait_until_ready(url, serve)
        yield url
    finally:
        processes.stop_all()


def test_the_guide_s_clients_work_cross_origin(node_modules: Path, live_serve: str) -> None:
    env = {
        **os.environ,
        "MESA_URL": live_serve,
        "MESA_ORIGIN": SPA_ORIGIN,
        "MESA_POSSIBLE_TYPES": str(ROOT / "possible-types.json"),
    }

    run = subprocess.run(
        ["node", "run.mjs"], cwd=CLIENTS, env=env, capture_output=True, text=True, timeout=180
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [f"ok {step}" for step in STEPS]
