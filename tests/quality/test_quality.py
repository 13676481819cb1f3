"""Answer quality on tests/quality/questions.yaml, held to floors set from the measured
figures (benchmarks/quality.py prints them beside a plain BM25 baseline)."""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

import pytest

from brtrade.core.sources import normalise_span, split_paragraphs
from tests.helpers import ROOT

FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.80, "hit@3": 0.88},
    "person": {"hit@1": 1.00},
    "figure": {"hit@1": 1.00},
    "no-answer": {"empty": 0.84},
}
"""Floors under today's measures on the tuning set (a regression guard, not the goal:
the paraphrase issue asks question hit@1 0.90 / hit@3 0.97 and no-answer 0.93; its
closing note says by how much each is missed)."""

HELDOUT_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.70, "hit@3": 0.83},
    "person": {"hit@1": 0.90},
    "figure": {"hit@1": 1.00},
    "no-answer": {"empty": 0.90},
}
"""Floors under today's measures on the held-out set, which is never tuned to: they only
keep a change from making it worse unseen. At f186b9f, before the paraphrase work, it
scored question hit@3 0.26, person 0.00, keyword 0.91, no-answer 0.91."""


def _quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUALITY = _quality()
QUESTIONS = QUALITY.load_questions()
HELDOUT = QUALITY.load_questions(QUALITY.HELDOUT)
HELDOUT2 = QUALITY.load_questions(QUALITY.HELDOUT2)
HELDOUT3 = QUALITY.load_questions(QUALITY.HELDOUT3)
HELDOUT4 = QUALITY.load_questions(QUALITY.HELDOUT4)
HELDOUT5 = QUALITY.load_questions(QUALITY.HELDOUT5)
HELDOUT6 = QUALITY.load_questions(QUALITY.HELDOUT6)
HELDOUT7 = QUALITY.load_questions(QUALITY.HELDOUT7)
HELDOUT8 = QUALITY.load_questions(QUALITY.HELDOUT8)
HELDOUT9 = QUALITY.load_questions(QUALITY.HELDOUT9)
HELDOUT10 = QUALITY.load_questions(QUALITY.HELDOUT10)
HELDOUT11 = QUALITY.load_questions(QUALITY.HELDOUT11)
HELDOUT12 = QUALITY.load_questions(QUALITY.HELDOUT12)
HELDOUT13 = QUALITY.load_questions(QUALITY.HELDOUT13)
HELDOUT14 = QUALITY.load_questions(QUALITY.HELDOUT14)
HELDOUT15 = QUALITY.load_questions(QUALITY.HELDOUT15)
HELDOUT16 = QUALITY.load_questions(QUALITY.HELDOUT16)
HELDOUT17 = QUALITY.load_questions(QUALITY.HELDOUT17)
HELDOUT18 = QUALITY.load_questions(QUALITY.HELDOUT18)
HELDOUT19 = QUALITY.load_questions(QUALITY.HELDOUT19)
HELDOUT20 = QUALITY.load_questions(QUALITY.HELDOUT20)


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


def test_the_held_out_set_is_big_enough_and_of_every_kind() -> None:
    kinds = [q["kind"] for q in HELDOUT]
    assert len(HELDOUT) >= 60
    assert kinds.count("question") >= 30 and kinds.count("person") >= 10
    assert kinds.count("keyword") >= 10 and kinds.count("no-answer") >= 10


def test_no_held_out_question_is_in_the_tuning_set() -> None:
    assert not {q["q"].lower() for q in HELDOUT} & {q["q"].lower() for q in QUESTIONS}


def test_every_answer_names_a_record_of_the_base() -> None:
    from brtrade.core.loader import load_fact_base
    from brtrade.core.paths import bundled_facts_path

    base = load_fact_base(bundled_facts_path())
    ids = {r.id for r in (*base.claims, *base.speakers, *base.entities)}
    for q in (q for questions in IN_ORDER for q in questions):
        assert set(q["answers"]) <= ids, q


def assert_holds(questions: list[dict[str, Any]], floors: dict[str, dict[str, float]]) -> None:
    """brtrade scores at least each floor on ``questions`` (to a float's rounding)."""
    results = QUALITY.evaluate(QUALITY.brtrade_ranker(), questions)
    for kind, kind_floors in floors.items():
        for metric, floor in kind_floors.items():
            assert results[kind][metric] >= floor - 1e-9, (kind, metric, results[kind])


def test_held_out_quality_does_not_fall() -> None:
    results = QUALITY.evaluate(QUALITY.brtrade_ranker(), HELDOUT)
    for kind, floors in HELDOUT_FLOORS.items():
        for metric, floor in floors.items():
            assert results[kind][metric] >= floor, (kind, metric, results[kind])


