"""Completion that forgives, tried through the real bash completion script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import SCRIPT, env


def bash_complete(line: str) -> list[str]:
    """What bash offers for ``line`` (ending in the word being completed)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed here")
    assert SCRIPT
    script = subprocess.run(
        [SCRIPT, "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env={**env(), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=60,
    ).stdout
    assert "_brtrade_completion" in script
    words = line.split(" ")
    probe = (
        f"{script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        f"_brtrade_completion {SCRIPT}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, env=env(), timeout=60
    )
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize(
    "line, offered",
    [
        ("brtrade quote --speaker zh", "Zhou\\ Mi"),
        ("brtrade quote --speaker xin", "Tu\\ Xinquan"),
        ("brtrade quote --speaker TU", "Tu\\ Xinquan"),
        ("brtrade facts --entity asean", "ASEAN"),
        ("brtrade facts --entity southeast", "ASEAN"),
        ("brtrade facts --topic diversif", "market-diversification"),
    ],
)
def test_completion_matches_as_the_options_do(line: str, offered: str) -> None:
    assert offered in bash_complete(line)


def test_completion_still_narrows(line: str = "brtrade quote --speaker zh") -> None:
    assert bash_complete(line) == ["Zhou\\ Mi"]
