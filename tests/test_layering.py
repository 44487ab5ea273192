"""Imports go one way: api -> domain <- workers; the domain knows no framework."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level package of every absolute import in each module of `package`."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def forbidden_imports(package: str, forbidden: set[str]) -> dict[str, list[str]]:
    return {
        module: sorted(names & forbidden)
        for module, names in imported_packages(package).items()
        if names & forbidden
    }


def test_the_domain_imports_no_framework_and_no_outer_layer() -> None:
    # given the domain package
    forbidden = {"strawberry", "starlette", "dramatiq", "api", "workers", "mesa"}

    # when its imports are read
    offenders = forbidden_imports("domain", forbidden)

    # then none reaches a framework or an outer layer
    assert offenders == {}


def test_workers_import_neither_the_api_nor_its_frameworks() -> None:
    forbidden = {"strawberry", "starlette", "api", "mesa"}

    offenders = forbidden_imports("workers", forbidden)

    assert offenders == {}


def test_the_check_sees_the_domain_modules() -> None:
    # A check that reads no file passes vacuously; make sure it reads the real ones.
    modules = imported_packages("domain")

    assert "domain/uow.py" in modules
    assert "tortoise" in modules["domain/uow.py"]


# --- api/: one package per capability, the transport in api/http, plumbing in api/core ---

HTTP_LIBRARIES = (
    "starlette",
    "cross_web",
    "uvicorn",
    "python_multipart",
    "strawberry.asgi",
    "strawberry.http",
)
ROOTS = ("mutations", "queries", "subscriptions")


def imported_modules(package: str) -> dict[str, set[str]]:
    """Full dotted name of every absolute import in each module of `package`."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


def _is_within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def api_layout_violations(modules: dict[str, set[str]]) -> list[str]:
    """Each import in api/ that breaks the layout's rules, as 'module: imported name'."""
    found = []
    for module, names in modules.items():
        parts = module.removesuffix(".py").split("/")
        package = parts[1] if len(parts) > 2 else None  # None: api/schema.py, api/__init__.py
        for name in sorted(names):
            target = name.split(".")
            if package != "http" and any(_is_within(name, lib) for lib in HTTP_LIBRARIES):
                found.append(f"{module}: {name} (only api/http knows about HTTP)")
            if target[0] != "api" or len(target) < 2:
                continue
            if package not in (None, "http") and target[1] in ("http", "schema"):
                found.append(f"{module}: {name} (the transport and the roots sit above)")
            if package == "core" and target[1] != "core":
                found.append(f"{module}: {name} (api/core is shared by every capability)")
            other = target[1] not in ("core", "http", "schema", package)
            capability = package not in (None, "http", "core")
            if capability and other and len(target) > 2 and target[2] in ROOTS:
                found.append(f"{module}: {name} (another capability's roots)")
    return found


def test_api_capabilities_keep_to_their_folders() -> None:
    # given every module of api/
    modules = imported_modules("api")

    # when the layout's rules are applied to their imports
    violations = api_layout_violations(modules)

    # then HTTP stays in api/http, core stays shared, and no capability reaches another's roots
    assert violations == []


def test_the_api_layout_check_sees_real_modules_and_catches_each_rule() -> None:
    modules = imported_modules("api")
    assert "starlette.applications" in modules["api/http/app.py"]
    assert "api.core.context.Info" in modules["api/tickets/mutations.py"]

    bad = {
        "api/tickets/types.py": {"starlette.requests", "api.kb.mutations.ArticleResult"},
        "api/core/live.py": {"api.tickets.types"},
        "api/kb/queries.py": {"api.http.uploads", "api.tickets.types.Ticket"},
    }
    assert api_layout_violations(bad) == [
        "api/tickets/types.py: api.kb.mutations.ArticleResult (another capability's roots)",
        "api/tickets/types.py: starlette.requests (only api/http knows about HTTP)",
        "api/core/live.py: api.tickets.types (api/core is shared by every capability)",
        "api/kb/queries.py: api.http.uploads (the transport and the roots sit above)",
    ]
