"""Hostile and broken fact files: one clear error, nothing executed, bounded work."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from brtrade.core import files
from brtrade.core.errors import FactBaseError
from brtrade.core.loader import lint_fact_base, load_fact_base
from tests.helpers import DATA, MINI, mutate

BROKEN = DATA / "broken"


def error_of(path: Path) -> FactBaseError:
    with pytest.raises(FactBaseError) as info:
        load_fact_base(path)
    assert "\n" not in info.value.describe()
    return info.value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("format: 1\nclaims: [\n", "YAML syntax error"),
        ("format: 1\n  bad: indent\n", "YAML syntax error"),
        ("format: 1\nclaims: {a: b\n", "YAML syntax error"),
        ("format: 1\n---\nformat: 1\n", "YAML syntax error"),
        ("", "no YAML document"),
        ("# a comment\n", "no YAML document"),
        ("- format: 1\n", "expected a mapping"),
        ("just a string\n", "expected a mapping"),
        ("42\n", "expected a mapping"),
        ("format: one\n", "expected a whole number"),
        ("format: 1\nclaims: {}\n", "expected a list"),
        ("format: 1\nclaims: [1, 2]\n", "expected a mapping (claim)"),
        ("format: 1\nclaims:\n  - id: [a]\n", "expected a single value"),
        ("format: 1\ntopics:\n  - {id: t, label: {a: b}}\n", "expected a single value"),
        ("format: 1\n? [a, b]\n: c\n", "a mapping key must be a plain name"),
        ("format: 1\nsources:\n  - id: s\n    text: ''\n    label: x\n", "must not be blank"),
    ],
)
def test_broken_yaml_and_wrong_types(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(text, "utf-8")
    assert words in error_of(path).message


def test_wrong_types_at_every_level_of_a_claim(mini_copy: Path) -> None:
    for old, new in [
        ("id: alpha-containers\n", "id: [alpha]\n"),
        ("    kind: measurement\n    period", "    kind: 3\n    period"),
        ("    topics: [ports]", "    topics: ports"),
        ("        unit: count", "        unit: [count]"),
        ("paragraphs: [1]", "paragraphs: [one]"),
        (
            "    provenance:\n      source: mini\n      paragraphs: [1]",
            "    provenance: mini\n    x:",
        ),
    ]:
        text = mini_copy.read_text("utf-8")
        mutate(mini_copy, old, new)
        err = error_of(mini_copy)
        assert err.line is not None and err.field, (old, err.describe())
        mini_copy.write_text(text, "utf-8")


def test_a_folder_where_a_file_is_expected(mini_copy: Path) -> None:
    mutate(mini_copy, "text: sources/mini.txt", "text: sources")
    from brtrade.core.provenance import locate_record

    base = load_fact_base(mini_copy)
    with pytest.raises(FactBaseError, match="cannot read its text"):
        locate_record(base, base.claims[0])


def test_unreadable_file_as_root_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("format: 1\n", "utf-8")

    def denied(*args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("brtrade.core.yamlread.read_bytes", denied)
    assert "permission denied" in error_of(path).message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("format: 1\n", "utf-8")
    path.chmod(0)
    assert "permission denied" in error_of(path).message


def test_symlink_loop_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    err = error_of(tmp_path)
    assert "symbolic links" in err.message or "cannot read" in err.message


def test_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").symlink_to(tmp_path / "gone.yaml")
    assert "no such fact file" in error_of(tmp_path / "facts.yaml").message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"format: 1\nsources: \xff\xfe\n", "not valid UTF-8"),
        (b"format: 1\x00\n", "NUL byte"),
        (b"\xff\xfeformat: 1\n", "not valid UTF-8"),  # a UTF-16 file
    ],
)
def test_bytes_that_are_not_utf8_text(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(data)
    assert words in error_of(path).message


def test_bom_and_crlf_load(mini_copy: Path) -> None:
    raw = mini_copy.read_bytes().replace(b"\n", b"\r\n")
    mini_copy.write_bytes(b"\xef\xbb\xbf" + raw)
    assert len(load_fact_base(mini_copy).claims) == 3


def test_duplicate_keys_and_ids(mini_copy: Path) -> None:
    mutate(mini_copy, "    label: Exports\n", "    label: Exports\n    label: Again\n")
    assert "duplicate key 'label'" in error_of(mini_copy).message


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "1e3", "3.10", "0755", "2020-01-01"])
def test_yaml_11_coercions_are_handled(mini_copy: Path, word: str) -> None:
    """As an id, each stays the text it is; check flags it for other YAML tools."""
    mutate(mini_copy, "  - id: exports\n", f"  - id: {word}\n")
    for ref in ("topics: [exports]", "    topics: [exports]"):
        text = mini_copy.read_text("utf-8")
        mini_copy.write_text(text.replace(ref, ref.replace("exports", word)), "utf-8")
    base = load_fact_base(mini_copy)
    assert word in base.index["topic"]
    (flag,) = [p for p in lint_fact_base(mini_copy).problems if p.rule == "yaml-1.1"][:1]
    assert f"'{word}' is read here as str" in flag.message


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in (
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!custom x",
    ):
        path = tmp_path / "facts.yaml"
        path.write_text(f"format: 1\nclaims: {tag}\n", "utf-8")
        assert "is not allowed" in error_of(path).message
        assert "is not allowed" in lint_fact_base(path).problems[0].message
    assert not marker.exists()


@pytest.mark.parametrize("name", ["billion-laughs.yaml", "laughs-in-claims.yaml"])
def test_billion_laughs_is_bounded(name: str) -> None:
    """In a child process capped at 512 MiB and 20 s of CPU: refused, never expanded."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))\n"
        "resource.setrlimit(resource.RLIMIT_CPU, (20, 20))\n"
        "from brtrade.core.errors import FactBaseError\n"
        "from brtrade.core.check import check_fact_base\n"
        "from brtrade.core.loader import load_fact_base\n"
        "try:\n    load_fact_base(sys.argv[1])\nexcept FactBaseError as e:\n    print(e.message)\n"
        "print(len(check_fact_base(sys.argv[1]).problems))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(BROKEN / name)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-500:]
    first, count = result.stdout.splitlines()
    assert "alias" in first or "unknown field" in first
    assert 0 < int(count) < 100
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 512 * 1024


