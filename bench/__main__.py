"""Run every benchmark."""

from __future__ import annotations

import asyncio

from bench import guest_timing


def main() -> None:
    asyncio.run(guest_timing.run())


if __name__ == "__main__":
    main()
