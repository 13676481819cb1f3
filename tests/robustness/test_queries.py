"""Odd queries and options: text, never patterns; never a crash."""

from __future__ import annotations

import json
import subprocess

import pytest

from brtrade.cli import ExitCode
from tests.helpers import SCRIPT, Run, env


@pytest.mark.parametrize("query", ["", " ", "\t\n", "...", "—", "🙂🙂", "\u200b\u200d"])
def test_queries_of_nothing_are_usage_errors(run: Run, query: str) -> None:
    result = run("facts", query)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == "" and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "query",
    [".*[(", "%", "%s%n", "$(rm -rf /)", "`id`", "; ls", "' OR 1=1 --", "\\", "a|b", "{x}"],
)
def test_metacharacters_are_text(run: Run, query: str) -> None:
    result = run("facts", query, "--json")
    assert result.exit_code in (ExitCode.OK, ExitCode.NO_MATCH, ExitCode.USAGE)
    if result.exit_code != ExitCode.USAGE:
        json.loads(result.stdout)


def test_a_10000_character_query(run: Run) -> None:
    result = run("facts", "asean " * 1700, "--json")
    assert result.exit_code == ExitCode.OK  # every word is 'asean'
    result = run("facts", "x" * 10_000)
    assert result.exit_code == ExitCode.NO_MATCH
    assert len(result.stderr) < 11_000


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ASE\u0301AN", None),  # a combining accent inside a word
        ("ａｓｅａｎ", "asean-trade-2020"),  # full-width Latin
        ("as\u200dean", "asean-trade-2020"),  # zero-width joiner
        ("\u200fasean\u200e", "asean-trade-2020"),  # right-to-left and left-to-right marks
        ("Cafe\u0301", None),
        ("asean 🙂", "asean-trade-2020"),
    ],
)
def test_unicode_queries(run: Run, query: str, expected: str | None) -> None:
    result = run("facts", query, "--json")
    assert result.exit_code in (ExitCode.OK, ExitCode.NO_MATCH)
    ids = [r["id"] for r in json.loads(result.stdout)]
    if expected:
        assert expected in ids


def test_nfd_and_nfc_agree(run: Run) -> None:
    a = run("facts", "Belt & Road", "--json").stdout
    b = run("facts", "belt and road", "--json").stdout
    assert a == b


def test_lone_surrogates_from_a_real_command_line() -> None:
    assert SCRIPT
    for args in (
        ["facts", b"\xff".decode("utf-8", "surrogateescape")],
        ["quote", "-s", "zh\udcff"],
    ):
        result = subprocess.run([SCRIPT, *args], capture_output=True, env=env(), timeout=60)
        assert result.returncode in (ExitCode.USAGE, ExitCode.NO_MATCH, ExitCode.OK)
        assert b"Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) <= 1


@pytest.mark.parametrize(
    "args",
    [
        ["facts", "--limit", "-1"],
        ["facts", "--limit", "9" * 30],
        ["facts", "--limit", "\x1b[31m"],
        ["facts", "--topic", ""],
        ["facts", "--entity", "   "],
        ["quote", "--speaker", ""],
        ["show", ""],
        ["show", "\x1b[2J"],
        ["sources", "../../etc/passwd"],
        ["check", "--rate-tolerance", "nan"],
    ],
)
def test_odd_option_values(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.NO_MATCH, ExitCode.OK)
    assert "\x1b" not in result.stderr
    assert result.stderr.count("\n") <= 1