def test_billion_laughs_never_reaches_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from brtrade.cli import ExitCode, app

    result = CliRunner().invoke(
        app, ["--facts", str(BROKEN / "billion-laughs.yaml"), "facts", "--json"]
    )
    assert result.exit_code == ExitCode.BAD_FACTS and result.stdout == ""


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse: no disk used
        f.truncate(files.MAX_FILE_BYTES + 1)
    err = error_of(path)
    assert "the limit of 268,435,456 bytes" in err.message and err.hint


def test_size_limit_applies_in_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    assert "the limit of 100 bytes" in error_of(MINI).message


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("format: 1\nclaims: " + "[" * 50_000 + "]" * 50_000 + "\n", "utf-8")
    err = error_of(path)
    assert err.message


@pytest.mark.parametrize(
    "text_path", ["../outside.txt", "/etc/passwd", "~/x.txt", "sources/../../outside.txt"]
)
def test_source_paths_leaving_the_folder(mini_copy: Path, text_path: str) -> None:
    mutate(mini_copy, "text: sources/mini.txt", f"text: {text_path}")
    err = error_of(mini_copy)
    assert err.field == "text" and "inside the fact file's folder" in err.message


def test_values_with_line_breaks_keep_errors_on_one_line(mini_copy: Path) -> None:
    mutate(mini_copy, "entities: [alpha-port]", 'entities: ["alpha\\nport"]')
    err = error_of(mini_copy)
    assert "unknown entity 'alpha\\nport'" in err.describe()
