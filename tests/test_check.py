"""brtrade check, derive and schema: a fact base verified by a machine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from brtrade.cli import ExitCode
from brtrade.core.check import check_fact_base
from brtrade.core.derive import derive
from brtrade.core.file_schema import fact_file_schema, schema_json
from brtrade.core.model import FactBase
from brtrade.core.numbers import parse_wording
from tests.helpers import DATA, MINI, ROOT, Run, line_of, mutate


def problems_of(path: Path) -> list[Any]:
    report = check_fact_base(path)
    assert not report.ok
    return report.problems


def only(problems: list[Any], rule: str) -> Any:
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, [p.describe() for p in problems]
    return found[0]


def test_bundled_base_is_clean(run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_mini_base_is_clean() -> None:
    assert check_fact_base(MINI / "facts.yaml").ok


# The five mistakes the issue names, each with its file, line and record.


def test_one_character_change_to_an_evidence_span(mini_copy: Path) -> None:
    mutate(mini_copy, "up 5 percent year on year.", "up 5 percent year in year.")
    p = only(problems_of(mini_copy), "provenance")
    assert (p.file, p.record, p.field) == (
        str(mini_copy),
        "alpha-containers",
        "provenance.evidence",
    )
    assert p.line == line_of(mini_copy, "year in year.")
    assert "does not occur verbatim in ¶1" in p.message


def test_figure_value_disagrees_with_wording(mini_copy: Path) -> None:
    mutate(mini_copy, "value: 3.5e+9", "value: 3.5e+8")
    p = only(problems_of(mini_copy), "figure")
    assert (p.record, p.field) == ("cafe-exports-2020", "figures[0].value")
    assert p.line == line_of(mini_copy, "value: 3.5e+8")
    assert "which says 3.5e+09" in p.message and p.hint == "set 'value: 3.5e+09'"


def test_duplicate_key(mini_copy: Path) -> None:
    mutate(mini_copy, "    kind: assessment\n", "    kind: assessment\n    kind: event\n")
    p = only(problems_of(mini_copy), "yaml")
    assert p.record == "cafe-exports-grew" and p.field == "claims[1].kind"
    assert p.line == line_of(mini_copy, "kind: event")


def test_dangling_speaker_reference(mini_copy: Path) -> None:
    mutate(mini_copy, "speaker: jane-roe\n    quote", "speaker: jane-doe\n    quote")
    found = problems_of(mini_copy)
    ref = [p for p in found if p.rule == "reference" and "unknown speaker" in p.message]
    assert len(ref) == 1
    assert ref[0].record == "cafe-exports-grew"
    assert ref[0].line == line_of(mini_copy, "speaker: jane-doe")


def test_wrong_paragraph_number(mini_copy: Path) -> None:
    text = mini_copy.read_text("utf-8")
    at = text.index("id: alpha-containers\n")
    mini_copy.write_text(
        text[:at] + text[at:].replace("paragraphs: [1]", "paragraphs: [3]", 1), "utf-8"
    )
    p = only(problems_of(mini_copy), "provenance")
    assert p.record == "alpha-containers"
    assert "¶3" in p.message and "it occurs in ¶1" in (p.hint or "")


def test_every_problem_is_reported_not_just_the_first(mini_copy: Path) -> None:
    mutate(mini_copy, "value: 3.5e+9", "value: 3.5e+8")
    mutate(mini_copy, "up 5 percent year on year.", "up 5 percent year in year.")
    mutate(mini_copy, "    topics: [ports]", "    topics: [port]")
    mutate(mini_copy, "label: Exports", "lable: Exports")
    rules = sorted(p.rule for p in problems_of(mini_copy))
    assert rules == ["figure", "provenance", "reference", "schema"]


def test_check_cli_lines_and_json(run: Run, mini_copy: Path) -> None:
    mutate(mini_copy, "value: 3.5e+9", "value: 3.5e+8")
    result = run("check", str(mini_copy))
    assert result.exit_code == ExitCode.NO_MATCH
    (line,) = result.stdout.splitlines()
    expected = f"{mini_copy}:{line_of(mini_copy, 'value: 3.5e+8')}: cafe-exports-2020: "
    assert line.startswith(expected + "figures[0].value: figure 'cafe-exports-2020-cny'")
    assert "1 problem" in result.stderr
    report = json.loads(run("check", str(mini_copy), "--json").stdout)
    assert report["ok"] is False and report["records"] == 10
    assert list(report["problems"][0]) == [
        "file", "line", "record", "field", "rule", "message", "hint",
    ]  # fmt: skip


def test_unknown_key_suggests(mini_copy: Path) -> None:
    mutate(mini_copy, "label: Exports", "lable: Exports")
    p = only(problems_of(mini_copy), "schema")
    assert "did you mean 'label'" in p.describe() and p.record == "exports"


@pytest.mark.parametrize(
    ("old", "new", "read_as"),
    [
        ("label: Exports", "label: no", "bool"),
        ("label: Exports", "label: 2020-01-01", "timestamp"),
        ("label: Exports", "label: 3.10", "float"),
        ("value: 3.5e+9", "value: 3.5e9", "str"),
    ],
)
def test_yaml_11_coercions_are_flagged(mini_copy: Path, old: str, new: str, read_as: str) -> None:
    mutate(mini_copy, old, new)
    p = only(problems_of(mini_copy), "yaml-1.1")
    assert f"read it as {read_as}" in p.message
    assert p.line == line_of(mini_copy, new)


def test_figure_unit_and_approximation(mini_copy: Path) -> None:
    mutate(mini_copy, "        unit: USD\n", "        unit: CNY\n")
    mutate(mini_copy, "        approximate: true\n", "")
    messages = [p.message for p in problems_of(mini_copy) if p.rule == "figure"]
    assert any("is in USD, but its unit is CNY" in m for m in messages)
    assert any("as an approximation" in m for m in messages)


@pytest.mark.parametrize(
    ("wording", "value"),
    [
        ("4.74 trillion yuan", 4.74e12),
        ("about 730 billion U.S dollars", 7.3e11),
        ("29.1 percent", 29.1),
        ("11 routes", 11),
        ("1,200 tonnes", 1200),
        ("12 million containers", 1.2e7),
    ],
)
def test_parse_wording(wording: str, value: float) -> None:
    assert parse_wording(wording) == pytest.approx(value, rel=1e-12)


def test_speaker_role_must_be_verbatim(mini_copy: Path) -> None:
    mutate(mini_copy, "role: chief economist", "role: chief executive")
    p = only(problems_of(mini_copy), "provenance")
    assert p.record == "jane-roe" and p.field == "role"


def test_quote_text_must_be_verbatim(mini_copy: Path) -> None:
    mutate(mini_copy, 'text: "Trade is recovering.', 'text: "Trade is recovering fast.')
    p = only(problems_of(mini_copy), "provenance")
    assert p.record == "q-jane-roe" and p.field == "text"


# Derived figures.


def test_derive_on_the_bundled_base(base: FactBase) -> None:
    found = {d.id: d for d in derive(base)}
    rates = sorted(round(d.value, 2) for d in found.values() if d.kind == "exchange-rate")
    assert rates == [6.46, 6.49]
    total = found["implied-total:br-trade-2020-share-of-total"]
    assert total.value == pytest.approx(32.2e12, rel=1e-3) and total.unit == "CNY"
    prior = found["prior-value:asean-trade-2020-growth"]
    assert prior.value == pytest.approx(4.74e12 / 1.07)
    assert found["exchange-rate-spread:2020"].flag is None
    assert all(d.flag is None for d in found.values())


def test_derive_cli(run: Run, run_json: Any) -> None:
    data = run_json("derive")
    assert all(d["derived"] is True and d["formula"] and d["inputs"] for d in data)
    rates = run_json("derive", "exchange", "rate")
    assert {round(d["value"], 2) for d in rates if d["kind"] == "exchange-rate"} == {6.46, 6.49}
    table = run("derive", "implied", "total").stdout
    assert "32.2 trillion CNY" in table and "not state them" in table


def test_rate_spread_over_tolerance_is_flagged(run: Run) -> None:
    result = run("check", "--rate-tolerance", "0.1")
    assert result.exit_code == ExitCode.NO_MATCH
    assert "exchange rates in 2020 differ by 0.48%" in result.stdout
    assert "br-trade-2020" not in result.stdout.split(":")[0]  # reported at facts.yaml


def test_part_exceeding_its_whole_is_flagged(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    facts = tmp_path / "facts.yaml"
    shutil.copy(ROOT / "facts.yaml", facts)
    mutate(facts, "part_of: br-trade-2020-total-cny", "part_of: yantian-port-new-routes-2020-count")
    assert check_fact_base(facts).ok  # different units: no comparison
    mutate(facts, "part_of: yantian-port-new-routes-2020-count", "part_of: asean-trade-2020-usd")
    assert check_fact_base(facts).ok  # CNY against USD: no comparison
    tail = '\n        unit: CNY\n        period: "2020"\n        wording: 9.37 trillion'
    text = facts.read_text("utf-8").replace(f"value: 9.37e+12{tail}", f"value: 9.37e+11{tail}", 1)
    text = text.replace("part_of: asean-trade-2020-usd", "part_of: br-trade-2020-total-cny")
    facts.write_text(text, "utf-8")
    arithmetic = [p.message for p in check_fact_base(facts).problems if p.rule == "arithmetic"]
    assert sum("exceeds the whole" in m for m in arithmetic) == 1
    assert any("exchange rates in 2020 differ" in m for m in arithmetic)


# The schema.


def test_schema_validates_the_bundled_base_independently() -> None:
    schema = json.loads((ROOT / "facts.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (ROOT / "facts.yaml", MINI / "facts.yaml", DATA / "second.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_schema_file_is_generated_not_hand_edited(run: Run) -> None:
    on_disk = (ROOT / "facts.schema.json").read_text("utf-8")
    assert on_disk == schema_json(), "run: brtrade schema > facts.schema.json"
    assert run("schema").stdout == on_disk


def test_schema_rejects_what_the_loader_rejects(mini_copy: Path) -> None:
    schema = fact_file_schema()
    data = yaml.safe_load(mini_copy.read_text("utf-8"))
    data["claims"][0]["statment"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = yaml.safe_load(mini_copy.read_text("utf-8"))
    data["claims"][0]["figures"][0]["unit"] = "EUR"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_schema_marks_verbatim_fields() -> None:
    defs = fact_file_schema()["$defs"]
    verbatim = sorted(
        f"{name}.{prop}"
        for name, d in defs.items()
        for prop, spec in d["properties"].items()
        if spec.get("x-brtrade-verbatim")
    )
    assert verbatim == [
        "Figure.wording",
        "Provenance.evidence",
        "Quote.text",
        "Speaker.name",
        "Speaker.organisation",
        "Speaker.role",
    ]


def test_fact_file_points_editors_at_the_schema() -> None:
    first = (ROOT / "facts.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./facts.schema.json"


# Many articles.


def test_folder_merges_and_reports_clashing_ids(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(MINI, folder)
    shutil.copy(DATA / "second.yaml", folder / "second.yaml")
    problems = problems_of(folder)
    (clash,) = [p for p in problems if "duplicate claim id" in p.message]
    first_line = line_of(folder / "facts.yaml", "- id: alpha-containers")
    assert clash.file == str(folder / "second.yaml")
    assert f"{folder / 'facts.yaml'}:{first_line}" in clash.message
    result = run("--facts", str(folder), "facts")
    assert result.exit_code == ExitCode.BAD_FACTS and "duplicate claim id" in result.stderr


def test_folder_of_two_articles_loads(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(MINI, folder)
    second = (
        (DATA / "second.yaml")
        .read_text("utf-8")
        .replace("id: alpha-containers", "id: alpha-containers-again")
    )
    (folder / "second.yaml").write_text(second, "utf-8")
    assert check_fact_base(folder).ok
    data = json.loads(run("--facts", str(folder), "facts", "alpha", "--json").stdout)
    assert [(r["id"], r["provenance"]["source"]) for r in data] == [
        ("alpha-containers", "mini"),
        ("alpha-containers-again", "second"),
    ]


def test_source_symlinked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "article"
    shutil.copytree(MINI, folder)
    outside = tmp_path / "outside.txt"
    shutil.copy(MINI / "sources" / "mini.txt", outside)
    (folder / "sources" / "mini.txt").unlink()
    (folder / "sources" / "mini.txt").symlink_to(outside)
    p = only(problems_of(folder / "facts.yaml"), "schema")
    assert "leads outside" in p.message and p.record == "mini"


def test_every_rule_is_documented_and_every_problem_uses_one(mini_copy: Path) -> None:
    from brtrade.core.rules import RULES

    readme = (ROOT / "docs" / "fact-files.md").read_text("utf-8")
    for rule in RULES:
        assert f"| `{rule}` |" in readme, rule
    mutate(mini_copy, "value: 3.5e+9", "value: 3.5e+8")
    mutate(mini_copy, "up 5 percent year on year.", "up 5 percent year in year.")
    mutate(mini_copy, "    topics: [ports]", "    topics: [port]")
    mutate(mini_copy, "label: Exports", "lable: Exports")
    mutate(mini_copy, "label: Ports and shipping", "label: no")
    assert {p.rule for p in problems_of(mini_copy)} <= set(RULES)


def test_a_quote_given_to_the_wrong_speaker_fails_check(tmp_path: Path) -> None:
    """The attribution ('said Tu Xinquan, ...') must name the quote's speaker."""
    import shutil

    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    facts = tmp_path / "facts.yaml"
    text = (ROOT / "facts.yaml").read_text("utf-8")
    start = text.index("  - id: q-tu-xinquan-diversification")
    text = text[:start] + text[start:].replace("speaker: tu-xinquan", "speaker: zhou-mi", 1)
    # and the claims made in it, as an editor following the old hint would have done
    text = text.replace("speaker: tu-xinquan", "speaker: zhou-mi")
    facts.write_text(text, "utf-8")
    report = check_fact_base(facts)
    said = [p for p in report.problems if "does not name them" in p.message]
    assert said and said[0].record == "q-tu-xinquan-diversification" and said[0].field == "speaker"
    assert said[0].line == line_of(facts, "speaker: zhou-mi")


