"""Class 1 of the hardening issue: output is complete, or the exit code says it is not.

Every write to stdout is complete or reported (exit 74), and a reader that
goes away is exit 141, whatever the buffering: each test runs with and
without PYTHONUNBUFFERED (conftest.py). The disks are real: a tmpfs of a few
pages, mounted where root may, skipped with the reason where not.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from brtrade.cli import ExitCode
from tests.helpers import SCRIPT, env, mounted_tmpfs

COMMANDS = [
    ["facts", "--json"],
    ["facts"],
    ["facts", "--format", "csv"],
    ["quote", "--format", "markdown"],
    ["sources", "br-trade-2020", "--text"],
    ["figures"],
    ["schema"],
    ["--help"],
    ["facts", "--help"],
]


def brtrade(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT, "the brtrade script is not installed"
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [SCRIPT, *args], env=env(), timeout=60, **kwargs
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 KiB tmpfs: room for the start of an output, not for all of it."""
    with mounted_tmpfs(tmp_path / "disk", "8k") as mount:
        yield mount


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_disk_that_fills_up_is_exit_74(small_disk: Path, args: list[str]) -> None:
    whole = brtrade(args, capture_output=True).stdout
    (small_disk / "filler").write_bytes(b"x" * (8192 - 4096 + 1))  # leaves less than a page
    with open(small_disk / "out", "wb") as out:
        result = brtrade(args, stdout=out, stderr=subprocess.PIPE)
    written = (small_disk / "out").read_bytes()
    if written == whole:  # it fitted after all: then it must say so
        assert result.returncode == 0
        return
    assert result.returncode == ExitCode.OUTPUT, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_to_a_file_is_the_output_to_a_pipe(tmp_path: Path, args: list[str]) -> None:
    whole = brtrade(args, capture_output=True).stdout
    assert len(whole) > 100
    with open(tmp_path / "out", "wb") as out:
        result = brtrade(args, stdout=out, stderr=subprocess.PIPE)
    assert result.returncode == 0 and (tmp_path / "out").read_bytes() == whole


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_dev_full_is_exit_74(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = brtrade(args, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == ExitCode.OUTPUT
    assert len(result.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_pipe_closed_before_the_first_write_is_141(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = brtrade(args, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == ExitCode.BROKEN_PIPE
    assert result.stderr == b""


def test_completion_to_a_closed_pipe_never_crashes() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        assert SCRIPT
        result = subprocess.run(
            [SCRIPT],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            env={
                **env(),
                "_BRTRADE_COMPLETE": "complete_bash",
                "COMP_WORDS": "brtrade quote --speaker ",
                "COMP_CWORD": "3",
            },
        )
    finally:
        os.close(write_end)
    assert result.returncode in (0, ExitCode.BROKEN_PIPE)
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr


def test_a_short_write_is_retried_not_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may take part of the data (a pipe, a signal); every byte still goes out."""
    from brtrade.cli import output

    taken: list[bytes] = []

    def stingy(fd: int, data: bytes) -> int:
        taken.append(bytes(data[:3]))
        return min(3, len(data))

    monkeypatch.setattr(output.os, "write", stingy)
    output.write_all(1, b"0123456789")
    assert b"".join(taken) == b"0123456789"