HELDOUT2_FLOORS = {
    "question": {"hit@1": 0.75, "hit@3": 0.80},
    "person": {"hit@1": 0.80},
    "no-answer": {"empty": 0.60},
}
"""Floors at the scores the second held-out set was committed with (e2021fa); questions
raised to what the kind floor scores."""


def test_the_second_held_out_set_is_apart_and_does_not_fall() -> None:
    seen = {q["q"].lower() for q in (*QUESTIONS, *HELDOUT)}
    assert not {q["q"].lower() for q in HELDOUT2} & seen
    results = QUALITY.evaluate(QUALITY.brtrade_ranker(), HELDOUT2)
    for kind, floors in HELDOUT2_FLOORS.items():
        for metric, floor in floors.items():
            assert results[kind][metric] >= floor, (kind, metric, results[kind])


HELDOUT3_FLOORS = {
    "question": {"hit@1": 0.87, "hit@3": 1.00},
    "person": {"hit@1": 0.66},
    "no-answer": {"empty": 1.00},
}
"""Floors at the scores the third held-out set was committed with (c3cecee); questions
and no-answer raised to what the kind floor and the needed kinds score."""


HELDOUT4_FLOORS = {
    "question": {"hit@1": 0.87, "hit@3": 0.93},
    "person": {"hit@1": 0.75},
    "no-answer": {"empty": 0.87},
}
"""Floors at the scores the fourth held-out set was committed with (3efc42b: question
hit@1 0.81, hit@3 0.81); questions raised to what the kind floor, not tuned to this set,
scores on it."""


HELDOUT5_FLOORS = {
    "question": {"hit@1": 0.77, "hit@3": 0.88},
    "person": {"hit@1": 1.00},
    "no-answer": {"empty": 0.80},
}
"""Floors at the scores the fifth held-out set was committed with (48143d1; at 3efc42b,
before the kind floor and the needed kinds, it scored question 0.72 / 0.83 and
no-answer 0.60)."""


HELDOUT6_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.78, "hit@3": 0.78},
    "person": {"hit@1": 0.66},
    "no-answer": {"empty": 0.40},
}
"""Floors at the scores the sixth held-out set was committed with (e35ea64)."""


HELDOUT7_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.70, "hit@3": 0.93},
    "person": {"hit@1": 1.00},
    "no-answer": {"empty": 0.70},
}
"""Floors at the scores of 5247ccc, after the seventh set's misses were read to find
classes of failure (committed with those of a956a0e: 0.63 / 0.80, 0.70, 0.40)."""


HELDOUT8_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.83, "hit@3": 0.86},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 0.50},
}
"""Floors at the scores the eighth held-out set was committed with (2c8d0dd), raised to
those of 5247ccc (person 0.80 -> 0.90) so that a later change cannot lose them."""


HELDOUT9_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.76, "hit@3": 0.90},
    "person": {"hit@1": 1.00},
    "no-answer": {"empty": 0.70},
}
"""Floors at the scores the ninth held-out set was committed with (abbd744)."""


HELDOUT10_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.76, "hit@3": 0.90},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 0.90},
}
"""Floors at the scores the tenth held-out set was committed with (50b866c)."""


HELDOUT11_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.90, "hit@3": 0.90},
    "person": {"hit@1": 0.80},
    "no-answer": {"empty": 0.90},
}
"""Floors at the scores the eleventh held-out set was committed with (908cf89)."""


HELDOUT12_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.80, "hit@3": 0.90},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 0.60},
}
"""Floors at the scores the twelfth held-out set was committed with (69d8530)."""


HELDOUT13_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.90, "hit@3": 1.00},
    "person": {"hit@1": 1.00},
    "no-answer": {"empty": 0.90},
}
"""Floors at the scores the thirteenth held-out set was committed with (1e13534)."""


HELDOUT14_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.80, "hit@3": 0.90},
    "person": {"hit@1": 1.00},
    "no-answer": {"empty": 0.90},
}
"""Floors at the scores the fourteenth held-out set was committed with (d42ac4d)."""


HELDOUT15_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.86, "hit@3": 1.00},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 0.80},
}
"""Floors at the scores the fifteenth held-out set was committed with (141ff13)."""


HELDOUT16_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.86, "hit@3": 0.96},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 1.00},
}
"""Floors at the scores the sixteenth held-out set was committed with (1ada794)."""


HELDOUT17_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.83, "hit@3": 0.90},
    "person": {"hit@1": 0.80},
    "no-answer": {"empty": 0.90},
}
"""Floors at the scores the seventeenth held-out set was committed with (a015627)."""


HELDOUT18_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.70, "hit@3": 0.70},
    "person": {"hit@1": 0.60},
    "no-answer": {"empty": 0.80},
}
"""Floors at the scores the eighteenth held-out set was committed with (a6bf9ad)."""


