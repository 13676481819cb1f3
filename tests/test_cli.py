"""Every command through Typer's CliRunner: exit codes, JSON on stdout, messages on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

from brtrade import __version__
from brtrade.cli import ExitCode, app
from tests.helpers import MINI, ROOT, Run

CLAIM_KEYS = [
    "type",
    "id",
    "statement",
    "kind",
    "period",
    "period_basis",
    "speaker",
    "quote",
    "basis",
    "topics",
    "entities",
    "figures",
    "note",
    "provenance",
]
FIGURE_KEYS = [
    "id",
    "measure",
    "kind",
    "value",
    "unit",
    "period",
    "period_basis",
    "basis",
    "approximate",
    "bound",
    "high",
    "scope",
    "converted_from",
    "applies_to",
    "part_of",
    "wording",
]
QUOTE_KEYS = ["type", "id", "speaker", "text", "topics", "entities", "provenance"]


def flat(text: str) -> str:
    """Table text with wrapping undone, for substring checks."""
    return " ".join(text.split())


def test_every_domain_error_maps_to_an_exit_code_in_one_place() -> None:
    """Every BrtradeError subclass of every module has its exit code in EXIT_FOR (or its
    nearest base has); one that no one mapped is a bug (70), never a silent 'usage'."""
    import importlib
    import pkgutil

    import brtrade
    from brtrade.cli.errors import EXIT_FOR, exit_code_for
    from brtrade.core.errors import BrtradeError

    for module in pkgutil.walk_packages(brtrade.__path__, "brtrade."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    seen, todo = set(), [BrtradeError]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    assert seen >= set(EXIT_FOR)
    for sub in seen:
        assert any(base in EXIT_FOR for base in sub.__mro__), sub
        error = sub.__new__(sub)  # whatever its constructor asks for
        assert exit_code_for(error) in EXIT_FOR.values()

    class Unmapped(BrtradeError):
        pass

    assert exit_code_for(Unmapped("x")) == ExitCode.INTERNAL
    assert exit_code_for(BrokenPipeError()) == ExitCode.BROKEN_PIPE
    assert exit_code_for(KeyboardInterrupt()) == ExitCode.INTERRUPTED
    assert exit_code_for(ValueError()) == ExitCode.INTERNAL


def test_exit_codes_are_the_documented_ones() -> None:
    assert {c.name: int(c) for c in ExitCode} == {
        "OK": 0,
        "NO_MATCH": 1,
        "USAGE": 2,
        "BAD_FACTS": 3,
        "DRAFT": 4,
        "INTERNAL": 70,
        "OUTPUT": 74,
        "INTERRUPTED": 130,
        "BROKEN_PIPE": 141,
    }


def test_facts_asean_table(run: Run) -> None:
    result = run("facts", "asean")
    assert result.exit_code == 0
    assert "ASEAN became China's largest trading partner in 2020." in flat(result.stdout)
    assert "4.74 trillion yuan" in result.stdout
    assert "¶5" in result.stdout
    assert result.stderr == ""


def test_facts_json_contract(run_json: Any) -> None:
    data = run_json("facts", "asean")
    # Both name ASEAN in the statement: equal scores keep document order.
    assert [r["id"] for r in data] == ["asean-largest-partner-2020", "asean-trade-2020"]
    for rec in data:
        assert list(rec) == CLAIM_KEYS
        assert rec["type"] == "claim"
        assert list(rec["provenance"]) == ["source", "paragraphs", "evidence", "verified"]
        assert rec["provenance"]["verified"] is True
        for fig in rec["figures"]:
            assert list(fig) == FIGURE_KEYS
    trade = next(r for r in data if r["id"] == "asean-trade-2020")
    values = {f["id"]: f["value"] for f in trade["figures"]}
    assert values == {
        "asean-trade-2020-cny": 4.74e12,
        "asean-trade-2020-usd": 7.3e11,
        "asean-trade-2020-growth": 7,
    }
    assert isinstance(values["asean-trade-2020-growth"], int)
    assert trade["provenance"]["paragraphs"] == [5]


def test_facts_json_is_utf8_not_escaped(run: Run) -> None:
    result = run("facts", "largest", "--json")
    assert "China’s" in result.stdout and "\\u2019" not in result.stdout
    assert "\x1b" not in result.stdout


def test_facts_belt_and_road_matches_ampersand(run_json: Any) -> None:
    data = run_json("facts", "belt and road")
    assert len(data) >= 10
    assert all(
        "Belt & Road" in r["statement"] + r["provenance"]["evidence"]
        or "belt-and-road" in r["entities"]
        or r["quote"]  # the quote it comes from says it
        for r in data
    )


def test_facts_filters_and_limit(run_json: Any) -> None:
    assert [r["id"] for r in run_json("facts", "--topic", "rail")] == ["br-rail-trade-growth"]


def test_entity_without_claims_is_no_match(run: Run) -> None:
    result = run("facts", "--entity", "UIBE")
    assert result.exit_code == ExitCode.NO_MATCH
    assert "no claims" in result.stderr


def test_facts_entity_filter(run: Run, run_json: Any) -> None:
    data = run_json("facts", "--entity", "Indonesia")
    assert [r["id"] for r in data] == ["yantian-port-new-routes-2020"]
    assert len(run_json("facts", "--limit", "3")) == 3


def test_facts_speaker_filter(run_json: Any) -> None:
    data = run_json("facts", "--speaker", "Li Xiangrong")
    assert {r["id"] for r in data} == {"xidesheng-engine-advantages", "xidesheng-exports-2020-h2"}
    assert all(r["speaker"]["name"] == "Li Xiangrong" for r in data)
    assert all(r["quote"] == "q-li-xiangrong-exports" for r in data)


def test_facts_no_match_exits_1(run: Run) -> None:
    result = run("facts", "volcano")
    assert result.exit_code == ExitCode.NO_MATCH
    assert result.stdout == ""
    assert "no record has: 'volcano'" in result.stderr


def test_one_miss_gives_one_message(run: Run) -> None:
    result = run("facts", "trade", "with", "africa")
    assert result.exit_code == ExitCode.NO_MATCH and result.stderr.count("\n") == 1
    assert "no record has: 'africa'" in result.stderr and "the closest" in result.stderr


def test_facts_no_match_json_is_empty_array(run: Run) -> None:
    result = run("facts", "volcano", "--json")
    assert result.exit_code == ExitCode.NO_MATCH
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("query", ["   ", "...", "?!"])
def test_empty_query_is_a_usage_error(run: Run, query: str) -> None:
    result = run("facts", query)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no letters or digits" in result.stderr


def test_unknown_option_is_one_line_usage_error(run: Run) -> None:
    result = run("facts", "--colour")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1
    assert "No such option: --colour" in result.stderr
    assert "brtrade facts --help" in result.stderr


def test_bad_limit_is_usage_error(run: Run) -> None:
    assert run("facts", "--limit", "0").exit_code == ExitCode.USAGE


def test_quote_speaker(run: Run, run_json: Any) -> None:
    result = run("quote", "--speaker", "Tu Xinquan")
    assert result.exit_code == 0
    assert "market diversification strategy has had remarkable results" in flat(result.stdout)
    assert "executive dean" in result.stdout
    (q,) = run_json("quote", "--speaker", "Xinquan Tu")
    assert list(q) == QUOTE_KEYS
    assert q["speaker"] == {
        "id": "tu-xinquan",
        "name": "Tu Xinquan",
        "role": "executive dean",
        "organisation": "China Institute for WTO Studies under the University of "
        "International Business and Economics",
    }
    assert q["provenance"]["paragraphs"] == [6]


def test_quote_over_two_paragraphs(run_json: Any) -> None:
    (q,) = run_json("quote", "--speaker", "zhou")
    assert q["provenance"]["paragraphs"] == [8, 9]
    assert "\n\n" in q["text"]


def test_quote_query(run_json: Any) -> None:
    assert [q["id"] for q in run_json("quote", "pandemic")] == ["q-zhou-mi-cooperation"]


def test_quote_unknown_speaker(run: Run) -> None:
    result = run("quote", "--speaker", "Tu Xinqan")
    assert result.exit_code == ExitCode.NO_MATCH
    assert result.stdout == ""
    assert "did you mean 'Tu Xinquan'" in result.stderr
    assert "Li Xiangrong, Tu Xinquan, Zhou Mi" in result.stderr


def test_speakers(run: Run, run_json: Any) -> None:
    data = run_json("speakers")
    assert [(s["name"], s["quotes"]) for s in data] == [
        ("Li Xiangrong", 1),
        ("Tu Xinquan", 1),
        ("Zhou Mi", 1),
    ]
    assert data[2]["organisation"].startswith("Institute of American and Oceania Studies, ")
    assert "secretary to the board chairman" in run("speakers").stdout


def test_topics(run_json: Any) -> None:
    data = run_json("topics")
    rail = next(t for t in data if t["id"] == "rail")
    assert (rail["claims"], rail["quotes"], rail["records"]) == (1, 0, 1)
    assert all(t["records"] > 0 for t in data)


def test_show_claim(run: Run, run_json: Any) -> None:
    result = run("show", "br-trade-2020-share")
    assert result.exit_code == 0
    assert "¶7 of br-trade-2020" in result.stdout
    # Off a terminal the evidence is bracketed inside its paragraph.
    expected = "[[accounting for 29.1 percent of the country’s total import and export value]]."
    assert expected in flat(result.stdout)
    rec = run_json("show", "br-trade-2020-share")
    assert rec["id"] == "br-trade-2020-share" and rec["figures"][0]["value"] == 29.1


def test_show_quote_marks_both_paragraphs(run: Run) -> None:
    out = run("show", "q-zhou-mi-cooperation").stdout
    assert "¶8 of br-trade-2020" in out and "¶9 of br-trade-2020" in out
    assert out.count("[[") >= 3  # two quote parts and the attribution


def test_show_ambiguous_id_notes_the_other(run: Run) -> None:
    result = run("show", "asean")
    assert result.exit_code == 0
    assert "topic:asean" in result.stderr
    assert json.loads(run("show", "topic:asean", "--json").stdout)["type"] == "topic"


def test_show_unknown_id(run: Run) -> None:
    result = run("show", "asean-trade-2021")
    assert result.exit_code == ExitCode.NO_MATCH
    assert "did you mean 'asean-trade-2020'" in result.stderr


def test_sources(run: Run, run_json: Any) -> None:
    (src,) = run_json("sources")
    assert src["id"] == "br-trade-2020"
    assert (src["title"], src["url"], src["publisher"], src["published"]) == (None,) * 4
    assert src["records"] == 24
    assert "not given by the source" in run("sources").stdout


def test_sources_text_marks_cited_spans(run: Run) -> None:
    result = run("sources", "br-trade-2020", "--text")
    assert result.exit_code == 0
    out = result.stdout
    for n in range(1, 10):
        assert f"[{n}]" in out
    assert "cited by: nothing" not in out
    assert "[[Yantian Port in Shenzhen City" in flat(out)
    assert result.stderr == ""


def test_sources_text_json(run: Run) -> None:
    data = json.loads(run("sources", "--text", "--json").stdout)
    assert data["source"] == "br-trade-2020"
    para7 = data["paragraphs"][6]
    assert para7["number"] == 7
    for cite in para7["cited"]:
        assert 0 <= cite["start"] < cite["end"] <= len(para7["text"])
    assert {c["record"] for c in para7["cited"]} == {
        "br-trade-2020-growth",
        "br-trade-2020-share",
        "br-rail-trade-growth",
    }


def test_sources_unknown(run: Run) -> None:
    result = run("sources", "nope")
    assert result.exit_code == ExitCode.NO_MATCH and "br-trade-2020" in result.stderr


def test_overview(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert "claims" in result.stdout and "brtrade facts asean" in result.stdout


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"brtrade {__version__} (JSON contract 4, fact-file format 1)\n"


ALL_COMMANDS = sorted(
    typer.main.get_command(app).commands  # type: ignore[attr-defined]
)


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"brtrade {command}" in result.stdout


def test_facts_option_and_env(run_json: Any, run: Run) -> None:
    mini = str(MINI / "facts.yaml")
    data = json.loads(run("--facts", mini, "facts", "cafe", "--json").stdout)
    assert [r["id"] for r in data] == ["cafe-exports-grew", "cafe-exports-2020"]
    env_result = run("facts", "cafe", "--json", env={"BRTRADE_FACTS": mini})
    assert json.loads(env_result.stdout) == data


def test_bad_fact_file_is_one_line_with_location(run: Run, mini_copy: Path) -> None:
    mini_copy.write_text(
        mini_copy.read_text("utf-8").replace(
            "speaker: jane-roe\n    quote", "speaker: jane\n    quote"
        ),
        "utf-8",
    )
    result = run("--facts", str(mini_copy), "facts")
    assert result.exit_code == ExitCode.BAD_FACTS
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f"{mini_copy}:" in lines[0] and "claims[1].speaker" in lines[0]
    assert "unknown speaker 'jane'" in lines[0] and "did you mean 'jane-roe'" in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_fact_file(run: Run, tmp_path: Path) -> None:
    result = run("--facts", str(tmp_path / "none.yaml"), "speakers")
    assert result.exit_code == ExitCode.BAD_FACTS
    assert "no such fact file" in result.stderr


def test_debug_shows_the_exception(run: Run, tmp_path: Path) -> None:
    result = run("--debug", "--facts", str(tmp_path / "none.yaml"), "speakers")
    assert result.exit_code == ExitCode.BAD_FACTS
    assert "Traceback" in result.stderr and "FactBaseError" in result.stderr


# -- the lazy command table ------------------------------------------------------------


def test_every_command_of_the_table_builds_under_its_own_name() -> None:
    from brtrade.cli.program import COMMANDS, build_command

    for name, spec in COMMANDS.items():
        assert build_command(spec).name == name


def test_help_lists_the_commands_in_the_table_s_order(run: Run) -> None:
    from brtrade.cli.program import COMMANDS

    listed = [
        line.split()[0]
        for line in run("--help").stdout.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.strip()
    ]
    assert [n for n in listed if n in COMMANDS] == list(COMMANDS)


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["schema"], "integrity"),
        (["--color", "never", "facts", "asean", "--json"], "search"),
        (["--no-cache", "speakers", "--json"], "browse"),
    ],
)
def test_a_run_imports_the_module_of_its_command_only(args: list[str], module: str) -> None:
    """Click's lazy-group pattern: one command's module is imported, whatever root
    options come first (no hand-kept list of which of them take a value)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from brtrade.cli.program import app\n"
        f"app({args!r}, standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('brtrade.cli.commands.')),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == repr([f"brtrade.cli.commands.{module}"])


