"""`brtrade verify` on draft sentences written for the purpose (sentences.yaml), on
examples/draft.md, and on bad input. The goals: 90% of findings get the right
verdict; 90% of problem spans are caught with exactly their verdict; at most 5% of
supported spans are flagged as problems."""

from __future__ import annotations

import functools
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from brtrade.cli import ExitCode
from brtrade.core.loader import load_fact_base
from brtrade.core.paths import bundled_facts_path
from brtrade.core.verify import PROBLEMS, Finding
from brtrade.index.store import FactStore
from tests.helpers import ROOT, SCRIPT, Run, env

SENTENCES: list[dict[str, Any]] = yaml.load(
    (Path(__file__).parent / "sentences.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader
)
STORE = FactStore(bundled_facts_path(), use_cache=False)
LEXICON = STORE.lexicon()


@functools.cache
def _judge() -> Callable[[str], list[list[str]]]:
    return BENCH.judge()  # type: ignore[no-any-return]


def verdicts(text: str) -> list[list[str]]:
    """What ``brtrade verify`` finds in ``text``, as the benchmark runs it."""
    return _judge()(text)


def test_there_are_sixty_sentences_and_every_verdict() -> None:
    assert len(SENTENCES) >= 60
    seen = {v for s in SENTENCES for _, v in s["expect"]}
    assert seen == {"supported", "contradicted", "misquoted", "misattributed", "not-found"}


@pytest.mark.parametrize("case", SENTENCES, ids=lambda c: c["text"][:60])
def test_sentence(case: dict[str, Any]) -> None:
    assert verdicts(case["text"]) == case["expect"]


def _bench() -> Any:
    import importlib.util

    path = ROOT / "benchmarks" / "verify_quality.py"
    spec = importlib.util.spec_from_file_location("verify_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


@pytest.mark.parametrize(
    ("before", "fall"),
    [
        ("exports fell ", True),
        ("trade was down ", True),
        ("trade declined by about ", True),
        ("sales slipped nearly ", True),
        ("saw a sharp drop of ", True),
        ("exports rose ", False),
        ("trade, which fell in 2019, rose ", False),
        ("a fall in demand but growth of ", False),
        ("", False),
    ],
)
def test_a_fall_is_read_from_the_words_just_before_the_figure(before: str, fall: bool) -> None:
    from brtrade.core.verify import says_fall

    text = before + "30 percent"
    assert says_fall(text, len(before)) is fall


def test_what_a_draft_says_is_traded_is_searched_for_once_and_only_when_unheld() -> None:
    """At 100k a search ranks every record holding the word: a draft that says 'rail
    trade' in fifty sentences searched fifty times (2 s where the bundled base takes 0.4)."""
    from brtrade.core.draft_text import Draft
    from brtrade.core.verify import check_figures

    asked: list[str] = []

    def search(kind: str, text: str, limit: int) -> list[Any]:
        asked.append(text)
        return STORE.candidates(kind, text, limit)

    one = "Rail trade with Belt and Road countries rose 34.4 percent. "
    car = "Car exports rose 34.4 percent. "
    text = one * 5 + car * 2 + "Cargo trade rose 34.4 percent."
    found = check_figures(Draft(text, "d"), search, lambda w: w in LEXICON)
    assert [f.verdict for f in found] == ["supported"] * 5 + ["not-found"] * 2 + ["supported"]
    held = "rail" in LEXICON  # a word a record holds needs no search
    assert asked.count("rail") == (0 if held else 1) and asked.count("car") == 1
    assert "cargo" not in asked  # 'cargo' says no more than trade


def test_a_draft_s_repeated_sentences_are_searched_once_and_judged_alike(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store makes each candidate search once: a draft giving its points again (the
    5,000-word draft of benchmarks/bench.py is the example draft 49 times) judges each
    copy as the first, at the cost of the first."""
    searched: list[tuple[str, ...]] = []
    real = FactStore._batches

    def counted(self: FactStore, kind: Any, q: Any) -> Any:
        searched.append((str(kind), *q.words))
        return real(self, kind, q)

    monkeypatch.setattr(FactStore, "_batches", counted)
    example = (ROOT / "examples" / "draft.md").read_text("utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join([example] * 3), "utf-8")
    result = run("verify", str(draft), "--json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    per_copy = len(found) // 3
    assert per_copy >= 7 and len(found) == 3 * per_copy
    shape = [(f["kind"], f["verdict"], f.get("record"), f["message"]) for f in found]
    assert shape == shape[:per_copy] * 3  # each copy judged as the first
    assert searched and len(searched) == len(set(searched))  # each search made once


def test_the_goals_hold_on_the_whole_set() -> None:
    got = BENCH.scores(BENCH.pairs(verdicts, SENTENCES))
    assert got["accuracy"] >= 0.90 and got["catch"] >= 0.90, got
    assert got["false alarms"] <= 0.05, got


HELDOUT: list[dict[str, Any]] = BENCH.load(BENCH.HELDOUT)
HELDOUT2: list[dict[str, Any]] = BENCH.load(BENCH.HELDOUT2)
HELDOUT3: list[dict[str, Any]] = BENCH.load(BENCH.HELDOUT3)
HELDOUT4: list[dict[str, Any]] = BENCH.load(BENCH.HELDOUT4)
HELDOUT5: list[dict[str, Any]] = BENCH.load(BENCH.HELDOUT5)

HELD_OUT_SETS = {
    "first": (HELDOUT, 40, {"accuracy": 0.97, "catch": 1.00}),
    "second": (HELDOUT2, 30, {"accuracy": 0.93, "catch": 0.90}),
    "third": (HELDOUT3, 25, {"accuracy": 0.92, "catch": 1.00}),
    "fourth": (HELDOUT4, 30, {"accuracy": 0.97, "catch": 1.00}),
    "fifth": (HELDOUT5, 30, {"accuracy": 0.97, "catch": 1.00}),
}
"""Each held-out set in the order written, its least size and its floors: the scores of
this night's last change (committed with accuracy 0.875, 0.90 and 0.78; catch 1.00,
0.80 and 0.70; the fourth, 2026-12-07, with 0.97 and 1.00 at 81fff1a; the fifth,
2026-12-08, with 0.97 and 1.00 at 05623c8); false alarms at most their 0 %."""


@pytest.mark.parametrize("name", HELD_OUT_SETS)
def test_a_held_out_set_is_apart_of_every_kind_and_does_not_fall(name: str) -> None:
    cases, least, floors = HELD_OUT_SETS[name]
    assert len(cases) >= least
    order = list(HELD_OUT_SETS)
    earlier = [*SENTENCES, *(c for n in order[: order.index(name)] for c in HELD_OUT_SETS[n][0])]
    assert not {c["text"] for c in cases} & {c["text"] for c in earlier}
    seen = {v for c in cases for _, v in c["expect"]}
    assert seen == {"supported", "contradicted", "misquoted", "misattributed", "not-found"}
    got = BENCH.scores(BENCH.pairs(verdicts, cases))
    for metric, floor in floors.items():
        assert got[metric] >= floor - 1e-9, (metric, got)
    assert got["false alarms"] <= 0.0 + 1e-9, got


def test_the_latest_held_out_set_s_misses_are_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    title, latest = BENCH.SETS[-1]
    if not BENCH.misses(verdicts, BENCH.load(latest)):
        pytest.skip("the latest held-out set has no misses to hide")
    monkeypatch.setattr("sys.argv", ["verify_quality.py", "--misses"])
    assert BENCH.main() == 0
    assert f"{title} misses:" not in capsys.readouterr().out


def test_the_benchmark_scores_the_tuning_set_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert BENCH.main() == 0
    out = capsys.readouterr().out
    tuning = next(line for line in out.splitlines() if "tuning set (sentences.yaml)" in line)
    assert tuning.endswith("| 1.00 | 1.00 | 0 % |"), tuning
    assert "held-out set (heldout.yaml)" in out and "misses" not in out


# -- the command -----------------------------------------------------------------------


def test_the_example_draft_has_one_error_of_each_kind(run: Run) -> None:
    result = run("verify", str(ROOT / "examples" / "draft.md"), "--json")
    assert result.exit_code == 1
    got = {(f["kind"], f["verdict"]) for f in json.loads(result.stdout)}
    assert got == {
        ("figure", "supported"),
        ("figure", "contradicted"),
        ("figure", "not-found"),
        ("quote", "supported"),
        ("quote", "misquoted"),
        ("quote", "misattributed"),
        ("quote", "not-found"),
    }


def test_json_findings_follow_the_contract(run: Run) -> None:
    from brtrade.contract.shapes import CONTRACT

    rows = json.loads(run("verify", str(ROOT / "examples" / "draft.md"), "--json").stdout)
    keys = [k for k, _ in CONTRACT["finding"]]
    assert rows and all(list(r) == keys for r in rows)
    bad = next(r for r in rows if r["verdict"] == "contradicted")
    assert bad["record"] and bad["expected"] and bad["provenance"]["paragraphs"]
    assert bad["value"] is not None and bad["unit"]


def test_lint_format(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(
        "Intro.\n\nChina's trade with ASEAN totalled 4.8 trillion yuan in 2020.\n", "utf-8"
    )
    out = run("verify", str(draft), "--format", "lint").stdout
    assert out.startswith(f"{draft}:3:35: contradicted: figure 4.8 trillion yuan: the base says")


def test_only_problems_and_exit_codes(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("China's trade with ASEAN totalled 4.74 trillion yuan in 2020.\n", "utf-8")
    assert run("verify", str(good)).exit_code == 0
    unknown = tmp_path / "unknown.md"
    unknown.write_text("The factory employs 450 workers.\n", "utf-8")
    assert run("verify", str(unknown)).exit_code == 0
    assert run("verify", str(unknown), "--strict").exit_code == 1
    both = run("verify", str(ROOT / "examples" / "draft.md"), "--only", "problems", "--json")
    assert both.exit_code == 1
    assert {f["verdict"] for f in json.loads(both.stdout)} <= PROBLEMS


def test_summary_line(run: Run) -> None:
    out = run("verify", str(ROOT / "examples" / "draft.md")).stdout
    assert "figures:" in out and "quotes:" in out and "contradicted" in out


def test_standard_input(run: Run) -> None:
    from typer.testing import CliRunner

    from brtrade.cli import app

    result = CliRunner().invoke(
        app, ["verify", "--json"], input="China and ASEAN traded 4.74 trillion yuan in 2020.\n"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["file"] == "<stdin>"


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_draft_is_said_and_a_usage_error(run: Run, tmp_path: Path, content: str) -> None:
    from typer.testing import CliRunner

    from brtrade.cli import app

    result = CliRunner().invoke(app, ["verify"], input=content)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "<stdin>: the draft is empty" in result.stderr and not result.stdout
    empty = tmp_path / "empty.md"
    empty.write_text(content, "utf-8")
    assert run("verify", str(empty)).exit_code == 2


def test_a_draft_with_nothing_to_check(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "plain.md"
    draft.write_text("# Notes\n\nNothing to see here.\n", "utf-8")
    result = run("verify", str(draft))
    assert result.exit_code == 0 and "0 figures · 0 quotes" in result.stdout


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, says",
    [
        (b"\x00\x01\x02binary", "not text"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_drafts_are_one_clear_error(
    run: Run, tmp_path: Path, content: bytes, says: str
) -> None:
    draft = tmp_path / "bad.md"
    draft.write_bytes(content)
    result = run("verify", str(draft))
    assert result.exit_code == ExitCode.USAGE and says in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_folder_and_a_missing_draft(run: Run, tmp_path: Path) -> None:
    assert run("verify", str(tmp_path)).exit_code == ExitCode.USAGE
    assert run("verify", str(tmp_path / "nope.md")).exit_code == ExitCode.USAGE


def test_a_huge_draft_is_refused(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "huge.md"
    with draft.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = run("verify", str(draft))
    assert result.exit_code == ExitCode.USAGE and "larger than the limit" in result.stderr


def test_ten_thousand_numbers_in_one_line(tmp_path: Path) -> None:
    draft = tmp_path / "numbers.md"
    draft.write_text(" ".join(f"{i} percent" for i in range(10_000)) + "\n", "utf-8")
    assert SCRIPT
    result = subprocess.run(
        [SCRIPT, "verify", str(draft), "--json"], capture_output=True, timeout=120, env=env()
    )
    assert result.returncode in (0, 1), result.stderr
    assert len(json.loads(result.stdout)) == 10_000


def test_an_unbalanced_quotation_mark(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "open.md"
    draft.write_text("He said “China’s market diversification strategy has had\n\nNext.\n", "utf-8")
    assert run("verify", str(draft)).exit_code == 0


def test_findings_are_findings() -> None:
    base = load_fact_base(bundled_facts_path())
    assert base.quotes  # the verdicts above depend on the bundled base's quotes
    assert Finding._fields[:3] == ("kind", "verdict", "text")


def test_on_a_terminal_with_no_file_it_says_it_reads_standard_input() -> None:
    """A real terminal on stdin (a pty): verify says it is waiting for a draft, then
    reads it to Ctrl-D."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "brtrade", "verify", "--json"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.write(master, b"China and ASEAN traded 4.74 trillion yuan in 2020.\n\x04")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert b"reading a draft from standard input" in err
    assert proc.returncode == 0 and json.loads(out)[0]["verdict"] == "supported"


# -- classes found on copy of one's own (2026-12-06) ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "Customs data showed trade by train rose 43.4 percent.",
            "trade by train rose 43.4 percent",
        ),
        ("Official figures show that exports rose 5 percent.", "exports rose 5 percent"),
        ("Trade rose 7 percent, customs data showed on Tuesday.", "Trade rose 7 percent"),
        ("According to customs figures, trade rose 7 percent.", "trade rose 7 percent"),
    ],
)
def test_an_attribution_leading_or_trailing_leaves_what_it_attributes(
    sentence: str, asked: str
) -> None:
    from brtrade.core.measures import plain_clause

    assert plain_clause(sentence) == asked


