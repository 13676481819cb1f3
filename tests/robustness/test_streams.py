"""Pipes, full disks and Ctrl-C end quietly, with documented exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from brtrade.cli import ExitCode, main
from tests.helpers import SCRIPT, Run, env


@pytest.fixture(scope="module")
def brtrade() -> str:
    assert SCRIPT, "the brtrade script is not installed"
    return SCRIPT


@pytest.mark.parametrize("args", [["facts", "--json"], ["facts"], ["sources", "--text"]])
def test_closed_pipe_is_quiet(brtrade: str, args: list[str]) -> None:
    proc = subprocess.Popen(
        [brtrade, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env()
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before brtrade writes
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == ExitCode.BROKEN_PIPE
    assert err == b""


def test_head_c_100_is_quiet(brtrade: str, tmp_path: Path) -> None:
    script = f"'{brtrade}' facts --json | head -c 100"
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, env=env(), timeout=60, cwd=tmp_path
    )
    assert len(result.stdout) == 100
    assert result.stderr == b""


def test_full_disk_is_one_line_and_exit_74(brtrade: str) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [brtrade, "facts", "--json"], stdout=full, stderr=subprocess.PIPE, env=env()
        )
    assert result.returncode == ExitCode.OUTPUT
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0]


def test_ctrl_c_during_output(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from brtrade.cli import output

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "write_text", interrupted)
    monkeypatch.setattr("brtrade.cli.commands.integrity.write_text", interrupted)
    result = run("schema")
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_ctrl_c_outside_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("brtrade.cli.program.app", interrupted)
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == ExitCode.INTERRUPTED


def test_a_bug_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("brtrade.cli.program.app", broken)
    monkeypatch.setattr(sys, "argv", ["brtrade", "facts"])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError: boom" in err and "--debug" in err


def test_a_bug_with_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("brtrade.cli.program.app", broken)
    monkeypatch.setattr(sys, "argv", ["brtrade", "--debug", "facts"])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == ExitCode.INTERNAL  # the same code as without --debug
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: boom" in err
