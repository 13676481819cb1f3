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


# -- every variable brtrade reads: parsed in one place, a bad value warned of -----------------

from brtrade.core import environment  # noqa: E402


def test_every_variable_read_is_listed_in_one_place() -> None:
    """No module reads the environment but core.environment (and completion's own
    protocol variables, which the shell sets)."""
    import re

    package = Path(__file__).resolve().parents[2] / "brtrade"
    allowed = {"brtrade/core/environment.py"}
    protocol = {"COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS", "_BRTRADE_COMPLETE"}
    for path in package.rglob("*.py"):
        rel = str(path.relative_to(package.parent))
        if rel in allowed:
            continue
        for name in re.findall(r"environ(?:\.get)?\(\s*[\"']([A-Z_]+)", path.read_text("utf-8")):
            assert name in protocol, f"{rel} reads {name}"
    assert set(environment.VARIABLES) >= {
        "BRTRADE_FACTS",
        "BRTRADE_DEBUG",
        "BRTRADE_NO_CACHE",
        "BRTRADE_NO_PAGER",
        "BRTRADE_CACHE_MAX",
        "BRTRADE_PAGER",
        "PAGER",
        "CLICOLOR_FORCE",
        "XDG_CACHE_HOME",
        "HOME",
    }


@pytest.mark.parametrize("name", ["BRTRADE_DEBUG", "BRTRADE_NO_CACHE", "BRTRADE_NO_PAGER"])
@pytest.mark.parametrize(
    ("raw", "value", "warned"),
    [
        ("1", True, False),
        ("Yes", True, False),
        ("off", False, False),
        ("", False, False),
        ("maybe", False, True),
        ("2", False, True),
        ("nan", False, True),
    ],
)
def test_a_flag_reads_true_false_or_warns(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, value: bool, warned: bool
) -> None:
    monkeypatch.setenv(name, raw)
    assert environment.flag(name) is value
    assert bool(environment.read_flag(name).problem) is warned
    assert any(name in p for p in environment.problems()) is warned


@pytest.mark.parametrize(
    ("raw", "value", "warned"),
    [
        ("100", 100, False),
        ("2K", 2048, False),
        ("1.5M", 1572864, False),
        ("1GB", 1024**3, False),
        ("", 7, False),
        ("1e999", environment.MAX_SIZE, False),
        ("99999999T", environment.MAX_SIZE, False),
        ("abc", 7, True),
        ("-1", 7, True),
        ("nan", 7, True),
        ("inf", environment.MAX_SIZE, False),
        ("12Q", 7, True),
    ],
)
def test_the_cache_size_reads_a_size_or_warns(
    monkeypatch: pytest.MonkeyPatch, raw: str, value: int, warned: bool
) -> None:
    monkeypatch.setenv("BRTRADE_CACHE_MAX", raw)
    assert environment.size("BRTRADE_CACHE_MAX", 7) == value
    assert bool(environment.read_size("BRTRADE_CACHE_MAX", 7).problem) is warned


@pytest.mark.parametrize("name", ["BRTRADE_PAGER", "PAGER"])
def test_a_pager_is_a_command_line_or_warned_of(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "less -R")
    assert environment.command(name).value == ["less", "-R"]
    monkeypatch.setenv(name, "cat")
    assert environment.command(name).value == []
    monkeypatch.setenv(name, "'less")
    assert environment.command(name).value is None and environment.command(name).problem


def test_clicolor_force(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLICOLOR_FORCE", "0")
    assert not environment.clicolor_force()
    monkeypatch.setenv("CLICOLOR_FORCE", "1")
    assert environment.clicolor_force()


@pytest.mark.parametrize("name", ["XDG_CACHE_HOME", "HOME"])
def test_a_relative_cache_home_is_not_used_and_warned_of(
    monkeypatch: pytest.MonkeyPatch, name: str, tmp_path: Path
) -> None:
    other = "HOME" if name == "XDG_CACHE_HOME" else "XDG_CACHE_HOME"
    monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, "relative/dir")
    assert environment.cache_home() is None
    assert any(name in p for p in environment.problems())


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("BRTRADE_CACHE_MAX", "1e999"),
        ("BRTRADE_CACHE_MAX", "abc"),
        ("BRTRADE_CACHE_MAX", "-1"),
        ("BRTRADE_DEBUG", "maybe"),
        ("BRTRADE_NO_CACHE", "2"),
        ("BRTRADE_NO_PAGER", "xx"),
        ("BRTRADE_PAGER", "'less"),
    ],
)
def test_a_bad_value_is_one_warning_and_the_command_runs(
    name: str, raw: str, tmp_path: Path
) -> None:
    for args in (["facts", "asean", "--json"], ["cache", "prune"]):
        result = sh(args, {name: raw, "XDG_CACHE_HOME": str(tmp_path)}, tmp_path)
        err = result.stderr.decode("utf-8")
        assert result.returncode == 0, err
        assert "Traceback" not in err and "internal error" not in err
        if name != "BRTRADE_CACHE_MAX" or raw != "1e999":
            assert err.count(f"warning: {name}=") == 1, err


def test_the_facts_variable_names_the_base(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRTRADE_FACTS", raising=False)
    assert environment.facts() is None
    monkeypatch.setenv("BRTRADE_FACTS", "")
    assert environment.facts() is None
    from tests.helpers import MINI

    result = sh(["facts", "--json"], {"BRTRADE_FACTS": str(MINI / "facts.yaml")}, tmp_path)
    assert result.returncode == 0, result.stderr
    ids = {r["id"] for r in json.loads(result.stdout.decode("utf-8"))}
    assert ids and "asean-trade-2020" not in ids  # the mini base, not the bundled one
    missing = sh(["facts"], {"BRTRADE_FACTS": str(tmp_path / "none.yaml")}, tmp_path)
    assert missing.returncode == 3 and missing.stderr.count(b"\n") == 1
