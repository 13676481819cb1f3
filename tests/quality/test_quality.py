"""Answer quality on tests/quality/questions.yaml, held to floors set from the measured
figures (benchmarks/quality.py prints them beside a plain BM25 baseline)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from brtrade.core.sources import normalise_span, split_paragraphs
from tests.helpers import ROOT

FLOORS = {
    "keyword": {"hit@3": 0.95},
    "question": {"hit@1": 0.85, "hit@3": 0.95},
    "figure": {"hit@1": 1.00},
    "no-answer": {"empty": 0.90},
}
"""The issue's goals; measured on this set: keyword hit@3 1.00, question hit@1 0.93 and
hit@3 1.00, figure hit@1 1.00, no-answer 1.00 left empty."""


def _quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUALITY = _quality()
QUESTIONS = QUALITY.load_questions()


def test_the_set_is_big_enough_and_of_every_kind() -> None:
    kinds = [q["kind"] for q in QUESTIONS]
    assert len(QUESTIONS) >= 80
    assert kinds.count("keyword") >= 20 and kinds.count("question") >= 25
    assert kinds.count("figure") >= 10 and kinds.count("no-answer") >= 10


@pytest.mark.parametrize(
    "q", [q for q in QUESTIONS if q["kind"] != "no-answer"], ids=lambda q: q["q"]
)
def test_each_answer_is_pinned_to_the_article(q: dict[str, object]) -> None:
    text = (ROOT / "sources" / "br-trade-2020.txt").read_text("utf-8")
    paragraph = split_paragraphs(text)[int(q["paragraph"]) - 1]  # type: ignore[call-overload]
    assert normalise_span(str(q["sentence"])) in normalise_span(paragraph)


def test_answer_quality_meets_the_floors() -> None:
    results = QUALITY.evaluate(QUALITY.brtrade_ranker(), QUESTIONS)
    misses = QUALITY.misses(QUALITY.brtrade_ranker(), QUESTIONS)
    for kind, floors in FLOORS.items():
        for metric, floor in floors.items():
            assert results[kind][metric] >= floor, (kind, metric, results[kind], misses)


def test_brtrade_beats_the_bm25_baseline_on_no_answer_questions() -> None:
    ours = QUALITY.evaluate(QUALITY.brtrade_ranker(), QUESTIONS)["no-answer"]["empty"]
    theirs = QUALITY.evaluate(QUALITY.bm25_ranker(), QUESTIONS)["no-answer"]["empty"]
    assert ours > theirs


def test_benchmark_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert QUALITY.main() == 0
    out = capsys.readouterr().out
    assert "| question |" in out and "BM25" in out
