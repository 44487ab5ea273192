"""Where a value sits in a TOML file, so every problem of a catalogue file names its line.

tomllib (and tomlkit 0.15) give values without positions, so this reads the text once and
remembers the line of each table header and key: `[[support_levels]]` entries by index, their
keys (dotted keys and `[support_levels.targets]` sub-tables included) by dotted path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)

PathPart = str | int


def _dotted(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


class Lines:
    """Line numbers (from 1) of the headers and keys of a TOML text."""

    def __init__(self, text: str) -> None:
        self._entries: dict[str, list[dict[str, int]]] = {}
        self._top: dict[str, int] = {}
        keys = self._top
        array: str | None = None
        prefix = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_HEADER.match(line):
                array, prefix = _dotted(match.group(1)), ""
                keys = {"": number}
                self._entries.setdefault(array, []).append(keys)
                continue
            if match := _TABLE_HEADER.match(line):
                name = _dotted(match.group(1))
                if array is not None and name.startswith(array + "."):
                    prefix = name.removeprefix(array + ".") + "."
                    keys.setdefault(prefix.rstrip("."), number)
                else:
                    array, keys, prefix = None, self._top, name + "."
                    self._top.setdefault(name, number)
                continue
            if match := _KEY.match(line):
                keys.setdefault(prefix + _dotted(match.group(1)), number)

    def of(self, path: Sequence[PathPart]) -> int:
        """The line of the most specific part of `path` found (an entry's header at worst)."""
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            entries = self._entries.get(path[0], [])
            if path[1] < len(entries):
                entry = entries[path[1]]
                keys = [str(part) for part in path[2:]]
                for size in range(len(keys), 0, -1):
                    found = entry.get(".".join(keys[:size]))
                    if found is not None:
                        return found
                return entry[""]
        names = [str(part) for part in path if isinstance(part, str)]
        for size in range(len(names), 0, -1):
            found = self._top.get(".".join(names[:size]))
            if found is not None:
                return found
        return 1
