"""The fast reader (rapidyaml) and the precise one (PyYAML's composer and the node walker)
build the same records, or the fast one hands the file over.

Held alike on every fact file of the repository, on hypothesis-made variants of a real
one (each scalar rewritten plain, quoted, escaped or as a block), through the CLI's
``--json``, and on every bad file the robustness tests use.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core import fastyaml
from brtrade.core.errors import FactBaseError
from brtrade.core.loader import load_fact_base
from brtrade.core.model import FactFile
from brtrade.core.validate import parse_fact_file
from tests.helpers import DATA, MINI, ROOT, Run

pytest.importorskip("ryml", reason="rapidyaml is not installed: every file is read precisely")

SECTIONS = (
    "sources",
    "topics",
    "entities",
    "speakers",
    "quotes",
    "claims",
    "vocabulary",
    "entity_extensions",
)
FACT_FILES = sorted(
    {
        ROOT / "facts.yaml",
        *DATA.rglob("*.yaml"),
        *(ROOT / "examples").rglob("*.yaml"),
    }
)


def fast_read(text: str, shown: str = "f.yaml") -> FactFile | None:
    got = fastyaml.read(text, shown)
    return None if got is None else got[0]


def precise_read(path: Path) -> FactFile:
    return parse_fact_file(path, fast=False).content


def assert_same(fast: FactFile, precise: FactFile) -> None:
    """The same records, value for value and type for type (1 is not 1.0), each from
    the same line."""
    assert repr(fast) == repr(precise)
    for name in SECTIONS:
        mine, theirs = getattr(fast, name), getattr(precise, name)
        assert [r.origin for r in mine] == [r.origin for r in theirs], name


def both(path: Path) -> tuple[FactFile | None, FactFile | BaseException]:
    """What each reader makes of one file (the precise one's error, where it refuses)."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        precise: FactFile | BaseException = precise_read(path)
    except FactBaseError as problem:
        precise = problem
    return fast_read(text, str(path)), precise


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fact_file_reads_alike(path: Path) -> None:
    fast, precise = both(path)
    if isinstance(precise, BaseException):
        assert fast is None  # what the precise reader refuses, the fast one hands over
    elif fast is not None:
        assert_same(fast, precise)


@pytest.mark.parametrize(
    "path",
    [ROOT / "facts.yaml", MINI / "facts.yaml", DATA / "second.yaml"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_fast_path_reads_the_real_bases(path: Path) -> None:
    """Not a fast path that always hands over: the bundled base and the fixtures are read."""
    fast, precise = both(path)
    assert fast is not None and not isinstance(precise, BaseException)
    assert_same(fast, precise)


# --------------------------------------------------------------------------
# Hypothesis: one real file, its scalars written every way YAML allows.

MINI_TEXT = (MINI / "facts.yaml").read_text(encoding="utf-8")
_VALUE_LINE = re.compile(r"^( *(?:- )?)([a-z_]+): (\S.*)$", re.MULTILINE)
VALUE_LINES = [m for m in _VALUE_LINE.finditer(MINI_TEXT) if m.group(3)[0] not in "[{"]

TRICKY = [
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "yes",
    "no",
    "True",
    "true",
    "FALSE",
    "3.10",
    "007",
    ".5",
    "1.",
    "-.5",
    "+5",
    "1e3",
    "1e-3",
    "1.5e+12",
    "0x1F",
    "0o17",
    "1_000",
    ".inf",
    "NaN",
    "-0",
    "12",
    "2020-01-01",
    "a: b",
    "a #b",
    "#x",
    "- x",
    "@x",
    "`x`",
    "%x",
    "x\\y",
    'say "hi"',
    "it's",
    "x,y",
    "[x]",
    "{x}",
    "a & b",
    "*x",
    "&x",
    "!x",
    "|",
    ">",
    "Café 😀",
    "tab\there",
    "line\nbreak",
    "trailing ",
    " leading",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "?x",
    "x?",
    "x:",
    ":x",
    "---",
    "...",
]
scalar_words = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.sampled_from(list("ab Z09.-:#'\"\\,[]{}&*!|>%@`~?é😀\t\n")), max_size=12),
)


def _double(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _render(text: str, style: str, indent: int) -> str:
    """A scalar written in one style; a block scalar's lines at ``indent``."""
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return _double(text)
    if style == "escaped":
        return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in text) + '"'
    pad = " " * indent
    body = "\n".join(pad + line for line in text.split("\n"))
    return f"{style}\n{body}"


styles = st.sampled_from(["plain", "single", "double", "escaped", "|", "|-", "|+", ">", ">-"])


@st.composite
def variants(draw: st.DrawFn) -> str:
    """The mini base with some of its values rewritten, and its layout varied."""
    chosen = draw(
        st.lists(st.integers(0, len(VALUE_LINES) - 1), min_size=1, max_size=4, unique=True)
    )
    text = MINI_TEXT
    for i in sorted(chosen, reverse=True):
        m = VALUE_LINES[i]
        keep = draw(st.booleans())
        word = m.group(3) if keep else draw(scalar_words)
        indent = len(m.group(1)) + 2
        new = f"{m.group(1)}{m.group(2)}: {_render(word, draw(styles), indent)}"
        text = text[: m.start()] + new + text[m.end() :]
    if draw(st.booleans()):
        text = text.replace("\n  ", "\n    ")  # deeper indentation throughout
    if draw(st.booleans()):
        text = text.replace("\nclaims:\n", "\nclaims:\n  # a comment\n\n")
    if draw(st.booleans()):
        text = "\n# a heading\n\n" + text
    return text


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=variants())
def test_rewritten_values_read_alike(tmp_path: Path, text: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    fast, precise = both(path)
    if isinstance(precise, BaseException):
        assert fast is None
    elif fast is not None:
        assert_same(fast, precise)


def test_the_variants_mostly_take_the_fast_path(tmp_path: Path) -> None:
    """The equality above says little if every variant is handed over: here a plain
    value of each line, rewritten as a quoted one, is still read fast."""
    read = 0
    for m in VALUE_LINES:
        value = m.group(3)
        if value.startswith(('"', "'")):
            continue
        text = MINI_TEXT[: m.start(3)] + _double(value) + MINI_TEXT[m.end(3) :]
        path = tmp_path / "facts.yaml"
        path.write_text(text, encoding="utf-8")
        fast, precise = both(path)
        if fast is not None:
            assert not isinstance(precise, BaseException)
            assert_same(fast, precise)
            read += 1
    assert read >= len(VALUE_LINES) // 2


# --------------------------------------------------------------------------
# What is handed over, and why.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    label: Test source", "    label: &a Test source"),  # an anchor
        ("    label: Test source", "    label: !!str Test source"),  # a tag
        ("    label: Exports", "    label: ~"),  # null to PyYAML, '~' to rapidyaml
        ("        value: 5\n", "        value: 007\n"),  # a number rapidyaml quotes
        ("        value: 5\n", "        value: +5\n"),  # not a JSON number
        ("    label: Exports", "    label: 1e3"),  # a number where text is wanted
        ("    label: Exports", '    label: "Ex\tports"'),  # a tab
        ("    label: Exports", "    label: Exports\n    label: Again"),  # a duplicate key
        ("  - id: exports\n", "  -\n    id: exports\n"),  # a record's first key on its own line
        ("# A small", "---\n# A small"),  # a document marker
    ],
)
def test_what_the_fast_path_hands_over(mini_copy: Path, old: str, new: str) -> None:
    text = mini_copy.read_text(encoding="utf-8")
    assert old in text
    mini_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert fast_read(mini_copy.read_text(encoding="utf-8")) is None
    try:
        load_fact_base(mini_copy)  # and the precise reader decides, as it always did
    except FactBaseError:
        pass


