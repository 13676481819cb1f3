"""`brtrade cache`: list, prune, clear; and the pruning brtrade does on its own."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from brtrade.core.query import Asked
from brtrade.index import cache
from brtrade.index.store import FactStore
from tests.helpers import MINI, Run


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "brtrade"


def base(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(MINI, target)
    FactStore(target).claim_rows(Asked(["alpha"]))  # builds its index
    return target


def listed(run: Run) -> list[dict[str, object]]:
    result = run("cache", "--json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_list_shows_each_base_its_size_and_last_use(folder: Path, tmp_path: Path, run: Run) -> None:
    a = base(tmp_path, "a")
    base(tmp_path, "b")
    rows = listed(run)
    assert {r["base"] for r in rows} == {str(a.resolve()), str((tmp_path / "b").resolve())}
    assert all(r["exists"] and r["current"] and int(r["bytes"]) > 0 for r in rows)  # type: ignore[call-overload]
    assert "index of" in run("cache").stdout


def test_prune_removes_what_is_gone_or_unused(folder: Path, tmp_path: Path, run: Run) -> None:
    base(tmp_path, "kept")
    gone = base(tmp_path, "gone")
    old = base(tmp_path, "old")
    shutil.rmtree(gone)
    stamp = next(
        folder / f"{r['key']}.stamp.json" for r in listed(run) if r["base"] == str(old.resolve())
    )
    past = time.time() - 40 * 86400
    os.utime(stamp, (past, past))
    removed = json.loads(run("cache", "prune", "--json").stdout)
    assert {r["base"] for r in removed} == {str(gone.resolve()), str(old.resolve())}
    assert [r["base"] for r in listed(run)] == [str((tmp_path / "kept").resolve())]
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_clear_removes_everything(folder: Path, tmp_path: Path, run: Run) -> None:
    base(tmp_path, "a")
    assert len(json.loads(run("cache", "clear", "--json").stdout)) == 1
    assert listed(run) == []
    assert FactStore(tmp_path / "a").claim_rows(Asked(["alpha"])).rows  # rebuilt on demand


def test_the_size_cap_evicts_the_least_recently_used(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = base(tmp_path, "first")
    size = cache.entries()[0].size
    stamp = folder / f"{cache.entries()[0].key}.stamp.json"
    os.utime(stamp, (time.time() - 3600, time.time() - 3600))  # used an hour ago
    monkeypatch.setenv("BRTRADE_CACHE_MAX", str(int(size * 1.5)))
    (folder / ".last-prune").unlink(missing_ok=True)
    second = base(tmp_path, "second")  # building prunes: only one index fits
    assert [e.base for e in cache.entries()] == [str(second.resolve())]
    assert first.exists()


def test_auto_prune_runs_at_most_once_a_day(folder: Path, tmp_path: Path) -> None:
    gone = base(tmp_path, "gone")  # the first build prunes (nothing) and marks the day
    shutil.rmtree(gone)
    base(tmp_path, "next")
    assert any(e.base == str(gone.resolve()) for e in cache.entries())  # not yet: same day
    past = time.time() - 2 * 86400
    os.utime(folder / ".last-prune", (past, past))
    base(tmp_path, "later")
    assert not any(e.base == str(gone.resolve()) for e in cache.entries())


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("", 1024**3),
        ("500M", 500 * 1024**2),
        ("2G", 2 * 1024**3),
        ("12345", 12345),
        ("junk", 1024**3),
    ],
)
def test_cache_max(monkeypatch: pytest.MonkeyPatch, raw: str, expected: int) -> None:
    monkeypatch.setenv("BRTRADE_CACHE_MAX", raw)
    assert cache.max_bytes() == expected
