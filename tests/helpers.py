"""What several test modules share: paths, the installed script, small file edits.

Test modules import from here (or take fixtures from conftest.py), never from
each other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from typer.testing import Result

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"

SCRIPT = shutil.which("brtrade", path=str(Path(sys.executable).parent)) or shutil.which("brtrade")
"""The installed console script, as a user runs it."""

Run = Callable[..., Result]
"""The ``run`` fixture: brtrade's CLI through CliRunner, stdout and stderr apart."""


def env() -> dict[str, str]:
    """The environment for a subprocess of brtrade: this one, less brtrade's own
    variables. PYTHONUNBUFFERED passes on: the robustness tests run both with and
    without it (tests/robustness/conftest.py)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("BRTRADE_")}


def mutate(facts: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` in a fact file with ``new``; the fixture must hold ``old``."""
    text = facts.read_text("utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    facts.write_text(text.replace(old, new, 1), "utf-8")
    return facts


def line_of(facts: Path, needle: str) -> int:
    """The number of the first line of a file that holds ``needle``."""
    for i, line in enumerate(facts.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


@contextlib.contextmanager
def mounted_tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size`` (such as '8k') mounted at ``where``; the test is skipped,
    with the reason, where the machine does not let us mount one (it needs root)."""
    import subprocess

    import pytest

    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def complete(run: Run, args: str) -> str:
    """What brtrade offers a zsh TAB after ``args``, as the shell asks for it."""
    result = run(env={"_BRTRADE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": args})
    assert result.exit_code == 0
    return str(result.stdout)


def answer_ids(run: Run, question: str) -> list[str]:
    """The ids ``facts QUESTION --json`` answers with, best first; [] for none (exit 1)."""
    import json

    result = run("facts", question, "--json")
    assert result.exit_code in (0, 1), result.stderr
    return [r["id"] for r in json.loads(result.stdout)] if result.exit_code == 0 else []
