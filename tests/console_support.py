"""The Mesa Console in tests: its node packages (npm ci from the lockfile, only when they
changed), a headless Debian chromium driven by Playwright, and an axe-core check per screen."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
BUILT = ROOT / "api" / "http" / "console" / "static"
SCREENSHOTS = ROOT / "var" / "screenshots"  # var/ is git-ignored
NPM_LOCK = ROOT / "var" / "npm-ci.lock"
CHROMIUM = os.environ.get("MESA_CHROMIUM", "/usr/bin/chromium")
# As root in a sandbox with no network: no sandboxing, no GPU, nothing calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(program: str, install_hint: str) -> str:
    """The program's path; its absence fails the test (these tests are never skipped)."""
    path = shutil.which(program) or (program if Path(program).is_file() else None)
    if path is None:
        pytest.fail(f"{program} is missing: {install_hint}")
    return path


def node_packages() -> Path:
    """web/node_modules as the lockfile says: `npm ci` when it is missing or the lockfile
    changed since (a stamp in node_modules holds the lockfile's hash)."""
    npm = require("npm", "install Node.js 20 and npm (apt-get install nodejs npm)")
    digest = hashlib.sha256((WEB / "package-lock.json").read_bytes()).hexdigest()
    stamp = WEB / "node_modules" / ".mesa-lock-sha256"
    NPM_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with NPM_LOCK.open("w") as lock:
        # One test worker installs while the others wait: a second `npm ci` would empty
        # node_modules under the first (the build check and the browser tests both need it).
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.is_file() or stamp.read_text() != digest:
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True, timeout=900)
            stamp.write_text(digest)
    return WEB / "node_modules"


def axe_source() -> str:
    return (node_packages() / "axe-core" / "axe.min.js").read_text()


async def accessibility_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it is now (WCAG 2.1 AA).
    Evaluated through the DevTools protocol, so the page's CSP still forbids inline code."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(source)
    results = await page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
            }));
        }"""
    )
    return [v for v in results if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    """One headless chromium for the whole session (each test gets its own context)."""
    from playwright.async_api import async_playwright

    require(CHROMIUM, "install Debian's chromium (make services does, as root)")
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        await instance.close()


@pytest.fixture(scope="session")
def axe() -> str:
    return axe_source()


class Screen:
    """A browser tab on the console that records CSP breaches and page errors, and checks
    each screen it is asked to (screenshot + axe)."""

    def __init__(self, page: Any, axe: str, name: str) -> None:
        self.page = page
        self.axe = axe
        self.name = name
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    async def check(self, screen: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{screen}.png", full_page=True)
        violations = await accessibility_violations(self.page, self.axe)
        assert not violations, f"{screen}: {violations}"
        assert not self.problems, self.problems


@pytest.fixture
async def tab(browser: Any, axe: str, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    async def open_tab(name: str, **options: Any) -> Screen:
        context = await browser.new_context(**{"locale": "es-CO", **options})
        contexts.append(context)
        page = await context.new_page()
        page.set_default_timeout(15000)
        return Screen(page, axe, name)

    contexts: list[Any] = []
    yield open_tab
    for context in contexts:
        await context.close()
