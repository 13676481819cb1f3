"""Loading and validation: every mistake names its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from brtrade.core.errors import FactBaseError
from brtrade.core.loader import load_fact_base
from tests.helpers import DATA, MINI, line_of, mutate


def load_error(path: Path) -> FactBaseError:
    with pytest.raises(FactBaseError) as info:
        load_fact_base(path)
    err = info.value
    assert "\n" not in err.describe()
    assert str(path) in err.describe()
    return err


def test_mini_base_loads() -> None:
    base = load_fact_base(MINI / "facts.yaml")
    assert [c.id for c in base.claims] == [
        "alpha-containers",
        "cafe-exports-grew",
        "cafe-exports-2020",
    ]
    assert base.claims[0].origin is not None and base.claims[0].origin.line > 1
    assert base.claims[0].figures[0].value == 1.2e7


def test_folder_of_one_file_loads(mini_copy: Path) -> None:
    assert len(load_fact_base(mini_copy.parent).claims) == 3


@pytest.mark.parametrize(
    ("old", "new", "field", "words", "at"),
    [
        (
            "    kind: measurement\n    period",
            "    period",
            "claims[0].kind",
            "missing required field",
            "- id: alpha-containers",
        ),
        ("value: 1.2e+7", "value: lots", "claims[0].figures[0].value", "expected a number", None),
        ("value: 1.2e+7", 'value: "12"', "claims[0].figures[0].value", "quoted string", None),
        (
            "paragraphs: [1]",
            "paragraphs: one",
            "claims[0].provenance.paragraphs",
            "expected a list",
            None,
        ),
        (
            "approximate: true",
            "approximate: yes",
            "claims[2].figures[1].approximate",
            "true or false",
            None,
        ),
        ("type: port", "kind: port", "entities[0].kind", "unknown field 'kind'", None),
        ("type: port", "type: harbour", "entities[0].type", "not one of", None),
        (
            "    statement: Exports to Café Island grew.",
            "    statment: x",
            "claims[1].statment",
            "did you mean 'statement'",
            None,
        ),
    ],
)
def test_schema_errors_name_line_and_field(
    mini_copy: Path, old: str, new: str, field: str, words: str, at: str | None
) -> None:
    mutate(mini_copy, old, new)
    err = load_error(mini_copy)
    assert err.field == field
    assert words in err.describe()
    assert err.line == line_of(mini_copy, at or new.strip().splitlines()[0])


def test_duplicate_id_names_both_places(mini_copy: Path) -> None:
    mutate(mini_copy, "id: cafe-exports-2020\n", "id: alpha-containers\n")
    err = load_error(mini_copy)
    assert "duplicate claim id 'alpha-containers'" in err.message
    assert f"{mini_copy}:{line_of(mini_copy, '- id: alpha-containers')}" in err.message
    assert err.field == "id"


@pytest.mark.parametrize(
    ("old", "new", "kind", "field"),
    [
        (
            "speaker: jane-roe\n    quote",
            "speaker: john-doe\n    quote",
            "speaker",
            "claims[1].speaker",
        ),
        ("    topics: [ports]", "    topics: [port]", "topic", "claims[0].topics[0]"),
        ("entities: [alpha-port]", "entities: [beta-port]", "entity", "claims[0].entities[0]"),
        (
            "      source: mini\n      paragraphs: [1]",
            "      source: maxi\n      paragraphs: [1]",
            "source",
            "claims[0].provenance.source",
        ),
        (
            "converted_from: cafe-exports-2020-cny",
            "converted_from: nope",
            "figure",
            "claims[2].figures[1].converted_from",
        ),
    ],
)
def test_dangling_references(mini_copy: Path, old: str, new: str, kind: str, field: str) -> None:
    mutate(mini_copy, old, new)
    err = load_error(mini_copy)
    assert f"unknown {kind}" in err.message
    assert err.field == field
    assert err.line == line_of(mini_copy, new.splitlines()[0].strip())


def test_dangling_reference_suggests_the_closest(mini_copy: Path) -> None:
    mutate(mini_copy, "    topics: [ports]", "    topics: [port]")
    assert "did you mean 'ports'" in load_error(mini_copy).describe()


def test_duplicate_key_is_reported_not_overwritten(mini_copy: Path) -> None:
    mutate(mini_copy, "    label: Test source\n", "    label: Test source\n    label: Other\n")
    err = load_error(mini_copy)
    assert "duplicate key 'label'" in err.message
    assert err.line == line_of(mini_copy, "label: Other")


def test_yaml_11_words_stay_strings(mini_copy: Path) -> None:
    mutate(mini_copy, "    label: Exports\n", "    label: no\n")
    mutate(mini_copy, "    label: Ports and shipping\n", "    label: 3.10\n")
    base = load_fact_base(mini_copy)
    assert [t.label for t in base.topics] == ["3.10", "no"]


def test_claim_attributed_to_another_speaker_than_its_quote(mini_copy: Path) -> None:
    text = mini_copy.read_text("utf-8")
    text = text.replace(
        "quotes:\n",
        "  - id: x\n    name: X Y\n    role: r\n    organisation: o\n"
        "    provenance: {source: mini, paragraphs: [2], evidence: said}\nquotes:\n",
    )
    text = text.replace(
        "speaker: jane-roe\n    quote: q-jane-roe", "speaker: x\n    quote: q-jane-roe"
    )
    mini_copy.write_text(text, "utf-8")
    err = load_error(mini_copy)
    assert "attributed to 'x'" in err.message and err.field == "speaker"


def test_change_needs_a_basis(mini_copy: Path) -> None:
    mutate(mini_copy, "        basis: year-on-year\n", "")
    err = load_error(mini_copy)
    assert "has no basis" in err.message
    assert err.field == "figures[1].basis"


def test_source_path_may_not_leave_the_folder(mini_copy: Path) -> None:
    mutate(mini_copy, "text: sources/mini.txt", "text: ../../etc/passwd")
    err = load_error(mini_copy)
    assert "stay inside" in err.message and err.field == "text"


def test_absolute_source_path_is_refused(mini_copy: Path) -> None:
    mutate(mini_copy, "text: sources/mini.txt", "text: /etc/passwd")
    assert "must be relative" in load_error(mini_copy).message


def test_unsupported_format(mini_copy: Path) -> None:
    mutate(mini_copy, "format: 1", "format: 2")
    err = load_error(mini_copy)
    assert err.field == "format" and "unsupported format 2" in err.message


@pytest.mark.parametrize(
    ("name", "words", "line"),
    [
        ("syntax.yaml", "quoted scalar at line 4", 5),
        ("empty.yaml", "holds no YAML document", None),
        ("comment-only.yaml", "holds no YAML document", None),
        ("top-level-list.yaml", "expected a mapping", 1),
        ("python-tag.yaml", "is not allowed", 2),
        ("alias.yaml", "aliases are not supported", 3),
    ],
)
def test_broken_files(name: str, words: str, line: int | None) -> None:
    err = load_error(DATA / "broken" / name)
    assert words in err.message
    assert err.line == line


def test_python_tag_executes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    load_error(DATA / "broken" / "python-tag.yaml")
    assert not (tmp_path / "pwned.txt").exists()


def test_missing_file() -> None:
    err = load_error(DATA / "nope.yaml")
    assert "no such fact file" in err.message and err.hint


def test_folder_without_fact_files(tmp_path: Path) -> None:
    assert "no *.yaml" in load_error(tmp_path).message


def test_non_utf8_names_the_line(mini_copy: Path) -> None:
    data = mini_copy.read_bytes().replace(b"label: Exports", b"label: Exp\xff")
    mini_copy.write_bytes(data)
    err = load_error(mini_copy)
    assert "not valid UTF-8" in err.message
    expected = data[: data.index(b"label: Exp")].count(b"\n") + 1
    assert err.line == expected


def test_nul_byte_names_the_line(mini_copy: Path) -> None:
    mini_copy.write_bytes(mini_copy.read_bytes().replace(b"label: Exports", b"label: Ex\0ports"))
    err = load_error(mini_copy)
    assert "NUL" in err.message and err.line is not None and err.line > 1


def test_bom_and_crlf_are_accepted(mini_copy: Path) -> None:
    text = mini_copy.read_text("utf-8").replace("\n", "\r\n")
    mini_copy.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(load_fact_base(mini_copy).claims) == 3
