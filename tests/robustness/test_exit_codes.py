"""Exit codes never depend on --debug, on how a boolean variable is spelt, or on
whether the message could be printed (the hardening issue, classes 3 and 4)."""

from __future__ import annotations

import subprocess

import pytest

from brtrade.cli import ExitCode
from brtrade.cli.errors import env_flag
from tests.helpers import SCRIPT, Run, env

FALSE = ["", "0", "false", "False", "FALSE", "no", "off", "Off", " off ", "n", "f"]
TRUE = ["1", "true", "True", "yes", "on", "ON", " yes ", "y", "t"]
CASES = [
    (["--facts", "/nonexistent/facts.yaml", "facts"], ExitCode.BAD_FACTS),
    (["facts", "--format", "nope"], ExitCode.USAGE),
    (["quote", "--speaker", "nobody-at-all"], ExitCode.NO_MATCH),
    (["facts", "asean"], ExitCode.OK),
]


@pytest.mark.parametrize("value", FALSE)
def test_false_words_are_false(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("BRTRADE_DEBUG", value)
    assert env_flag("BRTRADE_DEBUG") is False


@pytest.mark.parametrize("value", TRUE)
def test_true_words_are_true(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("BRTRADE_DEBUG", value)
    assert env_flag("BRTRADE_DEBUG") is True


@pytest.mark.parametrize("value", ["false", "0", "no", "off"])
def test_debug_off_by_any_spelling_shows_no_traceback(run: Run, value: str) -> None:
    result = run("--facts", "/nonexistent/facts.yaml", "facts", env={"BRTRADE_DEBUG": value})
    assert result.exit_code == ExitCode.BAD_FACTS
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("args", "code"), CASES)
@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_debug_never_changes_the_exit_code(
    run: Run, args: list[str], code: ExitCode, debug: list[str]
) -> None:
    assert run(*debug, *args).exit_code == code


def test_debug_shows_the_traceback_of_a_domain_error(run: Run) -> None:
    result = run("--debug", "--facts", "/nonexistent/facts.yaml", "facts")
    assert result.exit_code == ExitCode.BAD_FACTS
    assert "Traceback" in result.stderr and "FactBaseError" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("brtrade: error:")


@pytest.mark.skipif(SCRIPT is None, reason="the brtrade script is not installed")
@pytest.mark.parametrize(("args", "code"), CASES)
@pytest.mark.parametrize("unbuffered", [False, True])
def test_closed_stderr_keeps_the_exit_code(
    args: list[str], code: ExitCode, unbuffered: bool
) -> None:
    assert SCRIPT is not None
    environ = env()
    if unbuffered:
        environ["PYTHONUNBUFFERED"] = "1"
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" 2>&-', SCRIPT, *args],
        stdout=subprocess.DEVNULL,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == code


@pytest.mark.skipif(SCRIPT is None, reason="the brtrade script is not installed")
def test_closed_stderr_with_debug_keeps_the_exit_code() -> None:
    assert SCRIPT is not None
    result = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$0" "$@" 2>&-',
            SCRIPT,
            "--debug",
            "--facts",
            "/nonexistent",
            "facts",
        ],
        stdout=subprocess.DEVNULL,
        env=env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == ExitCode.BAD_FACTS
