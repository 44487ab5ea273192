"""docker-compose.yml: valid against the compose-spec schema (check-jsonschema's vendored copy,
no network), and describing the topology the suite tests, with secrets kept out of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from domain.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
CHECK = Path(sys.executable).parent / "check-jsonschema"


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def compose() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(COMPOSE.read_text(encoding="utf-8"))
    return data


def test_the_compose_file_passes_the_compose_spec_schema(tmp_path: Path) -> None:
    # when the shipped file and a broken one are checked
    broken = tmp_path / "broken.yml"
    broken.write_text("services:\n  api:\n    image: mesa\n    restarts: always\n")

    shipped, refused = check(COMPOSE), check(broken)

    # then the shipped file passes and the check does catch a mistake
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr
    assert refused.returncode == 1
    assert "restarts" in refused.stdout


def test_the_compose_file_describes_the_tested_topology() -> None:
    services = compose()["services"]

    # PostgreSQL, Redis, two API processes behind a proxy, workers, one scheduler, smtpd
    assert {"postgres", "redis", "init", "api-1", "api-2", "proxy", "worker", "scheduler"} <= set(
        services
    )
    assert services["worker"]["command"] == ["mesa", "worker", "--processes", "2", "--threads", "4"]
    assert services["scheduler"]["command"] == ["mesa", "scheduler"]
    for api in ("api-1", "api-2"):
        assert services[api]["command"] == ["mesa", "serve"]
        assert "/readyz" in " ".join(services[api]["healthcheck"]["test"])
    # worker, scheduler and smtpd are checked by their heartbeats (tests/test_process_health.py)
    for role in ("worker", "scheduler", "smtpd"):
        healthcheck = services[role]["healthcheck"]
        assert healthcheck["test"] == ["CMD", "mesa", "health", role]
        assert "disable" not in healthcheck
    # Redis keeps messages across restarts and never evicts
    assert services["redis"]["command"] == [
        "redis-server",
        "--appendonly",
        "yes",
        "--maxmemory-policy",
        "noeviction",
    ]


def test_setup_runs_before_any_process_in_the_readme_order() -> None:
    services = compose()["services"]
    script = " ".join(services["init"]["command"])
    steps = ["mesa migrate", "mesa create-admin", "--password-stdin", "mesa apply-config"]
    assert [script.index(step) for step in steps] == sorted(script.index(s) for s in steps)
    assert "< /run/secrets/admin_password" in script
    for name in ("api-1", "api-2", "worker", "scheduler", "smtpd"):
        assert services[name]["depends_on"]["init"] == {
            "condition": "service_completed_successfully"
        }


def test_passwords_are_secrets_not_inline() -> None:
    data = compose()
    text = COMPOSE.read_text(encoding="utf-8")
    services = data["services"]
    assert "POSTGRES_PASSWORD:" not in text and "mesa:mesa@" not in text
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == (
        "/run/secrets/postgres_password"
    )
    assert "MESA_DATABASE_URL" not in services["api-1"]["environment"]
    assert "mesa_database_url" in services["api-1"]["secrets"]
    assert set(data["secrets"]) == {"postgres_password", "mesa_database_url", "admin_password"}
    assert all("file" in secret for secret in data["secrets"].values())


def test_a_setting_is_read_from_its_secret_file(tmp_path: Path, monkeypatch: Any) -> None:
    # given the database URL only as a compose secret
    monkeypatch.delenv("MESA_DATABASE_URL", raising=False)
    (tmp_path / "mesa_database_url").write_text("postgres://mesa:s3cret@postgres:5432/mesa\n")

    # then the settings read it from there
    settings = Settings(_secrets_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.database_url == "postgres://mesa:s3cret@postgres:5432/mesa"


def test_the_proxy_is_trusted_and_metrics_are_not_public() -> None:
    data = compose()
    services = data["services"]
    proxy_address = services["proxy"]["networks"]["mesa"]["ipv4_address"]
    for name in ("api-1", "api-2", "worker", "scheduler", "smtpd"):
        environment = services[name]["environment"]
        assert environment["MESA_TRUSTED_PROXIES"] == proxy_address
        # one shared metrics folder, one PID namespace so no two processes share a file
        assert environment["PROMETHEUS_MULTIPROC_DIR"] == "/var/lib/mesa-metrics"
        assert "mesa-metrics:/var/lib/mesa-metrics" in services[name]["volumes"]
        if name != "api-1":
            assert services[name]["pid"] == "service:api-1"
    caddyfile = data["configs"]["caddyfile"]["content"]
    assert "respond @metrics 404" in caddyfile
    assert "reverse_proxy api-1:8000 api-2:8000" in caddyfile
    assert "health_uri /readyz" in caddyfile
    assert services["smtpd"]["healthcheck"]["test"][0] == "CMD"