@pytest.mark.parametrize("period", ["latter", "last", "final", "other", "first", "second"])
def test_a_half_or_quarter_named_as_a_period_is_no_figure(period: str) -> None:
    from brtrade.core.numbers import find_mentions

    for part in ("half", "quarter"):
        text = f"sales rose 20 percent in the {period} {part} of 2020"
        assert [m.text for m in find_mentions(text, spelled=True) if not m.is_year] == [
            "20 percent"
        ]
    assert [m.value for m in find_mentions("half of all trade", spelled=True)] == [50.0]


@pytest.mark.parametrize(
    ("measure", "head"),
    [
        ("the company's overseas sales", "exports"),
        ("foreign shipments of bicycles", "exports"),
        ("sales in the home market", "sales"),
        ("exports to ASEAN", "exports"),
    ],
)
def test_sales_or_shipments_abroad_are_exports(measure: str, head: str) -> None:
    from brtrade.core.verify import measure_head

    assert measure_head(measure) == head


@pytest.mark.parametrize(
    ("word", "known"),
    [("asia", True), ("chinese", True), ("indonesian", True), ("kenya", False), ("peru", False)],
)
def test_a_place_is_known_by_its_people_s_word_and_back(word: str, known: bool) -> None:
    from brtrade.core.verify import _known_name

    assert _known_name(word, set(LEXICON).__contains__) is known


