"""Shared fixtures.

Rich's width and colour are pinned so that output is the same on every
machine, and commands run through Typer's CliRunner with exceptions
propagating: a bug fails its test instead of hiding behind an exit code.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from brtrade.cli import app
from brtrade.core.loader import load_fact_base
from brtrade.core.model import FactBase
from brtrade.core.paths import bundled_facts_path
from tests.helpers import MINI, Run


def _share_bytecode() -> None:
    """Let the test workers and the brtrade processes they start share compiled
    bytecode in a folder of the session's, removed at its end, when the environment
    says not to write any (PYTHONDONTWRITEBYTECODE): without it, each of the suite's
    subprocesses compiles brtrade afresh (10 to 15 s of a 2-core run). The source tree
    stays free of bytecode, as that setting asks. Run in the controller, before the
    workers start, so that they and their children inherit it."""
    if "PYTEST_XDIST_WORKER" in os.environ or not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    if os.environ.get("PYTHONPYCACHEPREFIX"):
        return  # a cache folder of the user's own: already shared
    folder = tempfile.mkdtemp(prefix="brtrade-tests-bytecode-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    del os.environ["PYTHONDONTWRITEBYTECODE"]


_share_bytecode()


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session: indexes are built once and reused, as for a user."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch, session_cache: Path) -> Iterator[None]:
    for var in (
        "BRTRADE_FACTS",
        "BRTRADE_DEBUG",
        "BRTRADE_NO_CACHE",
        "FORCE_COLOR",
        "NO_COLOR",
        "TERM",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("XDG_CACHE_HOME", str(session_cache))
    yield


@pytest.fixture
def run() -> Run:
    """Run brtrade with arguments; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def _run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return _run


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    """Run a command that must succeed and return its stdout parsed as JSON."""

    def _run_json(*args: str) -> Any:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return _run_json


@pytest.fixture(scope="session")
def base() -> FactBase:
    return load_fact_base(bundled_facts_path())


@pytest.fixture(scope="session")
def mini_base() -> FactBase:
    return load_fact_base(MINI / "facts.yaml")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini base; returns the path of its facts.yaml."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest / "facts.yaml"
