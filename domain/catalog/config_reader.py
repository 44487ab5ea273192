"""The reader of a catalogue file's values: each check collects its problem with the line it
stands on instead of stopping at the first (domain.catalog.config_file and config_fields)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.catalog.config_lines import Lines, PathPart
from domain.catalog.config_specs import Problem


class Reader:
    """Reads one file's values, collecting problems instead of stopping at the first."""

    def __init__(self, text: str) -> None:
        self.lines = Lines(text)
        self.problems: list[Problem] = []

    def fail(self, path: tuple[PathPart, ...], message: str) -> None:
        self.problems.append(Problem(self.lines.of(path), message))

    def table(self, data: Mapping[str, Any], path: tuple[PathPart, ...], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.fail(
                    (*path, key), f"unknown key `{key}` (known: {', '.join(sorted(allowed))})"
                )

    def text(
        self,
        data: Mapping[str, Any],
        path: tuple[PathPart, ...],
        key: str,
        *,
        limit: int = 100,
        required: bool = True,
        default: str = "",
    ) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path, f"`{key}` is missing")
            return default
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
            self.fail((*path, key), f"`{key}` must be a text of 1 to {limit} characters")
            return default
        return value.strip()

    def choice(
        self, value: object, path: tuple[PathPart, ...], what: str, make: Callable[[str], Any]
    ) -> Any:
        try:
            return make(str(value).upper())
        except ValueError:
            self.fail(path, f"unknown {what} `{value}`")
            return None

    def flag(self, data: Mapping[str, Any], path: tuple[PathPart, ...], key: str) -> bool:
        value = data.get(key, True)
        if not isinstance(value, bool):
            self.fail((*path, key), f"`{key}` must be true or false")
            return True
        return value

    def entries(
        self, data: Mapping[str, Any], key: str
    ) -> list[tuple[tuple[PathPart, ...], dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail((key,), f"`{key}` must be an array of tables: [[{key}]]")
            return []
        return [((key, index), item) for index, item in enumerate(value)]