@pytest.mark.parametrize("place", ["Kenya", "Vietnam", "Peru", "Chile", "Brazil", "Japan"])
@pytest.mark.parametrize(
    "form",
    [
        "{}'s trade with China rose 7 percent in 2020.",
        "Exports to {} rose 30 percent in 2020.",
        "{} took 4.74 trillion yuan of China's trade in 2020.",
    ],
)
def test_a_figure_about_a_place_the_base_does_not_know_is_never_supported(
    place: str, form: str
) -> None:
    assert verdicts(form.format(place)) == [["figure", "not-found"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade with ASEAN totalled 4.74 trillion yuan in 2020.",
        "Commerce with ASEAN totalled 4.74 trillion yuan in 2020.",
        "Imports and exports by train with Belt and Road countries grew 34.4 percent.",
        "Exports of the bicycle company rose 30 percent in the second half of 2020.",
    ],
)
def test_a_common_word_first_is_no_stranger(sentence: str) -> None:
    """A capital first word is the sentence's, unless English names a place by it first
    ('Japan took', 'Brazil took': the lacquer and the nut come second)."""
    assert verdicts(sentence) == [["figure", "supported"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Commerce with Belt and Road nations made up 39.1 percent of all Chinese trade.",
        "Belt and Road commerce made up 39.1 percent of the nation's trade.",
    ],
)
def test_a_figure_in_a_reporter_s_words_is_compared_with_its_claim(sentence: str) -> None:
    assert verdicts(sentence) == [["figure", "contradicted"]]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("three new routes opened", [3.0]),
        ("Twelve international shipping routes", [12.0]),
        ("within five years", []),
        ("ten times as many", []),
        ("two of them", []),
    ],
)
def test_a_count_in_words_is_a_number_word_before_a_plural_noun(
    text: str, values: list[float]
) -> None:
    from brtrade.core.verify import counts_in_words

    assert [m.value for m in counts_in_words(text)] == values


