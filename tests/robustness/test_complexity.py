"""Every command that reads open-ended input runs in time near-linear in it: the time at
10n, against the time at n, stays under 15 (a ratio, not a timed test: quadratic work
would make it about 100). Inputs of numbers, of quotes, of names and of long words, for
draft, verify, questions and check. CPU time of the work itself, in process, the best of
three with the collector off, and a ratio over the limit measured once more before it
fails, so that start-up and a busy machine do not blur the ratio."""

from __future__ import annotations

import gc
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from brtrade.core.drafting import draft_fact_file
from brtrade.core.loader import lint_fact_base
from brtrade.core.memory import Searcher
from brtrade.core.paths import bundled_facts_path
from brtrade.core.verify import verify_draft
from brtrade.index.store import FactStore
from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # CI runs these: python -m pytest -m slow

RATIO = 15


def _best(work: Callable[[], object]) -> float:
    """The best of three, with the garbage collector off as timeit has it: a collection's
    cost grows with everything alive, so a large run would pay for the heap, not its work."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return max(best, 1e-4)


FLOOR = 0.02  # seconds: a smaller run is timer and scheduler noise, not work


def _ratio(
    make: Callable[[int], str], run: Callable[[str], object], n: int, floor: float = FLOOR
) -> float:
    """The time at 10n against the time at n, where n is first doubled until the run at n
    takes `floor` (at most 32n: a question is cut at its limit, and its time stops growing):
    a 2 ms run on a busy machine can vary by half, and so could the ratio."""

    def timed(text: str) -> float:
        return _best(lambda: run(text))

    run(make(n))  # warm caches (stemmer, tables) first
    small_time, limit = timed(make(n)), 32 * n
    while small_time < floor and n < limit:
        n *= 2
        small_time = timed(make(n))
    ratio = timed(make(10 * n)) / small_time
    if ratio >= RATIO:  # a second measure before failing: work that is quadratic fails both
        ratio = min(ratio, timed(make(10 * n)) / timed(make(n)))
    return ratio


TEXTS: dict[str, Callable[[int], str]] = {
    "numbers": lambda n: ", ".join(f"{i} percent" for i in range(n)) + ".",
    "bare numbers": lambda n: " ".join(str(i) for i in range(n)),
    "number sentences": lambda n: " ".join(
        f"Trade with ASEAN rose {i % 40} percent to {i % 9 + 1}.5 trillion yuan in 2020."
        for i in range(n)
    ),
    "quotes": lambda n: "\n\n".join(
        f"“The smart engine on our bike possesses rights number {i},” said Li Xiangrong, "
        "secretary to the board chairman of Shenzhen Xidesheng Bicycle Company."
        for i in range(n)
    ),
    "quotes on one line": lambda n: " ".join(
        f"“Trade with partner {i} has grown a great deal,” said Zhou{i} Mi{i}, deputy director."
        for i in range(n)
    ),
    "names": lambda n: " ".join(
        f"Zhang{i} Wei{i} met Liu{i} Chang{i} in Beijing{i}." for i in range(n)
    ),
    "long words": lambda n: " ".join("x" * 2000 for _ in range(n)) + ".",
}


def test_the_ratio_tells_quadratic_work_from_linear() -> None:
    """The measure itself: work quadratic in its input is caught, linear work is not."""

    def quadratic(text: str) -> object:
        words = text.split()
        return sum(1 for a in words for b in words if a == b)

    make = TEXTS["bare numbers"]
    assert _ratio(make, quadratic, 20, floor=0.002) > RATIO * 3
    assert _ratio(make, lambda t: sorted(t.split()), 20) < RATIO


@pytest.mark.parametrize("kind", list(TEXTS))
def test_draft_is_near_linear(kind: str) -> None:
    n = 50 if kind == "long words" else 200
    assert _ratio(TEXTS[kind], lambda t: draft_fact_file(t, "article"), n) < RATIO


@pytest.fixture(scope="module")
def store() -> FactStore:
    return FactStore(bundled_facts_path())  # the index, as the CLI answers


@pytest.mark.parametrize("kind", list(TEXTS))
def test_verify_is_near_linear(kind: str, store: FactStore) -> None:
    from brtrade.core import quotations

    speakers = store.names().speakers
    lexicon = store.lexicon()

    def run(text: str) -> object:
        # The work itself, each run afresh: a store makes each candidate search once and
        # the quote diffs are kept 1,024 at a time, so a small run repeated would be
        # answered from them and a large one not, and the ratio would measure the caches.
        quotations._diff.cache_clear()
        fresh = FactStore(bundled_facts_path())
        return verify_draft(text, "draft", fresh.candidates, speakers, lambda w: w in lexicon)

    n = 30 if kind.startswith("quotes") else 100  # a quotation costs milliseconds
    assert _ratio(TEXTS[kind], run, n) < RATIO


QUESTIONS: dict[str, Callable[[int], str]] = {
    "numbers": lambda n: " ".join(f"{i}.5 trillion yuan" for i in range(n)),
    "words": lambda n: " ".join(["asean", "trade", "overseas", "popular"] * n),
    "names": lambda n: " ".join(f"Zhang{i}" for i in range(n)),
    "long words": lambda n: " ".join("y" * 3000 for _ in range(n)),
}


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_a_question_is_near_linear(kind: str) -> None:
    from brtrade.core.loader import load_fact_base

    searcher = Searcher(load_fact_base(bundled_facts_path()))
    assert _ratio(QUESTIONS[kind], lambda q: searcher.claims([q]), 10) < RATIO


def _generate() -> Callable[[int, Path], Path]:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda n, out: module.write(n, out)  # type: ignore[no-any-return]


def test_check_is_near_linear(tmp_path: Path) -> None:
    write = _generate()
    small = write(60, tmp_path / "small")
    large = write(600, tmp_path / "large")
    lint_fact_base(small)
    ratio = _best(lambda: lint_fact_base(large)) / _best(lambda: lint_fact_base(small))
    assert ratio < RATIO