@pytest.mark.parametrize("query", ["asean", "xidesheng"])
def test_a_keyword_query_imports_nothing_only_other_queries_need(query: str) -> None:
    """Start-up: a keyword query from a built index reads no YAML, no Rich (machine
    output), no table of English (its word is the base's) and compiles no period
    patterns. (The first run builds the index; the second is measured.)"""
    import subprocess
    import sys

    later = ("rich", "yaml", "brtrade.core.english", "brtrade.core.periods", "brtrade.core.verify")
    code = (
        "import sys\n"
        "from brtrade.cli.program import app\n"
        f"app(['facts', {query!r}, '--json'], standalone_mode=False)\n"
        f"print([m for m in {later!r} if m in sys.modules], file=sys.stderr)\n"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args", [[c] for c in ALL_COMMANDS] + [["cache", "prune"], ["cache", "clear"]]
)
def test_help_is_plain_text_for_every_command(run: Run, args: list[str]) -> None:
    """Each command is built on its own: none may fall back to Typer's boxed Rich help."""
    out = run(*args, "--help").stdout
    assert out.startswith("Usage: brtrade ") and not any(c in out for c in "╭│╰─")


def test_the_output_options_are_declared_once_and_come_as_one_bundle() -> None:
    """sqlite-utils' output_options: the listing commands take ``out`` and get
    --format, --fields, --raw-csv and --json from one declaration, in one order."""
    from brtrade.cli.options import OUTPUT_OPTIONS

    bundle = [name for name, _, _ in OUTPUT_OPTIONS]
    group = typer.main.get_command(app)
    users = []
    for name in ALL_COMMANDS:
        params = [p.name for p in group.commands[name].params]  # type: ignore[attr-defined]
        if "raw_csv" in params:
            at = params.index("fmt")
            assert params[at : at + len(bundle)] == bundle, name
            users.append(name)
    assert len(users) >= 7
    commands = ROOT / "brtrade" / "cli" / "commands"
    for module in commands.glob("*.py"):
        text = module.read_text("utf-8")
        assert "FormatOpt" not in text and "output_choice(fmt" not in text, module.name


