"""Answers of any size are written a batch of rows at a time (FactStore.answers).

The batch is made tiny here, so that the bundled base's answers span many batches:
every format must print exactly what it prints when the answer comes whole, from
the index and from memory, and an index damaged between two batches still gives
the same answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brtrade.core import sources
from brtrade.core.paths import bundled_facts_path
from brtrade.index import store as store_module
from brtrade.index.reader import Index
from tests.helpers import Run

LISTINGS = [
    ["facts", "--json"],
    ["facts", "trade", "--format", "jsonl"],
    ["facts", "--format", "csv", "--fields", "id,statement"],
    ["facts", "belt and road", "--format", "tsv"],
    ["facts", "--format", "markdown"],
    ["facts", "--format", "yaml"],
    ["facts", "how much did trade with asean grow", "--explain", "--json"],
    ["facts", "--topic", "asean", "--json"],
    ["quote", "--json"],
    ["quote", "trade", "--format", "csv"],
    ["facts", "nothing-like-this-anywhere", "--json"],
]


@pytest.mark.parametrize("args", LISTINGS)
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_an_answer_in_batches_is_the_answer_whole(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], cache: list[str]
) -> None:
    whole = run(*cache, *args)
    monkeypatch.setattr(store_module, "ROW_BATCH", 2)
    batched = run(*cache, *args)
    assert (batched.exit_code, batched.stdout, batched.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    if whole.exit_code == 0:
        assert len(whole.stdout) > 100


def test_an_index_damaged_between_batches_gives_the_same_answer(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run("facts", "--json")
    run("facts")  # the index is built
    monkeypatch.setattr(store_module, "ROW_BATCH", 3)
    real = Index.rows
    calls = {"n": 0}

    def failing(self: Index, kind: object, ords: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValueError("a damaged page")
        return real(self, kind, ords)  # type: ignore[arg-type]

    monkeypatch.setattr(Index, "rows", failing)
    batched = run("facts", "--json")
    assert calls["n"] >= 3
    assert batched.exit_code == 0 and batched.stdout == whole.stdout


def test_a_changed_source_text_is_told_once_however_many_batches(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(bundled_facts_path(), base / "facts.yaml")
    shutil.copytree(bundled_facts_path().parent / "sources", base / "sources")
    run("--facts", str(base), "facts")  # the index is built
    text = base / "sources" / "br-trade-2020.txt"
    text.write_text(text.read_text("utf-8") + "\n\nA paragraph added later.\n", "utf-8")
    monkeypatch.setattr(store_module, "ROW_BATCH", 2)
    result = run("--facts", str(base), "facts", "--json")
    assert result.exit_code == 0
    assert result.stderr.count("has changed since the index was built") == 1


def test_source_texts_are_held_a_few_at_a_time(tmp_path: Path) -> None:
    paths = []
    for i in range(sources.CACHED_TEXTS + 10):
        path = tmp_path / f"s{i}.txt"
        path.write_text(f"Paragraph one of {i}.\n\nParagraph two.\n", "utf-8")
        paths.append(path)
    first = sources.read_source_text("s0", str(paths[0]), "s0")
    for i, path in enumerate(paths):
        sources.read_source_text(f"s{i}", str(path), f"s{i}")
    assert len(sources._CACHE) <= sources.CACHED_TEXTS
    again = sources.read_source_text("s0", str(paths[0]), "s0")
    assert again is not first  # evicted, and read again
    assert again.paragraphs == first.paragraphs == ("Paragraph one of 0.", "Paragraph two.")