@pytest.mark.parametrize(
    ("word", "places", "capital"),
    [
        ("beijing", {"china"}, True),  # 'capital of the People's Republic of China'
        ("jakarta", {"indonesia"}, False),  # (the table drops names from definitions)
        ("tokyo", {"china"}, False),  # the capital of a place the base does not name
        ("guangzhou", {"china"}, False),  # a city of China, not its capital
        ("beijing", set(), False),
        ("shenzhen", {"china"}, False),
    ],
)
def test_a_capital_stands_for_its_country(word: str, places: set[str], capital: bool) -> None:
    from brtrade.core.verify import _capital_of

    assert _capital_of(word, places) is capital


@pytest.mark.parametrize("scope", ["overall", "total", "combined", "whole", "entire"])
def test_a_word_for_how_much_of_trade_is_no_kind_of_trade(scope: str) -> None:
    """'Overall trade' is China's trade, all of it: its 21.9 percent share contradicts
    the base's 29.1 percent (English knows 'overall' and 'total' as nouns too)."""
    sentence = f"Belt and Road countries took 21.9 percent of China's {scope} trade in 2020."
    assert verdicts(sentence) == [["figure", "contradicted"]]


@pytest.mark.parametrize("kind", ["oil", "car", "steel"])
def test_a_kind_of_trade_the_base_does_not_cover_is_not_found(kind: str) -> None:
    sentence = f"Belt and Road countries took 21.9 percent of China's {kind} trade in 2020."
    assert verdicts(sentence) == [["figure", "not-found"]]


