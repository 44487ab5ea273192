"""Webhook signatures: HMAC-SHA256 over the timestamp, a dot and the exact body.

Each request carries `Mesa-Signature: t=<unix seconds>,v1=<hex>` (one `v1` per secret in
use: two for a while after a rotation). A receiver recomputes
`hex(HMAC_SHA256(secret, f"{t}." + raw_body))`, compares it in constant time with any `v1`,
and refuses a `t` too far from its own clock (replays), as with Stripe's and GitHub's.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "Mesa-Signature"
SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(secrets_in_use: list[str], timestamp: int, body: bytes) -> str:
    parts = [f"t={timestamp}"] + [f"v1={signature(s, timestamp, body)}" for s in secrets_in_use]
    return ",".join(parts)


def verify(
    header: str, secret: str, body: bytes, *, now: int, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does: a `v1` matches and the timestamp is recent."""
    timestamp: int | None = None
    candidates: list[str] = []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
