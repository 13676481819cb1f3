"""Locales, terminals and widths: output stays correct in every case."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import SCRIPT, env


def sh(args: list[str], extra: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT
    full = env()
    for key in ("LANG", "LC_ALL", "COLUMNS", "TERM", "NO_COLOR", "FORCE_COLOR"):
        full.pop(key, None)
    full.update(extra)
    return subprocess.run([SCRIPT, *args], capture_output=True, env=full, cwd=cwd, timeout=60)


@pytest.mark.parametrize(
    "extra",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1", "FORCE_COLOR": "1"},
        {"COLUMNS": "20"},
        {"COLUMNS": "1000"},
        {"COLUMNS": "not-a-number"},
    ],
)
def test_json_is_exact_utf8_in_any_environment(extra: dict[str, str], tmp_path: Path) -> None:
    result = sh(["facts", "largest", "--json"], extra, tmp_path)
    assert result.returncode == 0, result.stderr
    (claim,) = json.loads(result.stdout.decode("utf-8"))
    assert "China’s" in claim["provenance"]["evidence"]


@pytest.mark.parametrize(
    "extra",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        {"TERM": "dumb", "FORCE_COLOR": "1"},
        {"COLUMNS": "20"},
        {"COLUMNS": "1000"},
        {"COLUMNS": "20", "FORCE_COLOR": "1"},
    ],
)
@pytest.mark.parametrize("command", [["facts", "asean"], ["figures"], ["quote", "-s", "zhou"]])
def test_tables_keep_every_word(extra: dict[str, str], command: list[str], tmp_path: Path) -> None:
    result = sh(command, extra, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = result.stdout.decode("utf-8", "replace")
    flat = "".join(out.split())
    for word in ("China", "ASEAN", "trillion", "2020"):
        if command[0] != "quote":
            assert word in flat, (word, extra)
    if command[0] == "quote":
        assert "marketdiversification" in flat and "q-zhou-mi-cooperation" in flat
    if command[0] == "facts":
        assert "asean-largest-partner-2020" in flat and "asean-trade-2020" in flat


def test_read_only_home_and_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    cache = tmp_path / "cache-file"
    cache.write_text("not a folder", "utf-8")
    result = sh(
        ["facts", "asean", "--json"],
        {"HOME": str(home), "XDG_CACHE_HOME": str(cache)},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert len(json.loads(result.stdout)) == 2
    assert os.listdir(home) == []


@pytest.mark.parametrize(
    "extra",
    [
        {"_BRTRADE_COMPLETE": "complete_bash"},
        {"_BRTRADE_COMPLETE": "complete_bash", "COMP_WORDS": "brtrade show"},
        {"_BRTRADE_COMPLETE": "complete_bash", "COMP_CWORD": "x"},
        {"_BRTRADE_COMPLETE": "complete_zsh"},
        {"_BRTRADE_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "'"},
        {"_BRTRADE_COMPLETE": "complete_nosuchshell"},
    ],
)
def test_a_completion_request_without_what_the_shell_sets(
    extra: dict[str, str], tmp_path: Path
) -> None:
    """Shells always set the completion variables; a script or a stray variable may
    not. Then there is nothing typed to complete: never an internal error."""
    result = sh([], extra, tmp_path)
    assert result.returncode in (0, 1, 2), result.stderr
    assert b"internal error" not in result.stderr
    assert b"Traceback" not in result.stderr
