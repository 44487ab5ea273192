"""The committed build of the Mesa Console (api/http/console/static) and its generated
operation types (web/src/gql) are what `npm run build` makes from web/ now: a change to the
app, the schema or the lockfile without rebuilding fails here."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.console_support import BUILT, WEB, node_packages, require

pytestmark = pytest.mark.slow


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_committed_console_is_the_build_of_web(tmp_path: Path) -> None:
    node_packages()
    npm = require("npm", "install Node.js 20 and npm")
    generated = _files(WEB / "src" / "gql")
    out = tmp_path / "static"
    env = {**os.environ, "MESA_CONSOLE_OUT": str(out), "NO_COLOR": "1"}
    build = subprocess.run(
        [npm, "run", "build"], cwd=WEB, env=env, capture_output=True, text=True, timeout=600
    )
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    assert _files(WEB / "src" / "gql") == generated, (
        "web/src/gql is out of date: run `npm run build` in web/ and commit"
    )
    fresh, committed = _files(out), _files(BUILT)
    assert sorted(fresh) == sorted(committed), (
        "the console's files differ from a fresh build: run `npm run build` in web/ and commit"
    )
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"rebuild and commit the console: {changed}"
    index = (BUILT / "index.html").read_text()
    assert "<script>" not in index and '<script type="module" crossorigin src=' in index
