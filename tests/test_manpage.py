"""The man page: generated from the app, kept in man/brtrade.1, installed with the wheel."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import typer.main

from brtrade.cli import app
from brtrade.cli.manpage import man_page
from tests.helpers import ROOT, Run


def test_the_shipped_man_page_is_the_generated_one(run: Run) -> None:
    on_disk = (ROOT / "man" / "brtrade.1").read_text("utf-8")
    assert on_disk == man_page(typer.main.get_command(app)), (
        "run: brtrade --help-man > man/brtrade.1"
    )
    assert run("--help-man").stdout == on_disk


def test_every_command_and_exit_code_is_in_it() -> None:
    from brtrade.cli import ExitCode

    page = man_page(typer.main.get_command(app))
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f".SS brtrade {name}" in page
    for code in ExitCode:
        assert f"\\fB{int(code)}\\fR" in page


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed here")
def test_man_renders_it_without_warnings(tmp_path: pytest.TempPathFactory) -> None:
    result = subprocess.run(
        ["man", "--warnings", "-l", str(ROOT / "man" / "brtrade.1")],
        capture_output=True,
        env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin", "MAN_KEEP_FORMATTING": "0"},
        timeout=60,
    )
    assert result.returncode == 0
    assert b"warning" not in result.stderr.lower(), result.stderr
    import re

    plain = re.sub(rb".\x08", b"", result.stdout)  # bold and underline by overstriking
    assert b"brtrade verify" in plain


def test_the_wheel_installs_it_as_a_man_page() -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11 and later")
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    shared = build["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"man/brtrade.1": "share/man/man1/brtrade.1"}