def test_the_query_options_are_declared_once_and_come_as_one_value() -> None:
    """The search commands take ``asked`` and get QUERY and their filters from one
    declaration, in one order; no command declares a query option itself."""
    from brtrade.cli.options import QUERY_OPTIONS, query_options

    order = [name for name, _, _ in QUERY_OPTIONS]
    group = typer.main.get_command(app)
    users = {}
    for name in ALL_COMMANDS:
        params = [p.name for p in group.commands[name].params]  # type: ignore[attr-defined]
        if "query" in params and name != "derive":
            mine = [p for p in params if p in order]
            assert mine == sorted(mine, key=order.index), name
            users[name] = mine
    assert users["facts"] == order and users["quote"] == [
        "query",
        "speaker",
        "limit",
        "all_words",
        "explain",
    ]
    assert set(users) >= {"facts", "quote", "figures", "export"}
    for module in (ROOT / "brtrade" / "cli" / "commands").glob("*.py"):
        text = module.read_text("utf-8")
        assert not any(o in text for o in ("TopicOpt", "SpeakerOpt", "LimitOpt")), module.name
    with pytest.raises(ValueError, match="no query option"):
        query_options("colour")


def test_query_options_reach_the_search_as_typed(run: Run) -> None:
    """Each option of the bundle narrows the answer as its own flag did."""
    every = json.loads(run("facts", "--json").stdout)
    asean = json.loads(run("facts", "trade", "--topic", "asean", "--limit", "2", "--json").stdout)
    assert 0 < len(asean) <= 2 < len(every)
    assert all("asean" in r["topics"] for r in asean)
    explained = json.loads(run("facts", "asean", "--explain", "-n", "1", "--json").stdout)
    assert "explain" in explained[0]
    quotes = json.loads(run("quote", "--speaker", "Tu Xinquan", "--json").stdout)
    assert quotes and {q["speaker"]["id"] for q in quotes} == {"tu-xinquan"}


def test_verify_s_formats_are_the_listing_formats_and_lint() -> None:
    """verify's own enum (it adds lint) mirrors render.formats.Format, and its output is
    written through Format(chosen.value): a format added to one must be in the other."""
    from brtrade.cli.commands.verify import VerifyFormat
    from brtrade.render.formats import Format

    assert {f.value for f in VerifyFormat} == {f.value for f in Format} | {"lint"}
