"""Data is never interpreted: Rich markup and escape sequences show literally."""

from __future__ import annotations

import json

import pytest

from tests.helpers import DATA, Run

HOSTILE = str(DATA / "hostile" / "facts.yaml")
RAW_ESCAPES = ["\x1b[31m", "\x1b[2J", "\x1b]8;;", "\x07", "\u202e"]


def hostile(run: Run, *args: str, env: dict[str, str] | None = None) -> str:
    result = run("--facts", HOSTILE, *args, env=env)
    assert result.exit_code in (0, 1), result.stderr
    return str(result.stdout) + str(result.stderr)


COMMANDS = [
    ["facts"],
    ["facts", "markup"],
    ["quote"],
    ["speakers"],
    ["sources"],
    ["sources", "hostile", "--text"],
    ["show", "hostile-claim"],
    ["show", "q-mallory"],
    ["show", "mallory"],
    ["figures"],
    ["check"],
    ["facts", "--format", "markdown"],
    ["facts", "--format", "csv"],
]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("colour", [False, True])
def test_escapes_are_never_emitted(run: Run, args: list[str], colour: bool) -> None:
    out = hostile(run, *args, env={"FORCE_COLOR": "1"} if colour else None)
    for raw in RAW_ESCAPES:
        assert raw not in out, (raw, args)


def test_tables_show_markup_and_escapes_literally(run: Run) -> None:
    out = " ".join(hostile(run, "facts", env={"COLUMNS": "200"}).split())
    assert "Markup [bold]not bold[/bold] [/i] unbalanced" in out
    assert "\\x1b[31mRED\\x1b[0m" in out
    assert "bell \\x07" in out and "\\u202eevil\\u202c" in out
    assert "[link=https://evil.invalid]role[/link]" in out


def test_show_marks_hostile_evidence_in_its_paragraph(run: Run) -> None:
    out = " ".join(hostile(run, "show", "hostile-claim", env={"COLUMNS": "200"}).split())
    assert "[[Markup [bold]not bold[/bold]" in out


def test_json_carries_data_exactly(run: Run) -> None:
    (claim,) = json.loads(run("--facts", HOSTILE, "facts", "--json").stdout)
    assert claim["statement"] == (
        "Markup [bold]not bold[/bold] [/i] unbalanced, \x1b[31mRED\x1b[0m, bell \x07, "
        "rtl \u202eevil\u202c."
    )
    assert claim["speaker"]["name"] == "Mallory \x1b[2J"
    raw = run("--facts", HOSTILE, "facts", "--json").stdout
    assert "\\u001b[31m" in raw and "\x1b" not in raw  # escaped as JSON requires


def test_error_messages_are_safe(run: Run, tmp_path: object) -> None:
    result = run("show", "\x1b]8;;x\x07id")
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr
