"""Output formats for scripts: every format round-trips through its standard parser."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import yaml

from brtrade.cli import ExitCode
from brtrade.contract import records
from brtrade.contract.shapes import CITED_KEYS, CONTRACT, FIGURE_KEYS, PARAGRAPH_KEYS
from brtrade.core.model import FactBase
from brtrade.render.formats import columns, select_fields
from tests.helpers import Run

LISTINGS = [
    ("facts", "claim"),
    ("quote", "quote"),
    ("figures", "figure"),
    ("speakers", "speaker"),
    ("topics", "topic"),
    ("sources", "source"),
    ("derive", "derived"),
]


def machine(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    return str(result.stdout)


def _findings() -> list[Any]:
    from brtrade.core.paths import bundled_facts_path
    from brtrade.core.verify import verify_draft
    from brtrade.index.store import FactStore
    from tests.helpers import ROOT

    store = FactStore(bundled_facts_path(), use_cache=False)
    text = (ROOT / "examples" / "draft.md").read_text("utf-8")
    return verify_draft(text, "draft.md", store.candidates, store.names().speakers)


def test_builders_follow_the_contract(base: FactBase) -> None:
    from brtrade.core.check import check_fact_base
    from brtrade.core.derive import derive
    from brtrade.core.provenance import source_passages
    from tests.helpers import DATA, MINI

    report = check_fact_base(MINI)
    broken = check_fact_base(DATA / "broken" / "syntax.yaml")
    passages, _ = source_passages([base], base.sources[0].id)
    built = {
        "claim": [records.claim(base, c) for c in base.claims],
        "quote": [records.quote(base, q) for q in base.quotes],
        "speaker": [records.speaker(base, s) for s in base.speakers],
        "topic": [records.topic(base, t) for t in base.topics],
        "source": [records.source(base, s) for s in base.sources],
        "figure": [records.figure_row(c, f) for c in base.claims for f in c.figures],
        "derived": [records.derived(d) for d in derive(base)],
        "entity": [records.entity(base, e) for e in base.entities],
        "check": [records.check_report(report.files, report.records, report.problems)],
        "problem": [records.problem(p) for p in broken.problems],
        "source-text": [records.source_text(base.sources[0].id, passages)],
        "finding": [records.finding(f) for f in _findings()],
    }
    assert set(built) == set(CONTRACT), "every shape of the contract is built and tested"
    for kind, rows in built.items():
        assert rows, kind
        for row in rows:
            assert [k for k, _ in CONTRACT[kind]] == list(row), kind
            for key, sub in CONTRACT[kind]:
                if sub is not None and row[key] is not None:
                    assert list(row[key]) == list(sub), (kind, key)
    for claim in built["claim"]:
        for fig in claim["figures"]:
            assert tuple(fig) == FIGURE_KEYS
    for para in built["source-text"][0]["paragraphs"]:
        assert tuple(para) == PARAGRAPH_KEYS
        for cited in para["cited"]:
            assert tuple(cited) == CITED_KEYS
    assert any(p["cited"] for p in built["source-text"][0]["paragraphs"])


@pytest.mark.parametrize(("command", "kind"), LISTINGS)
def test_json_and_shorthand_agree(run: Run, command: str, kind: str) -> None:
    as_format = json.loads(machine(run, command, "--format", "json"))
    assert as_format == json.loads(machine(run, command, "--json"))
    assert all(r["type"] == kind for r in as_format)


@pytest.mark.parametrize(("command", "kind"), LISTINGS)
def test_jsonl_is_one_object_per_line(run: Run, command: str, kind: str) -> None:
    lines = machine(run, command, "--format", "jsonl").splitlines()
    parsed = [json.loads(line) for line in lines]
    assert parsed == json.loads(machine(run, command, "--json"))


@pytest.mark.parametrize(("command", "kind"), LISTINGS)
@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_round_trip(
    run: Run, command: str, kind: str, fmt: str, delimiter: str
) -> None:
    text = machine(run, command, "--format", fmt)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = columns(select_fields(kind, None))
    assert rows[0] == header
    data = json.loads(machine(run, command, "--json"))
    assert len(rows) - 1 == len(data)
    for row, record in zip(rows[1:], data, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["id"] == record["id"]
        if "provenance" in record:
            assert cells["provenance.evidence"] == record["provenance"]["evidence"]
            paras = "; ".join(str(n) for n in record["provenance"]["paragraphs"])
            assert cells["provenance.paragraphs"] == paras
        if "figures" in record:
            assert json.loads(cells["figures"] or "[]") == record["figures"]


def test_csv_flattening_of_a_claim(run: Run) -> None:
    text = machine(run, "facts", "train", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["period"] == ""  # null is an empty cell
    assert row["speaker.name"] == ""
    assert row["topics"] == "belt-and-road; rail; trade-growth"
    (fig,) = json.loads(row["figures"])
    assert fig["value"] == 34.4 and fig["basis"] == "unstated"


def test_figures_csv_is_one_figure_per_row(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(machine(run, "figures", "--format", "csv"))))
    assert len(rows) == 11
    growth = {r["id"]: float(r["value"]) for r in rows if r["kind"] == "change"}
    assert growth == {
        "xidesheng-exports-2020-h2-growth": 30,
        "asean-trade-2020-growth": 7,
        "br-trade-2020-growth-rate": 1,
        "br-rail-trade-growth-rate": 34.4,
    }
    assert {r["approximate"] for r in rows} == {"true", "false"}


@pytest.mark.parametrize(("command", "kind"), LISTINGS)
def test_yaml_round_trips(run: Run, command: str, kind: str) -> None:
    loaded = yaml.safe_load(machine(run, command, "--format", "yaml"))
    assert loaded == json.loads(machine(run, command, "--json"))


def test_markdown_table(run: Run) -> None:
    text = machine(run, "facts", "asean", "--format", "markdown", "--fields", "id,figures")
    lines = text.splitlines()
    assert lines[0] == "| id | figures |"
    assert lines[1] == "|---|---|"
    assert "4.74 trillion yuan; about 730 billion U.S dollars; 7 percent" in lines[3]


def test_markdown_escapes_pipes_and_newlines(run: Run) -> None:
    text = machine(run, "quote", "pandemic", "--format", "markdown", "--fields", "text")
    assert " ¶ The Initiative" in text and "<br>" not in text  # no HTML in Markdown
    assert len(text.splitlines()) == 3


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "yaml"])
def test_fields_select_and_order(run: Run, fmt: str) -> None:
    text = machine(run, "facts", "asean", "--format", fmt, "--fields", "statement,id")
    if fmt == "json":
        data: Any = json.loads(text)
    elif fmt == "jsonl":
        data = [json.loads(line) for line in text.splitlines()]
    elif fmt == "yaml":
        data = yaml.safe_load(text)
    else:
        data = list(csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    assert [list(d) for d in data] == [["statement", "id"]] * 2


def test_fields_with_an_object_field_expand_in_csv(run: Run) -> None:
    text = machine(run, "facts", "asean", "--format", "csv", "--fields", "id,provenance")
    assert text.splitlines()[0] == (
        "id,provenance.source,provenance.paragraphs,provenance.evidence,provenance.verified"
    )


def test_unknown_field_lists_the_valid_ones(run: Run) -> None:
    result = run("facts", "--json", "--fields", "id,statment")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "unknown field 'statment'" in result.stderr
    assert "did you mean 'statement'" in result.stderr
    assert "valid fields: type, id, statement" in result.stderr


def test_fields_on_a_table_is_a_usage_error(run: Run) -> None:
    result = run("facts", "--fields", "id")
    assert result.exit_code == ExitCode.USAGE and "machine formats" in result.stderr


def test_json_and_other_format_disagree(run: Run) -> None:
    result = run("facts", "--json", "--format", "csv")
    assert result.exit_code == ExitCode.USAGE and "disagree" in result.stderr


def test_unknown_format_is_a_usage_error(run: Run) -> None:
    result = run("facts", "--format", "xml")
    assert result.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("fmt", "empty"),
    [
        ("json", "[]\n"),
        ("jsonl", ""),
        ("yaml", "[]\n"),
        ("csv", ",".join(columns(select_fields("claim", None))) + "\n"),
        ("tsv", "\t".join(columns(select_fields("claim", None))) + "\n"),
    ],
)
def test_empty_result_is_valid_output_and_exit_1(run: Run, fmt: str, empty: str) -> None:
    result = run("facts", "volcano", "--format", fmt)
    assert result.exit_code == ExitCode.NO_MATCH
    assert result.stdout == empty
    assert result.stderr == "brtrade: no record has: 'volcano'\n"  # why: on stderr, not stdout


def test_format_is_case_insensitive(run: Run) -> None:
    assert run("topics", "--format", "JSON").exit_code == 0


def test_tsv_is_one_record_a_line(run: Run) -> None:
    """A quote over two paragraphs: escaped as jq's @tsv escapes, so cut and awk work."""
    out = machine(run, "quote", "--format", "tsv", "--fields", "id,text")
    lines = out.splitlines()
    assert len(lines) == 4  # the header and three quotes
    text = next(line for line in lines if line.startswith("q-zhou-mi")).split("\t")[1]
    assert "\\n\\nThe Initiative" in text


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_an_empty_figures_cell_is_an_empty_json_list(run: Run, fmt: str) -> None:
    out = machine(run, "facts", "asean", "--format", fmt, "--fields", "id,figures")
    rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    for _, figures in rows[1:]:
        assert isinstance(json.loads(figures), list)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dotted_fields_select_one_key(run: Run, fmt: str) -> None:
    out = machine(run, "quote", "--format", fmt, "--fields", "id,speaker.name")
    if fmt == "csv":
        assert out.splitlines()[0] == "id,speaker.name"
        assert "Tu Xinquan" in out and "executive dean" not in out
    else:
        rows = json.loads(out)
        assert rows[0]["speaker"] == {"name": rows[0]["speaker"]["name"]}


def test_an_unknown_dotted_field_lists_the_valid_ones(run: Run) -> None:
    result = run("quote", "--format", "csv", "--fields", "speaker.nam")
    assert result.exit_code == 2 and "did you mean 'speaker.name'" in result.stderr


def test_tables_have_no_trailing_spaces_and_a_readable_width(run: Run) -> None:
    out = run("facts", "asean", env={"COLUMNS": "200"}).stdout
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert max(len(line) for line in lines) <= 100