HELDOUT19_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.70, "hit@3": 0.76},
    "person": {"hit@1": 0.80},
    "no-answer": {"empty": 0.60},
}
"""Floors at the scores the nineteenth held-out set was committed with (71a3027)."""


HELDOUT20_FLOORS = {
    "keyword": {"hit@3": 1.00},
    "question": {"hit@1": 0.70, "hit@3": 0.86},
    "person": {"hit@1": 0.90},
    "no-answer": {"empty": 0.50},
}
"""Floors at the scores the twentieth held-out set was committed with (3b442e6)."""


IN_ORDER = tuple(QUALITY.load_questions(path) for _, path in QUALITY.SETS)
"""The sets in the order they were written (benchmarks/quality.py's ``SETS``, the one list
of them): each held-out set is apart from all before."""


def test_every_set_of_questions_is_in_the_one_list() -> None:
    on_disk = {p.name for p in QUALITY.QUESTIONS.parent.glob("*.yaml")}
    assert on_disk == {path.name for _, path in QUALITY.SETS}


LATER_SETS = {
    "third": (HELDOUT3, HELDOUT3_FLOORS, {}),
    "fourth": (HELDOUT4, HELDOUT4_FLOORS, {}),
    "fifth": (HELDOUT5, HELDOUT5_FLOORS, {}),
    "sixth": (HELDOUT6, HELDOUT6_FLOORS, {}),
    "seventh": (HELDOUT7, HELDOUT7_FLOORS, {"question": 30, "no-answer": 10}),
    "eighth": (
        HELDOUT8,
        HELDOUT8_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "ninth": (
        HELDOUT9,
        HELDOUT9_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "tenth": (
        HELDOUT10,
        HELDOUT10_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "eleventh": (
        HELDOUT11,
        HELDOUT11_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "twelfth": (
        HELDOUT12,
        HELDOUT12_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "thirteenth": (
        HELDOUT13,
        HELDOUT13_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "fourteenth": (
        HELDOUT14,
        HELDOUT14_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "fifteenth": (
        HELDOUT15,
        HELDOUT15_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "sixteenth": (
        HELDOUT16,
        HELDOUT16_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "seventeenth": (
        HELDOUT17,
        HELDOUT17_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "eighteenth": (
        HELDOUT18,
        HELDOUT18_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "nineteenth": (
        HELDOUT19,
        HELDOUT19_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
    "twentieth": (
        HELDOUT20,
        HELDOUT20_FLOORS,
        {"question": 30, "person": 10, "keyword": 10, "no-answer": 10},
    ),
}
"""Each later held-out set, its floors and the least number of questions of each kind."""


@pytest.mark.parametrize("name", LATER_SETS)
def test_a_later_held_out_set_is_apart_of_its_kinds_and_does_not_fall(name: str) -> None:
    questions, floors, least = LATER_SETS[name]
    earlier = [q for s in IN_ORDER[: IN_ORDER.index(questions)] for q in s]
    assert not {q["q"].lower() for q in questions} & {q["q"].lower() for q in earlier}
    kinds = [q["kind"] for q in questions]
    for kind, n in least.items():
        assert kinds.count(kind) >= n, (kind, kinds.count(kind))
    assert_holds(questions, floors)


def test_brtrade_beats_the_bm25_baseline_on_no_answer_questions() -> None:
    ours = QUALITY.evaluate(QUALITY.brtrade_ranker(), QUESTIONS)["no-answer"]["empty"]
    theirs = QUALITY.evaluate(QUALITY.bm25_ranker(), QUESTIONS)["no-answer"]["empty"]
    assert ours > theirs


def test_benchmark_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert QUALITY.main() == 0
    out = capsys.readouterr().out
    assert "| question |" in out and "BM25" in out
    assert "## tuning set" in out and "## held-out set" in out
    assert "## second held-out set" in out


def test_the_clean_held_out_set_s_misses_are_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clean estimates stay clean: ``--misses`` prints every other set's misses."""
    monkeypatch.setattr("sys.argv", ["quality.py", "--misses"])
    assert QUALITY.main() == 0
    out = capsys.readouterr().out
    sections = out.split("\n## ")
    hidden_titles = [t for t, path in QUALITY.SETS if path in QUALITY.CLEAN]
    assert len(hidden_titles) == len(QUALITY.CLEAN) >= 1
    for title in hidden_titles:
        (hidden,) = [s for s in sections if s.lstrip("# ").startswith(title)]
        assert "| no-answer |" in hidden  # its own section, whole
        assert "brtrade misses:" not in hidden
    shown = [s for s in sections if not any(s.lstrip("# ").startswith(t) for t in hidden_titles)]
    assert any("brtrade misses:" in s for s in shown)  # the others' are printed