@pytest.mark.parametrize("members", ["economies", "nations", "states", "partners", "members"])
def test_a_bloc_s_members_after_its_name_are_the_bloc(members: str) -> None:
    """'Belt and Road economies' are the article's countries along the routes: the
    word for the members is the name's, not one the claim must hold too."""
    sentence = f"Belt and Road {members} took 21.9 percent of China's overall trade in 2020."
    assert verdicts(sentence) == [["figure", "contradicted"]]
    right = f"Belt and Road {members} took 29.1 percent of China's overall trade in 2020."
    assert verdicts(right) == [["figure", "supported"]]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Trade rose 7 percent in 2020 from 2019.", {"2020"}),
        ("Trade in 2020 was 7 percent higher than in 2019.", {"2020"}),
        ("Trade grew 7 percent in 2020 compared with the 2019 level.", {"2020"}),
        ("Trade was up 7 percent on 2019.", set()),
        ("Trade rose 1 percent in 2019.", {"2019"}),
    ],
)
def test_a_year_a_sentence_compares_with_is_not_what_it_is_about(
    sentence: str, years: set[str]
) -> None:
    # the rule questions use too (brtrade.core.periods.measured_against)
    from brtrade.core.draft_text import Draft
    from brtrade.core.numbers import find_mentions
    from brtrade.core.verify import _years

    draft = Draft(sentence, 1)
    assert _years(draft, find_mentions(sentence)) == years


