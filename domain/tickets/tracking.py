"""Tracking IDs: ABC-DEF-GHIJ, unguessable, without look-alike characters."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied by hand, they are never confused.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
PATTERN = re.compile(rf"^[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{4}}$")


def new_tracking_id() -> str:
    chars = _random_characters(10)
    return f"{chars[:3]}-{chars[3:6]}-{chars[6:]}"


random_bytes = secrets.token_bytes  # the system's random source

# The bytes below this map evenly onto the alphabet (ten times round); the rest are drawn again.
_EVEN = 256 - 256 % len(ALPHABET)
# Each byte's character, and the bytes dropped: `bytes.translate` maps and drops in one call.
_CHARACTERS = bytes(ord(ALPHABET[byte % len(ALPHABET)]) for byte in range(256))
_UNEVEN = bytes(range(_EVEN, 256))


def _random_characters(count: int) -> str:
    """`count` characters of the alphabet, each uniformly drawn, as `secrets.choice` draws
    them, from one read of the system's random source rather than one per character."""
    chosen = b""
    while len(chosen) < count:
        chosen += random_bytes(count + 2).translate(_CHARACTERS, _UNEVEN)
    return chosen[:count].decode()


def normalise_tracking_id(value: str) -> str:
    return value.strip().upper()


def is_tracking_id(value: str) -> bool:
    return PATTERN.match(value) is not None
