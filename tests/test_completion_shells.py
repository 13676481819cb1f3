"""Completion that forgives, tried through the real bash completion script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import SCRIPT, env


def completion_script(shell: str) -> str:
    """The completion script brtrade prints for ``shell``, as a user would install it."""
    assert SCRIPT
    return subprocess.run(
        [SCRIPT, "--show-completion", shell],
        capture_output=True,
        text=True,
        env={**env(), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=60,
    ).stdout


def bash_complete(line: str) -> list[str]:
    """What bash offers for ``line`` (ending in the word being completed)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed here")
    script = completion_script("bash")
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
        ("brtrade facts --entity southeast", "Association\\ of\\ Southeast\\ Asian\\ Nations"),
        ("brtrade facts --topic diversif", "market-diversification"),
    ],
)
def test_completion_matches_as_the_options_do(line: str, offered: str) -> None:
    assert offered in bash_complete(line)


def test_completion_still_narrows(line: str = "brtrade quote --speaker zh") -> None:
    assert bash_complete(line) == ["Zhou\\ Mi"]


def _zsh_home(tmp_path: object) -> dict[str, str]:
    """A HOME with brtrade's completion installed for zsh, as --install-completion does."""
    import os
    from pathlib import Path

    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed here")
    assert SCRIPT
    home = Path(str(tmp_path)) / "home"
    home.mkdir()
    path = os.path.dirname(SCRIPT) + ":/usr/bin:/bin"
    base = {**env(), "HOME": str(home), "ZDOTDIR": str(home), "PATH": path, "TERM": "xterm"}
    done = subprocess.run(
        [SCRIPT, "--install-completion", "zsh"],
        capture_output=True,
        text=True,
        env={**base, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return base


def test_install_completion_in_zsh_writes_only_what_it_needs(tmp_path: object) -> None:
    from pathlib import Path

    base = _zsh_home(tmp_path)
    zshrc = (Path(base["HOME"]) / ".zshrc").read_text("utf-8")
    assert "zstyle" not in zshrc  # the user's completion style is left alone
    assert "fpath+=~/.zfunc" in zshrc and "compinit" in zshrc
    assert (Path(base["HOME"]) / ".zfunc" / "_brtrade").is_file()


def test_the_first_tab_in_a_new_zsh_completes(tmp_path: object) -> None:
    """In a real zsh under a pseudo-terminal, the very first TAB completes."""
    import os
    import pty
    import select
    import time
    from pathlib import Path

    base = _zsh_home(tmp_path)
    zshrc = Path(base["HOME"]) / ".zshrc"
    # compinit -u: the test runs as root, and compinit would ask about "insecure" dirs
    zshrc.write_text(zshrc.read_text("utf-8").replace("compinit", "compinit -u") + "PS1='> '\n")
    leader, follower = pty.openpty()
    shell = subprocess.Popen(
        ["zsh", "-i"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=base,
        start_new_session=True,
    )
    os.close(follower)

    def read(seconds: float) -> bytes:
        out, end = b"", time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    out += os.read(leader, 4096)
                except OSError:
                    break
        return out

    try:
        read(2)
        os.write(leader, b"brtrade quote --speaker zh\t")  # lower case: brtrade forgives
        echoed = read(4)
    finally:
        os.write(leader, b"\x03exit\n")
        read(0.5)
        shell.kill()
        shell.wait()
        os.close(leader)
    assert b"Zhou\\ Mi" in echoed, echoed


@pytest.mark.parametrize(
    "line, offered",
    [
        ("brtrade quote --speaker zh", "Zhou Mi"),
        ("brtrade quote --speaker xin", "Tu Xinquan"),
        ("brtrade facts --entity southeast", "Association of Southeast Asian Nations"),
        ("brtrade facts --topic diversif", "market-diversification"),
    ],
)
def test_fish_completes_through_its_script(line: str, offered: str) -> None:
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed here")
    script = completion_script("fish")
    import os

    path = os.path.dirname(SCRIPT) + ":/usr/bin:/bin"
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"{script}\ncomplete --do-complete {line!r}"],
        capture_output=True,
        text=True,
        env={**env(), "PATH": path},
        timeout=60,
    )
    assert offered in done.stdout.splitlines(), done.stdout + done.stderr
