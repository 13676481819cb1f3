"""A large build writes part of its records in a forked process: the index it writes
is the one a build in one process writes, and a child that fails changes nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brtrade.core.loader import load_fact_base
from brtrade.index import writer
from brtrade.index.build import build
from tests.helpers import MINI, ROOT

forking = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the build forks only on Linux with a second core",
)


def dump(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def built(tmp_path: Path, name: str, facts: Path = ROOT / "facts.yaml") -> list[str]:
    target = tmp_path / name
    target.touch()
    build(target, load_fact_base(facts), "same-build")
    return dump(target)


def two_files(tmp_path: Path) -> Path:
    """The mini base and a second file: records of two files, in document order."""
    folder = tmp_path / "two"
    shutil.copytree(MINI, folder)
    second = (MINI.parent / "second.yaml").read_text("utf-8").replace("alpha-containers", "new")
    (folder / "second.yaml").write_text(second, "utf-8")
    return folder


def counting_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forks


@forking
@pytest.mark.parametrize("base", ["bundled", "two files"])
def test_a_forked_build_writes_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: str
) -> None:
    facts = ROOT / "facts.yaml" if base == "bundled" else two_files(tmp_path)
    alone = built(tmp_path, "alone.sqlite", facts)
    forks = counting_forks(monkeypatch)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 2)
    assert built(tmp_path, "forked.sqlite", facts) == alone
    assert len(forks) == 1  # the rest was the child's


@forking
def test_a_failing_child_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = built(tmp_path, "alone.sqlite")
    parent = os.getpid()
    real = writer.Writer._claim_row
    calls = {"n": 0}

    def failing_in_the_child(self: writer.Writer, *args: Any) -> writer.Row:
        calls["n"] += 1
        if os.getpid() != parent and calls["n"] > 1:
            raise RuntimeError("the child fails after one claim")
        return real(self, *args)

    monkeypatch.setattr(writer, "PARALLEL_FROM", 2)
    monkeypatch.setattr(writer.Writer, "_claim_row", failing_in_the_child)
    assert built(tmp_path, "forked.sqlite") == alone


@pytest.mark.parametrize("split", [0, 1, 7, 20, 10_000])
def test_any_split_writes_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split: int
) -> None:
    """The parent's part and the child's tally merge into the tally of one pass, wherever
    the claims are split (here without forking, so it runs everywhere)."""
    alone = built(tmp_path, "alone.sqlite")
    monkeypatch.setattr(writer, "parallel_split", lambda claims, quotes: min(split, claims))
    monkeypatch.setattr(writer, "_fork", lambda rest: None)
    assert built(tmp_path, f"split{split}.sqlite") == alone


@given(st.integers(0, 1_000_000), st.integers(0, 1_000_000))
def test_the_split_is_a_share_of_the_claims(claims: int, quotes: int) -> None:
    split = writer.parallel_split(claims, quotes)
    assert 0 <= split <= claims
    if claims < writer.PARALLEL_FROM:
        assert split == claims  # a small base is written in one process
    elif quotes <= claims:
        assert claims // 3 <= split <= claims * 3 // 4