def test_rates_are_compared_within_one_period(tmp_path: Path) -> None:
    """A 2023 conversion at 6.97 yuan a dollar does not make 2020's 6.46 a problem."""
    from brtrade.core.loader import load_fact_base

    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    facts = tmp_path / "facts.yaml"
    text = (ROOT / "facts.yaml").read_text("utf-8")
    start = text.index("      - id: asean-trade-2020-usd")
    head, tail = text[:start], text[start:]
    tail = tail.replace("value: 7.3e+11", "value: 6.8e+11", 1)
    facts.write_text(head + tail, "utf-8")
    same = {d.id: d for d in derive(load_fact_base(facts))}
    assert same["exchange-rate-spread:2020"].flag  # one period: the rates disagree
    facts.write_text(head + tail.replace('period: "2020"', 'period: "2023"', 1), "utf-8")
    apart = {d.id: d for d in derive(load_fact_base(facts))}
    assert not any(d.kind == "rate-spread" for d in apart.values())
    rates = {d.period: round(d.value, 2) for d in apart.values() if d.kind == "exchange-rate"}
    assert rates == {"2020": 6.46, "2023": 6.97}


def test_the_wheel_ships_the_schema_beside_the_data() -> None:
    """The installed facts.yaml's yaml-language-server comment must find its schema."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11 and later")
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]
    shipped = build["build"]["targets"]["wheel"]["force-include"]
    assert shipped["facts.schema.json"] == "brtrade/data/facts.schema.json"
    assert shipped["facts.yaml"] == "brtrade/data/facts.yaml"  # same folder: ./ works in both


@pytest.mark.parametrize(
    "old, new",
    [
        ("paragraphs: [5]", "paragraphs: [0]"),
        ("paragraphs: [5]", "paragraphs: []"),
        ("paragraphs: [5]", "paragraphs: [5, 5]"),
        ("value: 7.3e+11", "value: 1.0e+19"),
    ],
)
def test_the_schema_holds_the_ranges_check_holds(old: str, new: str) -> None:
    data = yaml.safe_load((ROOT / "facts.yaml").read_text("utf-8").replace(old, new, 1))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, fact_file_schema())
