"""A large build prepares half of its claims in a forked process: the index it writes
is the one a build in one process writes, and a child that fails changes nothing."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from brtrade.core.loader import load_fact_base
from brtrade.index import writer
from brtrade.index.build import build
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the build forks only on Linux with a second core",
)


def dump(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def built(tmp_path: Path, name: str) -> list[str]:
    target = tmp_path / name
    target.touch()
    build(target, load_fact_base(ROOT / "facts.yaml"), "same-build")
    return dump(target)


def test_a_forked_build_writes_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = built(tmp_path, "alone.sqlite")
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(writer, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "fork", counted)
    assert built(tmp_path, "forked.sqlite") == alone
    assert len(forks) == 1  # the second half was the child's


def test_a_failing_child_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = built(tmp_path, "alone.sqlite")
    parent = os.getpid()
    real = writer.Writer._prepare_claim
    calls = {"n": 0}

    def failing_in_the_child(self: writer.Writer, claim: object) -> writer.Prepared:
        calls["n"] += 1
        if os.getpid() != parent and calls["n"] > 1:
            raise RuntimeError("the child fails after one claim")
        return real(self, claim)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "PARALLEL_FROM", 2)
    monkeypatch.setattr(writer, "_BATCH", 1)
    monkeypatch.setattr(writer.Writer, "_prepare_claim", failing_in_the_child)
    assert built(tmp_path, "forked.sqlite") == alone
