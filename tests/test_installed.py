"""The installed `brtrade` console script, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DATA, ROOT, SCRIPT, Run, env


@pytest.fixture(scope="module")
def brtrade() -> str:
    assert SCRIPT, "the brtrade script is not installed: run pip install -e '.[test]'"
    return SCRIPT


def sh(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("BRTRADE_")}
    full_env.update(env or {})
    return subprocess.run(
        args, cwd=cwd, env=full_env, capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_facts_asean_from_another_folder(brtrade: str, tmp_path: Path) -> None:
    result = sh(brtrade, "facts", "asean", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "largest trading partner" in result.stdout
    assert "\x1b[" not in result.stdout  # a pipe gets no ANSI codes
    assert result.stderr == ""


def test_json_pipes_into_a_script(brtrade: str, tmp_path: Path) -> None:
    result = sh(brtrade, "facts", "--json", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert len(data) == 18 and all(r["provenance"]["evidence"] for r in data)


def test_quote_speaker(brtrade: str, tmp_path: Path) -> None:
    result = sh(brtrade, "quote", "--speaker", "Tu Xinquan", cwd=tmp_path)
    assert result.returncode == 0
    assert "Tu Xinquan" in result.stdout


def test_bad_base_is_one_line_and_exit_3(brtrade: str, tmp_path: Path) -> None:
    result = sh(
        brtrade, "facts", cwd=tmp_path, env={"BRTRADE_FACTS": str(DATA / "broken" / "syntax.yaml")}
    )
    assert result.returncode == 3
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "syntax.yaml:5" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = sh(sys.executable, "-m", "brtrade", "--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("brtrade ")


@pytest.mark.parametrize(
    "args",
    [
        ["facts", "asean", "--json"],
        ["--facts", "tests/data/mini", "--no-cache", "quote", "--json"],
        ["--color", "never", "figures"],
        ["check", "--json"],
        ["cache", "--json"],
        ["speakers", "--help"],
        ["--help"],
        ["nosuch"],
    ],
)
def test_the_script_answers_as_the_whole_app(run: Run, args: list[str]) -> None:
    """The console script builds only the command it runs (for start-up time): what it
    says must be what the whole app says."""
    assert SCRIPT
    whole = run(*args)
    script = subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=env(), cwd=ROOT, timeout=60
    )
    assert script.returncode == whole.exit_code, script.stderr
    if args[0] != "cache":  # the cache listing changes as the tests build indexes
        if "--help" in args:  # wrapped and cut to the terminal's width: compare the start
            assert script.stdout.splitlines()[:2] == whole.stdout.splitlines()[:2]
        else:
            assert script.stdout == whole.stdout