def test_crlf_files_are_read_precisely_and_alike(mini_copy: Path) -> None:
    text = mini_copy.read_text(encoding="utf-8")
    mini_copy.write_bytes(text.replace("\n", "\r\n").encode())
    assert fast_read(mini_copy.read_bytes().decode()) is None
    crlf, lf = load_fact_base(mini_copy), load_fact_base(MINI / "facts.yaml")
    assert repr((crlf.claims, crlf.quotes)) == repr((lf.claims, lf.quotes))


def test_rapidyaml_parse_errors_never_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    assert fast_read('format: 1\nsources: "unclosed\n') is None
    assert capfd.readouterr().err == ""


def test_without_rapidyaml_every_file_is_read_precisely(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ryml", None)  # as if it were not installed
    assert not fastyaml.available()
    assert fast_read(MINI_TEXT) is None
    assert len(load_fact_base(MINI / "facts.yaml").claims) == len(
        precise_read(MINI / "facts.yaml").claims
    )


def test_a_cross_record_problem_is_worded_by_the_precise_reader(mini_copy: Path) -> None:
    """The fast path's references know only their record's line: the loader reads the
    file again, precisely, and the error names the reference's own line."""
    text = mini_copy.read_text(encoding="utf-8")
    mini_copy.write_text(text.replace("    topics: [ports]", "    topics: [portz]", 1))
    assert fast_read(mini_copy.read_text(encoding="utf-8")) is not None
    with pytest.raises(FactBaseError) as info:
        load_fact_base(mini_copy)
    line = mini_copy.read_text().splitlines().index("    topics: [portz]") + 1
    assert info.value.line == line and info.value.field == "claims[0].topics[0]"
    assert "did you mean 'ports'" in (info.value.hint or "")


# --------------------------------------------------------------------------
# Through the CLI: byte for byte, and the same errors.

COMMANDS = [
    ("facts", "--json"),
    ("quote", "--json"),
    ("show", "alpha-containers", "--json"),
    ("facts", "--format", "csv"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    "base", [ROOT / "facts.yaml", MINI / "facts.yaml"], ids=["bundled", "mini"]
)
def test_the_cli_answers_byte_for_byte_alike(
    run: Run, monkeypatch: pytest.MonkeyPatch, base: Path, args: tuple[str, ...]
) -> None:
    if base.parent == ROOT and args[0] == "show":
        args = ("show", "br-trade-2020-total", "--json")
    fast = run("--facts", str(base), "--no-cache", *args)
    monkeypatch.setattr(fastyaml, "read", lambda text, shown: None)
    precise = run("--facts", str(base), "--no-cache", *args)
    assert fast.exit_code == precise.exit_code == 0, fast.output
    assert fast.stdout == precise.stdout


BROKEN = sorted((DATA / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_bad_files_give_the_same_error_and_exit_code(
    run: Run, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    fast = run("--facts", str(path), "--no-cache", "facts")
    monkeypatch.setattr(fastyaml, "read", lambda text, shown: None)
    precise = run("--facts", str(path), "--no-cache", "facts")
    assert (fast.exit_code, fast.stderr) == (precise.exit_code, precise.stderr)
    assert fast.exit_code != 0


@pytest.mark.parametrize("indicator", ["*", "&", "!"])
@pytest.mark.parametrize("form", ["id: {}\n", "id: [{}]\n", "id:\n    - {}\n"])
def test_an_indicator_with_no_name_is_handed_over(
    tmp_path: Path, indicator: str, form: str
) -> None:
    """'id: *' (hypothesis found it): an alias with no name, which PyYAML refuses, was
    read fast as the string '*'."""
    text = MINI_TEXT.replace("  - id: mini\n", "  - " + form.format(indicator), 1)
    assert text != MINI_TEXT
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    fast, precise = both(path)
    assert fast is None
    assert isinstance(precise, BaseException) or indicator == "!"


def test_an_ampersand_inside_a_value_is_read_fast(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(MINI_TEXT.replace("label: Ports and shipping", "label: Ports & shipping"))
    fast, precise = both(path)
    assert fast is not None and not isinstance(precise, BaseException)
    assert_same(fast, precise)
