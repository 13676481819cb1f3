"""A base of several articles: what `check` says across files, and the fields and rules
a second article needs (issue: from one article to a desk's coverage)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from brtrade.core.check import check_fact_base
from tests.helpers import MINI, ROOT, Run, line_of, mutate


def copy_mini(tmp_path: Path, name: str = "base") -> Path:
    folder = tmp_path / name
    shutil.copytree(MINI, folder)
    return folder


def test_a_misspelt_key_is_one_problem_that_names_the_key(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    mutate(folder / "facts.yaml", "paragraphs: [1]", "paragraph: [1]")
    problems = check_fact_base(folder).problems
    assert len(problems) == 1
    assert "unknown field 'paragraph'" in problems[0].message
    assert problems[0].hint == "did you mean 'paragraphs'?"


def test_a_misspelt_key_in_a_claim_with_figures_does_not_lose_its_figures(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    facts = tmp_path / "facts.yaml"
    text = (ROOT / "facts.yaml").read_text("utf-8")
    start = text.index("  - id: asean-trade-2020\n")
    cut = text.index("paragraphs:", start)
    facts.write_text(text[:cut] + "paragraph:" + text[cut + len("paragraphs:") :], "utf-8")
    messages = [p.message for p in check_fact_base(facts).problems]
    assert len(messages) == 1 and "unknown field 'paragraph'" in messages[0]


def test_a_missing_text_is_reported_once_with_its_records(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    (folder / "sources" / "mini.txt").unlink()
    problems = check_fact_base(folder).problems
    assert len(problems) == 1
    assert (
        "cannot read its text" in problems[0].message and "records cite it" in problems[0].message
    )


def test_a_missing_text_no_record_cites_yet_still_fails(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    facts = folder / "facts.yaml"
    text = facts.read_text("utf-8")
    facts.write_text(
        text.replace(
            "sources:\n",
            "sources:\n  - id: later\n    text: sources/later.txt\n    label: Next article\n",
            1,
        ),
        "utf-8",
    )
    problems = check_fact_base(folder).problems
    assert len(problems) == 1 and "(0 records cite it)" in problems[0].message


def test_a_duplicate_figure_id_names_the_other_file_and_line(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    facts = folder / "facts.yaml"
    mutate(facts, "id: cafe-exports-2020-usd", "id: cafe-exports-2020-cny")
    problems = [p for p in check_fact_base(folder).problems if "duplicate figure id" in p.message]
    assert problems and f"{facts}:" in problems[0].message


def test_problems_counted_by_the_files_that_have_them(tmp_path: Path, run: Run) -> None:
    folder = copy_mini(tmp_path)
    (folder / "more.yaml").write_text("format: 1\ntopics:\n  - {id: ports, label: Again}\n")
    (folder / "third.yaml").write_text("format: 1\n")
    result = run("check", str(folder))
    assert result.exit_code == 1
    assert "1 problem in 1 of 3 files (facts.yaml, more.yaml, third.yaml)" in result.stderr


def test_an_unknown_id_gets_a_suggestion_whatever_its_case(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    mutate(folder / "facts.yaml", "topics: [ports]", "topics: [PORTS]")
    problems = check_fact_base(folder).problems
    assert problems and problems[0].hint == "did you mean 'ports'?"


def test_check_says_which_subfolders_it_skipped(tmp_path: Path, run: Run) -> None:
    folder = copy_mini(tmp_path)
    (folder / "articles").mkdir()
    (folder / "articles" / "second.yaml").write_text("format: 1\n", "utf-8")
    result = run("check", str(folder))
    assert "skipped" in result.stderr and "articles/, a folder holding 1 fact file" in result.stderr


def test_help_does_not_pretend_every_base_is_the_bundled_one(run: Run) -> None:
    out = " ".join(run("--help").stdout.split())
    assert "of news articles" in out and "The bundled base holds one article" in out


def test_a_source_can_say_it_is_an_excerpt(tmp_path: Path, run: Run) -> None:
    folder = copy_mini(tmp_path)
    facts = folder / "facts.yaml"
    assert line_of(facts, "text: sources/mini.txt")
    mutate(
        facts,
        "text: sources/mini.txt",
        "text: sources/mini.txt\n    excerpt: The first three paragraphs only.",
    )
    assert check_fact_base(folder).ok
    rows = json.loads(run("--facts", str(folder), "sources", "--json").stdout)
    assert rows[0]["excerpt"] == "The first three paragraphs only."
    assert "The first three paragraphs only." in run("--facts", str(folder), "sources").stdout


def test_several_facts_paths_are_refused_not_dropped(run: Run, tmp_path: Path) -> None:
    import os

    from brtrade.cli import ExitCode

    folder = copy_mini(tmp_path)
    twice = run("--facts", str(folder), "--facts", str(ROOT / "facts.yaml"), "facts", "alpha")
    assert twice.exit_code == ExitCode.USAGE and "names 2 paths" in twice.stderr
    joined = os.pathsep.join([str(folder), str(ROOT / "facts.yaml")])
    by_env = run("facts", "alpha", env={"BRTRADE_FACTS": joined})
    assert by_env.exit_code == ExitCode.USAGE and "names 2 paths" in by_env.stderr
    once = run("facts", "alpha", "--json", env={"BRTRADE_FACTS": str(folder)})
    assert once.exit_code == 0 and json.loads(once.stdout)


def test_a_two_article_folder_checks_and_answers(run: Run, tmp_path: Path) -> None:
    """The bundled article and a second one, in one folder, as the guide lays it out."""
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(ROOT / "facts.yaml", desk / "br-trade-2020.yaml")
    shutil.copytree(ROOT / "sources", desk / "sources")
    shutil.copy(MINI / "sources" / "mini.txt", desk / "sources" / "mini.txt")
    mini = (MINI / "facts.yaml").read_text("utf-8")
    # 'exports' is a topic of both: defined once, in the first article's file
    mini = mini.replace("  - id: exports\n    label: Exports\n", "", 1)
    (desk / "mini.yaml").write_text(mini, "utf-8")
    result = run("check", str(desk))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 files" in result.stderr
    for args in (["facts", "asean"], ["facts", "alpha"], ["quote"], ["figures"], ["derive"]):
        got = run("--facts", str(desk), *args, "--json")
        assert got.exit_code == 0, (args, got.stderr)
    rates = json.loads(run("--facts", str(desk), "derive", "--json").stdout)
    assert all(d["flag"] is None for d in rates)


def test_a_second_article_extends_an_entity_defined_in_the_first(run: Run, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(ROOT / "facts.yaml", desk / "a.yaml")
    shutil.copytree(ROOT / "sources", desk / "sources")
    (desk / "b.yaml").write_text(
        "format: 1\n"
        "entities:\n"
        "  - {id: rcep, name: Regional Comprehensive Economic Partnership, type: bloc,"
        " aliases: [RCEP]}\n"
        "entity_extensions:\n"
        "  - entity: asean\n"
        "    aliases: [the Southeast Asia region]\n"
        "    relations:\n"
        "      - {type: member-of, target: rcep, basis: editorial}\n",
        "utf-8",
    )
    assert check_fact_base(desk).ok
    shown = json.loads(run("--facts", str(desk), "show", "asean", "--json").stdout)
    assert "the Southeast Asia region" in shown["aliases"]
    assert {"type": "member-of", "target": "rcep", "basis": "editorial"} in shown["relations"]
    found = json.loads(
        run("--facts", str(desk), "facts", "--entity", "the Southeast Asia region", "--json").stdout
    )
    assert {c["id"] for c in found} == {"asean-largest-partner-2020", "asean-trade-2020"}


def test_extending_an_unknown_entity_is_an_error_not_a_new_entity(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    (folder / "more.yaml").write_text(
        "format: 1\nentity_extensions:\n  - {entity: alpha-prot, aliases: [Alpha]}\n", "utf-8"
    )
    problems = check_fact_base(folder).problems
    assert len(problems) == 1
    assert "unknown entity 'alpha-prot'" in problems[0].message
    assert problems[0].hint == "did you mean 'alpha-port'?"
    assert problems[0].file.endswith("more.yaml") and problems[0].line == 3


def test_periods_are_iso_8601_with_a_basis(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    facts = folder / "facts.yaml"
    mutate(
        facts, '    period: "2020"', '    period: "2023-01/2023-05"\n    period_basis: editorial'
    )
    assert check_fact_base(folder).ok
    mutate(facts, 'period: "2023-01/2023-05"', 'period: "Jan-May 2023"')
    problems = check_fact_base(folder).problems
    assert len(problems) == 1 and "is not an ISO 8601 period" in problems[0].message
    assert problems[0].field is not None and problems[0].field.endswith("period")


def test_a_period_basis_needs_a_period(tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    mutate(
        folder / "facts.yaml",
        '    period: "2020"\n    topics',
        "    period_basis: stated\n    topics",
    )
    problems = check_fact_base(folder).problems
    assert problems and "a period basis without a period" in problems[0].message


def test_figures_keep_periods_apart(run: Run, tmp_path: Path) -> None:
    folder = copy_mini(tmp_path)
    mutate(folder / "facts.yaml", '        period: "2020"', '        period: "2019"')
    out = run("--facts", str(folder), "figures").stdout
    assert "2019" in out and "2020" in out
    titles = [
        line for line in out.splitlines() if line.startswith(("Amounts", "Changes", "Counts"))
    ]
    assert len(titles) == len(set(titles))  # one table per kind, unit and period