@pytest.mark.parametrize(
    ("sentence", "verdict", "record"),
    [
        # ASEAN's record covers more of the words (worth, dollars, rose, percent) but is
        # not about the Belt and Road the sentence names
        (
            "Trade along the Belt and Road, worth 1.45 trillion dollars, rose 1% in 2020.",
            "supported",
            "br-trade-2020-total",
        ),
        (
            "Trade along the Belt and Road, worth 1.6 trillion dollars, rose 1% in 2020.",
            "contradicted",
            "br-trade-2020-total",
        ),
        (
            "ASEAN trade, worth 730 billion dollars, rose 7% in 2020.",
            "supported",
            "asean-trade-2020",
        ),
    ],
)
def test_a_figure_is_compared_with_a_claim_about_what_its_sentence_names(
    run: Run, tmp_path: Path, sentence: str, verdict: str, record: str
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(sentence + "\n", "utf-8")
    first = json.loads(run("verify", str(draft), "--json").stdout)[0]
    assert (first["verdict"], first["record"]) == (verdict, record)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Rail trade with Belt and Road countries rose more than 30 percent.", "supported"),
        ("Rail trade with Belt and Road countries rose over 30 percent.", "supported"),
        ("Trade with ASEAN grew less than 10 percent in 2020.", "supported"),
        ("Trade with ASEAN grew by under 10 percent in 2020.", "supported"),
        ("Belt and Road trade was more than 10 trillion yuan in 2020.", "contradicted"),
        ("Rail trade with Belt and Road countries rose more than 50 percent.", "contradicted"),
        ("Trade with ASEAN grew less than 5 percent in 2020.", "contradicted"),
        ("Trade by rail rose by more than a third.", "supported"),
        ("Trade by rail rose by a third.", "supported"),
        ("Rail trade with Belt and Road countries rose nearly 40 percent.", "contradicted"),
        ("Belt and Road trade made up almost a third of China's total.", "supported"),
        ("Belt and Road trade made up about a quarter of China's total.", "contradicted"),
        ("Belt and Road trade made up almost half of China's total.", "contradicted"),
        ("Eleven new international shipping routes opened at Yantian in 2020.", "supported"),
        ("Yantian opened twelve new international shipping routes in 2020.", "contradicted"),
    ],
)
def test_a_bound_agrees_with_a_value_on_its_side(text: str, verdict: str) -> None:
    """'more than 30 percent' is true of 34.4 percent; 'nearly 40' is not (near, under)."""
    assert verdicts(text) == [["figure", verdict]]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Trade with Indonesia grew 15 percent in 2020.", "not-found"),
        ("Exports to Singapore rose 7 percent in 2020.", "not-found"),
        ("Trade with ASEAN grew 15 percent in 2020.", "contradicted"),
        ("Trade between China and ASEAN rose 7 percent in 2020.", "supported"),
        ("Trade with Belt and Road countries rose 1 percent in 2020.", "supported"),
    ],
)
def test_a_partner_s_trade_is_compared_only_with_claims_about_that_partner(
    text: str, verdict: str
) -> None:
    """ASEAN's 7 percent says nothing of Indonesia's trade, a member's."""
    assert verdicts(text) == [["figure", verdict]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rail trade rose by a third.", 33.333333),
        ("Rail trade rose by more than a third, data showed.", 33.333333),
        ("The trend would continue through the third quarter.", None),
        ("Exports fell in the fourth quarter, officials said.", None),
        ("Sales picked up this quarter.", None),
        ("Exports rose in the second half.", None),
    ],
)
def test_a_fraction_in_words_ends_a_sentence_but_a_period_s_part_is_none(
    text: str, value: float | None
) -> None:
    from brtrade.core.numbers import find_mentions

    found = [m.value for m in find_mentions(text, spelled=True) if not m.is_year]
    assert found == ([] if value is None else [value])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Belt and Road trade totalled RMB9.37tn in 2020.", "supported"),
        ("Belt and Road trade totalled CNY9.37 trillion in 2020.", "supported"),
        ("The bike company's export value grew 30% in July-December 2020.", "supported"),
        ("The bike company's export value grew 30% in the second half of 2020.", "supported"),
        ("The bike company's export value grew 30% in the first half of 2020.", "not-found"),
        ("Trade with ASEAN grew 7 percent in the first quarter of 2020.", "not-found"),
        ("Trade with ASEAN grew 7 percent in 2020.", "supported"),
    ],
)
def test_a_part_of_a_year_is_compared_only_with_a_figure_of_that_part(
    text: str, verdict: str
) -> None:
    """The exports of the second half are no measure of the first; a year's trade none of
    a quarter's. A currency code glued to its figure ('RMB9.37tn') is read."""
    assert verdicts(text) == [["figure", verdict]]
