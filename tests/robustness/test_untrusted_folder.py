"""Classes 5-8 and 15-17 of the hardening issue: a fact folder is untrusted input,
and what brtrade prints is data for other programs.

No attack here may end in exit 70, hang, print a secret, or hand a spreadsheet
or a Markdown renderer something it would run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.cli import ExitCode
from brtrade.core.errors import EXCERPT_CHARS, FactBaseError
from brtrade.core.loader import load_fact_base
from tests.helpers import MINI, SCRIPT, Run, env, mutate

SECRET = "AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY-" * 3


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "base"
    shutil.copytree(MINI, target)
    return target


def cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT
    return subprocess.run(
        [SCRIPT, "--no-cache", *args], capture_output=True, timeout=timeout, env=env()
    )


def never_leaks(result: subprocess.CompletedProcess[bytes]) -> None:
    assert result.returncode != ExitCode.INTERNAL, result.stderr
    assert SECRET.encode() not in result.stdout + result.stderr
    assert SECRET[:12].encode() not in result.stdout + result.stderr


# -- 5: symlinks out of the folder; excerpts -----------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        f"{SECRET}\n",
        f"aws_secret_access_key: {SECRET}\n",
        f"format: 1\nclaims: [{SECRET}]\n",
        f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n",
    ],
)
@pytest.mark.parametrize("command", [["check"], ["facts"], ["check", "--json"], ["speakers"]])
def test_a_symlink_out_of_the_folder_is_refused_unread(
    folder: Path, tmp_path: Path, content: str, command: list[str]
) -> None:
    secret = tmp_path / "credentials"
    secret.write_text(content, "utf-8")
    (folder / "zz.yaml").symlink_to(secret)
    result = cli("--facts", str(folder), *command)
    never_leaks(result)
    assert result.returncode in (ExitCode.BAD_FACTS, 1)
    assert b"leads outside its folder" in result.stderr


def test_a_symlink_inside_the_folder_is_fine(folder: Path) -> None:
    (folder / "more").mkdir()
    (folder / "facts.yaml").rename(folder / "more" / "facts.yaml")
    shutil.copytree(folder / "sources", folder / "more" / "sources")
    (folder / "facts.yaml").symlink_to(folder / "more" / "facts.yaml")
    assert load_fact_base(folder).claims


@pytest.mark.parametrize(
    "old, new",
    [
        ("    statement: Alpha", f"    {SECRET}x: 1\n    statement: Alpha"),  # an unknown key
        ("kind: measurement", f"kind: {SECRET}"),  # a bad enum value
        ("value: 5\n", f"value: {SECRET}\n"),  # not a number
        ("id: alpha-containers", f"id: Alpha {SECRET}"),  # a bad id
        ("paragraphs: [1]", f'paragraphs: ["{SECRET}"]'),
    ],
)
def test_messages_quote_short_escaped_excerpts(folder: Path, old: str, new: str) -> None:
    """The value is in the fact file itself: a message may quote the start of it, never
    all of it, and never a long line."""
    mutate(folder / "facts.yaml", old, new)
    for command in (["check"], ["facts"]):
        result = cli("--facts", str(folder), *command)
        assert result.returncode in (1, ExitCode.BAD_FACTS)
        said = (result.stdout + result.stderr).decode()
        assert SECRET not in said and SECRET[EXCERPT_CHARS:] not in said
        assert said and all(len(line) < 400 for line in said.splitlines())


@given(value=st.text(min_size=EXCERPT_CHARS + 1, max_size=500))
def test_excerpt_is_short_and_escaped(value: str) -> None:
    from brtrade.core.errors import excerpt

    shown = excerpt(value)
    assert "\n" not in shown and "\r" not in shown
    assert len(shown) <= 3 * EXCERPT_CHARS + 40


# -- 6: devices, FIFOs and sparse files -------------------------------------------------


def test_a_fifo_in_the_folder_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "zz.yaml")
    for command in (["facts"], ["check"]):
        result = cli("--facts", str(folder), *command, timeout=20)
        assert result.returncode in (ExitCode.BAD_FACTS, 1)
        assert b"named pipe" in result.stdout + result.stderr


def test_a_fifo_nobody_writes_to_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "facts.yaml")
    result = cli("--facts", str(tmp_path / "facts.yaml"), "facts", timeout=20)
    assert result.returncode == ExitCode.BAD_FACTS


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null", "/dev/tty"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    result = cli("--facts", device, "facts", timeout=20)
    assert result.returncode == ExitCode.BAD_FACTS
    assert result.stderr.count(b"\n") == 1


def test_completion_never_reads_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "facts.yaml")
    assert SCRIPT
    result = subprocess.run(
        [SCRIPT],
        capture_output=True,
        timeout=20,
        env={
            **env(),
            "BRTRADE_FACTS": str(tmp_path / "facts.yaml"),
            "_BRTRADE_COMPLETE": "complete_bash",
            "COMP_WORDS": "brtrade quote --speaker ",
            "COMP_CWORD": "3",
        },
    )
    assert result.returncode == 0 and result.stdout.strip() == b""


@pytest.mark.parametrize("kind", ["fifo", "device", "sparse", "folder"])
def test_source_texts_are_regular_files_within_a_limit(folder: Path, kind: str) -> None:
    text = folder / "sources" / "mini.txt"
    text.unlink()
    if kind == "fifo":
        os.mkfifo(text)
    elif kind == "device":
        text.symlink_to("/dev/zero")
        mutate(folder / "facts.yaml", "text: sources/mini.txt", "text: sources/zero.txt")
        (folder / "sources" / "zero.txt").symlink_to("/dev/zero")
        text.unlink()
        text.write_text("x", "utf-8")
    elif kind == "sparse":
        with text.open("wb") as f:
            f.truncate(1 << 30)  # 1 GiB, no disk used
    else:
        text.mkdir()
    result = cli("--facts", str(folder), "check", timeout=30)
    assert result.returncode == 1, result.stderr
    assert result.returncode != ExitCode.INTERNAL


def test_the_byte_limit_holds_whatever_st_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brtrade.core import files

    path = tmp_path / "facts.yaml"
    path.write_bytes(b"format: 1\n" + b"#" * 5000)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    real_fstat = os.fstat

    def lying(fd: int) -> os.stat_result:  # a file that claims to be small
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(files.os, "fstat", lying)
    with pytest.raises(FactBaseError, match="larger than the limit of 1,000 bytes"):
        load_fact_base(path)


# -- 7: values that crash ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("value: 5.4e+8", "value: " + "9" * 400, "value"),
        ("value: 5.4e+8", "value: 1e-320", "value"),
        ("value: 5.4e+8", "value: 1e400", "value"),
        ("value: 5.4e+8", "value: 1e19", "value"),
        ("text: sources/mini.txt", 'text: "sources/\\0x"', "text"),
        ("paragraphs: [1]", "paragraphs: [" + "9" * 400 + "]", "paragraphs"),
        ("format: 1", "format: " + "9" * 5000, "format"),
    ],
)
def test_values_that_crashed_are_clear_problems(
    folder: Path, old: str, new: str, field: str
) -> None:
    mutate(folder / "facts.yaml", old, new)
    checked = cli("--facts", str(folder), "check")
    assert checked.returncode == 1, checked.stderr
    assert field in checked.stdout.decode() + checked.stderr.decode()
    for command in (["facts"], ["derive"], ["figures", "--json"]):
        result = cli("--facts", str(folder), *command)
        assert result.returncode == ExitCode.BAD_FACTS, (command, result.stderr)
        assert result.stderr.count(b"\n") == 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    usd=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-(10**30), 10**30),
        st.sampled_from([0, 1e-6, -1e-6, 1e18, -1e18, 5e-324]),
    )
)
def test_derive_never_prints_inf_or_nan(tmp_path: Path, usd: float) -> None:
    folder = tmp_path / f"b{abs(hash(usd)) % 10**9}"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(MINI, folder)
    mutate(folder / "facts.yaml", "value: 5.4e+8", f"value: {usd!r}")
    from typer.testing import CliRunner

    from brtrade.cli import app

    result = CliRunner().invoke(app, ["--no-cache", "--facts", str(folder), "derive", "--json"])
    assert result.exit_code in (0, 1, ExitCode.BAD_FACTS)
    for word in ("Infinity", "NaN", "inf", "nan"):
        assert word not in result.stdout


# -- 8: long values render in linear time ---------------------------------------------------


def test_a_huge_value_is_clipped_in_tables_and_whole_in_json(folder: Path, run: Run) -> None:
    from brtrade.render.tables import MAX_CELL_CHARS

    word = "x" * (3 * 1024 * 1024)
    mutate(folder / "facts.yaml", "statement: Alpha Port", f"statement: {word} Alpha Port")
    table = run("--facts", str(folder), "show", "alpha-containers")
    assert table.exit_code == 0
    assert "more characters; see --json" in table.stdout
    assert len(table.stdout) < 4 * MAX_CELL_CHARS
    data = run("--facts", str(folder), "show", "alpha-containers", "--json")
    assert word in json.loads(data.stdout)["statement"]


def prefix_statement(folder: Path, prefix: str) -> None:
    """Put ``prefix`` before the Alpha claim's statement, quoted for YAML (JSON is YAML)."""
    facts = folder / "facts.yaml"
    lines = facts.read_text("utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("    statement: Alpha Port"):
            statement = line.split(": ", 1)[1].rstrip("\n")
            lines[i] = f"    statement: {json.dumps(prefix + statement)}\n"
            facts.write_text("".join(lines), "utf-8")
            return
    raise AssertionError("the fixture has no Alpha statement")


# -- 15: formula injection ----------------------------------------------------------------


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formulas_are_defused_in_csv_and_tsv(
    folder: Path, run: Run, formula: str, fmt: str
) -> None:
    import csv
    import io

    prefix_statement(folder, formula + " ")
    args = ["--facts", str(folder), "facts", "alpha", "--format", fmt, "--fields", "statement"]
    rows = list(csv.reader(io.StringIO(run(*args).stdout), delimiter="," if fmt == "csv" else "\t"))
    assert rows[1][0].startswith("'" + formula[0])
    raw = list(
        csv.reader(
            io.StringIO(run(*args, "--raw-csv").stdout), delimiter="," if fmt == "csv" else "\t"
        )
    )
    assert raw[1][0].startswith(formula)


@given(cell=st.text(max_size=30))
def test_no_defused_cell_starts_a_formula(cell: str) -> None:
    from brtrade.render.formats import defuse

    out = defuse(cell)
    try:
        float(out)
        return  # a number is data
    except ValueError:
        pass
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_stay_numbers_in_csv(run: Run) -> None:
    out = run("figures", "--format", "csv").stdout
    assert "'-" not in out and "'+" not in out


# -- 16: Markdown is text, not HTML ------------------------------------------------------------


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_escapes_html_and_links(folder: Path, run: Run, attack: str) -> None:
    from markdown_it import MarkdownIt  # Rich's own dependency: a real CommonMark renderer

    prefix_statement(folder, attack + " ")
    out = run("--facts", str(folder), "facts", "alpha", "--format", "markdown").stdout
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert 'href="javascript' not in html and 'onerror="' not in html
    assert "alert(1)" in html  # the text is still there, as text


# -- 17: warnings go to stderr ----------------------------------------------------------------


def test_show_warns_on_stderr_when_the_evidence_is_gone(folder: Path, run: Run) -> None:
    text = folder / "sources" / "mini.txt"
    text.write_text(
        text.read_text("utf-8").replace("Alpha Port handled", "Alpha Port moved"), "utf-8"
    )
    result = run("--no-cache", "--facts", str(folder), "show", "alpha-containers")
    assert result.exit_code == 0
    assert "not found" in result.stderr
    assert "not found" not in result.stdout
