"""The pager and --color, tried in a real pseudo-terminal where it matters."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.helpers import SCRIPT, Run, env


def in_a_terminal(args: list[str], extra: dict[str, str], rows: int = 10) -> bytes:
    """Run brtrade with stdout on a pty of ``rows`` lines; what it wrote there."""
    assert SCRIPT
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    proc = subprocess.Popen(
        [SCRIPT, *args], stdout=follower, stderr=subprocess.PIPE, env={**env(), **extra}
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, err = proc.communicate(timeout=60)
    os.close(leader)
    assert proc.returncode == 0, err
    return out


@pytest.fixture
def paged(tmp_path: Path) -> Path:
    return tmp_path / "paged.txt"


def _pager_env(paged: Path) -> dict[str, str]:
    import shlex

    code = f"import sys; open({str(paged)!r}, 'wb').write(sys.stdin.buffer.read())"
    return {"BRTRADE_PAGER": f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"}


def test_long_output_in_a_terminal_goes_through_the_pager(paged: Path) -> None:
    out = in_a_terminal(["sources", "br-trade-2020", "--text"], _pager_env(paged))
    assert paged.exists() and b"Yantian" in paged.read_bytes()
    assert b"Yantian" not in out


def test_short_output_is_not_paged(paged: Path) -> None:
    out = in_a_terminal(["topics"], _pager_env(paged), rows=200)
    assert not paged.exists() and b"rail" in out


def test_no_pager_and_pipes_never_page(paged: Path) -> None:
    out = in_a_terminal(["--no-pager", "sources", "br-trade-2020", "--text"], _pager_env(paged))
    assert not paged.exists() and b"Yantian" in out
    assert SCRIPT
    piped = subprocess.run(
        [SCRIPT, "sources", "br-trade-2020", "--text"],
        capture_output=True,
        env={**env(), **_pager_env(paged)},
        timeout=60,
    )
    assert not paged.exists() and b"Yantian" in piped.stdout


def test_color_never_in_a_terminal(paged: Path) -> None:
    out = in_a_terminal(["--no-pager", "--color", "never", "facts", "asean"], {}, rows=200)
    assert b"\x1b[" not in out and b"ASEAN" in out
    coloured = in_a_terminal(["--no-pager", "facts", "asean"], {"TERM": "xterm"}, rows=200)
    assert b"\x1b[" in coloured


@pytest.mark.parametrize("how", [["--color", "always"], ["--color=always"]])
def test_color_always_through_a_pipe(run: Run, how: list[str]) -> None:
    assert "\x1b[" in run(*how, "facts", "asean").stdout
    assert "\x1b[" not in run("facts", "asean").stdout


def test_clicolor_force(run: Run) -> None:
    assert "\x1b[" in run("facts", "asean", env={"CLICOLOR_FORCE": "1"}).stdout
    assert (
        "\x1b[" not in run("--color", "never", "facts", "asean", env={"CLICOLOR_FORCE": "1"}).stdout
    )
