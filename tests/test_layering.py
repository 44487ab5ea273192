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
