"""Tracking IDs: ABC-DEF-GHIJ, unguessable, without look-alike characters."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied by hand, they are never confused.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
PATTERN = re.compile(rf"^[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{4}}$")


def new_tracking_id() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{chars[:3]}-{chars[3:6]}-{chars[6:]}"


def normalise_tracking_id(value: str) -> str:
    return value.strip().upper()


def is_tracking_id(value: str) -> bool:
    return PATTERN.match(value) is not None
